// browse's per-keystroke list update, timed in a process of its own (for its peak memory), on
// modules bundled from the sources: `node bench/keystrokes.js <bundle> <library> <cache folder>`
// prints the measures as JSON.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { bundleFromSources } from './bundle.js'
import { median } from './measure.js'

const ENTRY = `
export { BrowseSearch } from './src/store/search-reads.ts'
export { FileStore } from './src/store/file-store.ts'
export { parseTypedQuery } from './src/core/search/query.ts'
export { BROWSE_SEARCH, browseLines } from './src/commands/browse/choices.ts'
`

/** Bundle the modules browse uses (once per benchmark run, before src/ changes): { file, remove }. */
export const browseBundle = (root) => bundleFromSources(root, ENTRY)

/** The lines browse shows at once (its page size): what BrowseSearch.first is asked for. */
const SCREENFUL = 12

/** What the bench types, one character at a time. */
export const TYPED = ['graph attention', 'quantum chem', 'tranformer model']

/**
 * Per-keystroke time of browse's list update, typing a query one character at a time: the search's
 * exact answer (wall and CPU), and in CPU what the person waits for, the list drawn at once
 * (`first`: BrowseSearch.first, and at how many keystrokes it had one) and the settled one (`settled`:
 * that and the search, which a key typed meanwhile waits for); and the time
 * browse takes to open: as the command opens, from the index and the postings file in `cacheDir`
 * (built first, by an opening not timed, when they are not there yet), reading only the records
 * shown. Measured in a child process (`bundle` from browseBundle), with its peak memory in KiB
 * (null without GNU time), which then includes the postings' build when they were not there.
 */
export function keystrokes(bundle, file, cacheDir) {
  const time = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', '@@time %M'] : []
  const argv = [...time, process.execPath, fileURLToPath(import.meta.url), bundle, file, cacheDir]
  const result = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 })
  if (result.status !== 0) throw new Error(`browse's keystrokes failed: ${result.stderr}`)
  const peak = /@@time (\d+)/.exec(result.stderr)
  return { ...JSON.parse(result.stdout), peak: peak ? Number(peak[1]) : null }
}

async function measure(bundle, file, cacheDir) {
  const { BrowseSearch, FileStore, parseTypedQuery, BROWSE_SEARCH, browseLines } = await import(pathToFileURL(bundle).href)
  const storeOf = () => new FileStore(file, undefined, undefined, undefined, { cacheDir })
  await BrowseSearch.open(storeOf())
  const preparing = performance.now()
  const search = await BrowseSearch.open(storeOf())
  search.prepare() // as browse does when it opens, before the first keystroke
  const prepareMs = performance.now() - preparing
  const times = []
  const cpu = []
  const firstCpu = []
  const settledCpu = []
  let shownAtOnce = 0
  for (const text of TYPED) {
    for (let i = 1; i <= text.length; i++) {
      const query = parseTypedQuery(text.slice(0, i))
      // What the person sees first: the list browse draws at once (BrowseSearch.first), in the keystroke's frame.
      const before = process.cpuUsage()
      const first = search.first(query, BROWSE_SEARCH, SCREENFUL)
      if (first) browseLines(first, 100, (s) => s)
      const firstUsed = process.cpuUsage(before)
      if (first) shownAtOnce++
      // Then the settled list (the search's exact answer), as before.
      const started = performance.now()
      const used = process.cpuUsage()
      const { hits } = await search.search(query, BROWSE_SEARCH)
      browseLines(hits, 100, (s) => s)
      const { user, system } = process.cpuUsage(used)
      times.push(performance.now() - started)
      cpu.push((user + system) / 1000)
      firstCpu.push((firstUsed.user + firstUsed.system) / 1000)
      settledCpu.push(firstCpu.at(-1) + cpu.at(-1))
    }
  }
  const p95 = (values) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)]
  const spread = (values) => ({ median: median(values), p95: p95(values), max: Math.max(...values) })
  return {
    prepareMs,
    median: median(times),
    p95: p95(times),
    max: Math.max(...times),
    cpu: spread(cpu),
    first: { cpu: spread(firstCpu), shown: shownAtOnce },
    settled: { cpu: spread(settledCpu) },
    count: times.length,
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [bundle, file, cacheDir] = process.argv.slice(2)
  console.log(JSON.stringify(await measure(bundle, file, cacheDir)))
}

// browse's per-keystroke list update, timed inside one process, on modules bundled from the sources.
import { median } from './measure.js'
import { importFromSources } from './bundle.js'

const ENTRY = `
export { BrowseSearch } from './src/store/search-reads.ts'
export { FileStore } from './src/store/file-store.ts'
export { parseTypedQuery } from './src/core/search/query.ts'
export { BROWSE_SEARCH, browseLines } from './src/commands/browse/choices.ts'
`

/** Bundle the modules browse uses and import them (once per benchmark run, before src/ changes). */
export const browseModules = (root) => importFromSources(root, ENTRY)

/** What the bench types, one character at a time. */
export const TYPED = ['graph attention', 'quantum chem', 'tranformer model']

/**
 * Per-keystroke time of browse's list update, typing a query one character at a time, and the time
 * browse takes to open: as the command opens, from the index and the postings file in `cacheDir`
 * (built first, by an opening not timed, when they are not there yet), reading only the records shown.
 */
export async function keystrokes({ BrowseSearch, FileStore, parseTypedQuery, BROWSE_SEARCH, browseLines }, file, cacheDir) {
  const storeOf = () => new FileStore(file, undefined, undefined, undefined, { cacheDir })
  await BrowseSearch.open(storeOf())
  const preparing = performance.now()
  const search = await BrowseSearch.open(storeOf())
  search.prepare() // as browse does when it opens, before the first keystroke
  const prepareMs = performance.now() - preparing
  const times = []
  const cpu = []
  for (const text of TYPED) {
    for (let i = 1; i <= text.length; i++) {
      const started = performance.now()
      const used = process.cpuUsage()
      const { hits } = await search.search(parseTypedQuery(text.slice(0, i)), BROWSE_SEARCH)
      browseLines(hits, 100, (s) => s)
      const { user, system } = process.cpuUsage(used)
      times.push(performance.now() - started)
      cpu.push((user + system) / 1000)
    }
  }
  const p95 = (values) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)]
  return {
    prepareMs,
    median: median(times),
    p95: p95(times),
    max: Math.max(...times),
    cpu: { median: median(cpu), p95: p95(cpu), max: Math.max(...cpu) },
    count: times.length,
  }
}

// browse's per-keystroke list updates, timed in processes of their own (for their peak memory), on
// modules bundled from the sources: `node bench/keystrokes.js <bundle> <library> <cache folder> <thread|worker>`
// prints the measures as JSON.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { bundleFromSources } from './bundle.js'
import { median } from './measure.js'

const ENTRY = `
export { BrowseLists } from './src/store/browse-lists.ts'
export { FileStore } from './src/store/file-store.ts'
export { parseTypedQuery } from './src/core/search/query.ts'
export { BROWSE_SEARCH, browseLines } from './src/commands/browse/choices.ts'
`

/** Bundle the modules browse uses (once per benchmark run, before src/ changes): { file, remove }. */
export const browseBundle = (root) => bundleFromSources(root, ENTRY)

/** The lines browse shows at once (its page size): what BrowseLists.first is asked for. */
const SCREENFUL = 12

/** What the bench types, one character at a time, each list settled before the next key. */
export const TYPED = ['graph attention', 'quantum chem', 'tranformer model']

/**
 * What the bench types faster than the lists settle: `held` settled, then `insert` typed into it at
 * `at` (its end when not given), one character at a time, no list settled meanwhile, so every list at
 * once narrows `held`'s. Words the library lacks, each new to the process: a second misspelt word
 * after a settled first (and a third), one whose correction (`learning`) has a long list, one typed
 * in the middle of a query (each of its prefixes a whole word there, a new misspelling at each key),
 * and after fields.
 */
export const HELD = [
  { held: 'graph', insert: ' nueral netwrok ' },
  { held: 'quantum', insert: ' lerning ' },
  { held: 'graph model', at: 5, insert: ' atention' },
  { held: 'tag:ml', insert: ' bayesain optimzation ' },
  { held: 'year:>=2018', insert: ' convolutionl chemisty ' },
]

/** The texts typed for one of HELD, one a keystroke. */
const heldTexts = ({ held, at = held.length, insert }) =>
  [...insert].map((_, i) => held.slice(0, at) + insert.slice(0, i + 1) + held.slice(at))

/**
 * Per-keystroke times of browse, typing each of TYPED one character at a time, from the index and
 * the postings file in `cacheDir` (built first, by an opening not timed, when they are not there
 * yet), reading only the records shown, in two child processes (`bundle` from browseBundle):
 *
 * - on one thread (`thread`), in CPU (process.cpuUsage: every thread's, V8's compilers and
 *   collectors too): the search's exact answer, the settled list (`median`, `p95`, `max` in wall
 *   time and `cpu`, as measured before there was a first list), and `settled`, it and the list drawn
 *   at once together (what the keys would wait for with the search on their thread), the search's
 *   garbage collected before each list at once (browse makes it in the worker's heap, not this one);
 * - as browse runs (`worker`): the list drawn at once (`first`, BrowseLists.first: the keystroke's
 *   own work on the thread that reads the keys, whose heap holds the outline and the lists shown;
 *   `shown`: at how many keystrokes there was one; `overFrame`: the texts over a frame, FRAME_MS,
 *   with their CPU), in CPU; the time from the keystroke to the
 *   settled list from the worker (`worker.wall`: CPU would count both threads); and the process's
 *   peak memory in KiB (null without GNU time): browse's own, the postings having been built by the
 *   other process; and `held`, the lists at once of HELD (CPU, at how many of `count` keystrokes
 *   there was one, and the texts of those over a frame, FRAME_MS, with their CPU).
 *
 * In both, the empty text is settled first, as browse's prompt does as it opens, and each list at
 * once is timed after a pause (PAUSE_MS, as between two keys): process.cpuUsage counts every thread,
 * and the work V8's threads still do in the background after a search (sweeping what a collection
 * left, compiling what ran hot) would otherwise be counted as the keystroke's.
 *
 * And the time browse takes to open (`prepareMs`: the outline and postings read, the entries ordered by recency).
 */
export function keystrokes(bundle, file, cacheDir) {
  const run = (mode) => {
    const time = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', '@@time %M'] : []
    const argv = [...time, process.execPath, '--expose-gc', fileURLToPath(import.meta.url), bundle, file, cacheDir, mode]
    const result = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 })
    if (result.status !== 0) throw new Error(`browse's keystrokes failed: ${result.stderr}`)
    const peak = /@@time (\d+)/.exec(result.stderr)
    return { ...JSON.parse(result.stdout), peak: peak ? Number(peak[1]) : null }
  }
  const thread = run('thread')
  const worker = run('worker')
  return { ...thread, first: worker.first, held: worker.held, worker: { wall: worker.wall }, peak: worker.peak }
}

/** The pause before each list at once is timed (see keystrokes). */
const PAUSE_MS = 50

const p95 = (values) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)]
const spread = (values) => ({ median: median(values), p95: p95(values), max: Math.max(...values) })
const cpuMs = ({ user, system }) => (user + system) / 1000

async function measure(bundle, file, cacheDir, mode) {
  const { BrowseLists, FileStore, parseTypedQuery, BROWSE_SEARCH, browseLines } = await import(pathToFileURL(bundle).href)
  const storeOf = () => new FileStore(file, undefined, undefined, undefined, { cacheDir })
  const worker = mode === 'worker'
  if (!worker) await (await BrowseLists.open(storeOf(), { screenful: SCREENFUL, worker: false })).close() // the index and postings built when missing, not timed
  const preparing = performance.now()
  const lists = await BrowseLists.open(storeOf(), { screenful: SCREENFUL, worker })
  const prepareMs = performance.now() - preparing
  if (lists.inWorker !== worker) throw new Error(`browse's lists ${lists.inWorker ? 'in' : 'not in'} a worker`)
  const times = []
  const cpu = []
  const firstCpu = []
  const settledCpu = []
  const firstOver = []
  let shownAtOnce = 0
  let held
  try {
    browseLines((await lists.search(parseTypedQuery(''), BROWSE_SEARCH)).hits, 100, (s) => s)
    for (const text of TYPED) {
      for (let i = 1; i <= text.length; i++) {
        const query = parseTypedQuery(text.slice(0, i))
        // What the person sees first: the list drawn at once, in the keystroke's frame, after a pause as between two
        // keys; on one thread, the search's garbage collected first (browse makes it in the worker's heap).
        if (!worker) globalThis.gc?.()
        await new Promise((resolve) => setTimeout(resolve, PAUSE_MS))
        const before = process.cpuUsage()
        const first = lists.first(query, BROWSE_SEARCH)
        if (first) browseLines(first, 100, (s) => s)
        firstCpu.push(cpuMs(process.cpuUsage(before)))
        if (first) shownAtOnce++
        if (firstCpu.at(-1) > FRAME_MS) firstOver.push([text.slice(0, i), Math.round(firstCpu.at(-1) * 10) / 10])
        // Then the settled list (the search's exact answer).
        const started = performance.now()
        const used = process.cpuUsage()
        const { hits } = await lists.search(query, BROWSE_SEARCH)
        browseLines(hits, 100, (s) => s)
        times.push(performance.now() - started)
        cpu.push(cpuMs(process.cpuUsage(used)))
        settledCpu.push(firstCpu.at(-1) + cpu.at(-1))
      }
    }
    if (worker) held = await typedWhileHeld(lists, parseTypedQuery, BROWSE_SEARCH, browseLines)
  } finally {
    await lists.close()
  }
  const first = { cpu: spread(firstCpu), shown: shownAtOnce, overFrame: firstOver }
  if (worker) return { prepareMs, wall: spread(times), first, held }
  return {
    prepareMs,
    ...spread(times),
    cpu: spread(cpu),
    settled: { cpu: spread(settledCpu) },
    count: times.length,
  }
}

/** A frame at 60 per second: what a keystroke's list at once should take at most. */
const FRAME_MS = 16

/** The lists at once of HELD's keystrokes, in CPU (see keystrokes). */
async function typedWhileHeld(lists, parseTypedQuery, options, browseLines) {
  const cpu = []
  let shown = 0
  const overFrame = []
  for (const sequence of HELD) {
    await lists.search(parseTypedQuery(sequence.held), options)
    const texts = heldTexts(sequence)
    for (const text of texts) {
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS))
      const before = process.cpuUsage()
      const first = lists.first(parseTypedQuery(text), options)
      if (first) browseLines(first, 100, (s) => s)
      cpu.push(cpuMs(process.cpuUsage(before)))
      if (first) shown++
      if (cpu.at(-1) > FRAME_MS) overFrame.push([text, Math.round(cpu.at(-1) * 10) / 10])
    }
    await lists.search(parseTypedQuery(texts.at(-1)), options)
  }
  return { cpu: spread(cpu), shown, count: cpu.length, overFrame }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [bundle, file, cacheDir, mode] = process.argv.slice(2)
  console.log(JSON.stringify(await measure(bundle, file, cacheDir, mode)))
}

// browse's per-keystroke list update, timed inside one process, on modules bundled from the sources.
import { importFromSources } from './bundle.js'
import { median } from './measure.js'

const ENTRY = `
export { libraryEntries } from './src/core/records/entries.ts'
export { InMemorySearch } from './src/core/search/postings-search.ts'
export { buildPostings } from './src/core/search/postings.ts'
export { browseChoices } from './src/commands/browse/choices.ts'
export { LibraryFile } from './src/store/library-file.ts'
`

/** Bundle the modules browse uses and import them (once per benchmark run, before src/ changes). */
export const browseModules = (root) => importFromSources(root, ENTRY)

/**
 * Per-keystroke time of browse's list update, typing a query one character at a time (library read
 * as the store reads it), and the time browse takes to prepare the library as it opens (here the
 * postings built from it, which browse loads from the index when they are current).
 */
export async function keystrokes({ libraryEntries, InMemorySearch, buildPostings, browseChoices, LibraryFile }, file) {
  const entries = libraryEntries(await new LibraryFile(file).read())
  const preparing = performance.now()
  const search = new InMemorySearch(buildPostings(entries), entries)
  search.prepare() // as browse does when it opens, before the first keystroke
  const prepareMs = performance.now() - preparing
  const times = []
  const cpu = []
  for (const text of ['graph attention', 'quantum chem', 'tranformer model']) {
    for (let i = 1; i <= text.length; i++) {
      const started = performance.now()
      const used = process.cpuUsage()
      browseChoices(search, text.slice(0, i), 100, (s) => s)
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

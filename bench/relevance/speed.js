// Search time inside one process on the benchmark's generated 10k library (bench/fixtures.js): the
// search cases of `npm run bench` without the start-up and the read, so that a change to the
// search core shows at once. `node bench/relevance/speed.js [size]`; medians of 7 runs, in ms.
import { readFileSync } from 'node:fs'
import { cachedLibrary } from '../fixtures.js'
import { median } from '../measure.js'
import { searchCore } from './run.js'

const QUERIES = [
  'quantum',
  'graph attention',
  '"neural networks"',
  'tranformer',
  'tag:ml/gnn year:>=2018',
  'kernel tag:stats -has:figure',
  'we propose a new method for learning graph representations with attention',
]
const size = Number(process.argv[2] ?? 10_000)
const core = await searchCore()
const library = JSON.parse(readFileSync(cachedLibrary(size, 1, [3000, 6000]).file, 'utf8'))
for (const text of QUERIES) {
  const times = []
  let total = 0
  for (let run = 0; run < 7; run++) {
    // A fresh LibrarySearch each run, as a `precis search` process has.
    const search = new core.LibrarySearch(core.libraryEntries(library))
    const started = performance.now()
    total = search.search(core.parseQuery(text), { limit: 20, lastWord: 'prefix' }).total
    times.push(performance.now() - started)
  }
  console.log(`${text.padEnd(80)} ${median(times).toFixed(0).padStart(6)} ms  (${total} matches)`)
}

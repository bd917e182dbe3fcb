// The performance benchmark (issues 4, 9 and 20): `npm run bench [-- --full --sizes 1000,10000 --runs 7
// --body 3000-6000 --seed 1 --groups start,read,write --precis bin/precis.js --record]`. BENCHMARKS.md describes what it measures.
//
// For each library size it generates a seeded library (cached), times every command as a whole
// process against the floor of its kind (bench/cases.js), medians of interleaved runs, and browse's
// per-keystroke update inside one process. --record appends the results, with the machine
// described, to BENCHMARKS.md.
import { execFileSync } from 'node:child_process'
import { appendFileSync, existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { loadavg } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { cases, hasRipgrep } from './cases.js'
import { cachedLibrary, reference, snapshot, workspace } from './fixtures.js'
import { browseBundle, keystrokes } from './keystrokes.js'
import { timeCases } from './measure.js'
import { machine, peakLine, readPeakLine, table } from './report.js'

const root = resolve(fileURLToPath(new URL('..', import.meta.url)))

/** From this size on, each process takes seconds: fewer runs unless --runs says otherwise. */
const LARGE = 100_000

const USAGE = `usage: npm run bench [-- --sizes 1000,10000 | --full] [--runs N] [--groups start,read,write,...]
  [--body 3000-6000] [--seed 1] [--precis bin/precis.js] [--record]
  --full: sizes 1k, 10k and 100k; --groups: only these groups of cases (bench/cases.js GROUPS), all by default;
  --record: append the results to BENCHMARKS.md. BENCHMARKS.md describes what is measured.`

function options(argv) {
  let values
  try {
    // strict: a mistyped flag is refused, not ignored while a run of many minutes starts.
    values = parseArgs({
      args: argv,
      options: {
        full: { type: 'boolean' },
        sizes: { type: 'string' },
        runs: { type: 'string' },
        seed: { type: 'string', default: '1' },
        precis: { type: 'string', default: join(root, 'bin', 'precis.js') },
        record: { type: 'boolean' },
        groups: { type: 'string' },
        body: { type: 'string', default: '3000-6000' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values
  } catch (error) {
    console.error(`${error.message}\n${USAGE}`)
    process.exit(2)
  }
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  const runs = values.runs ?? null
  return {
    sizes: (values.sizes ?? (values.full ? '1000,10000,100000' : '1000,10000')).split(',').map(Number),
    runsFor: (size) => (runs !== null ? Number(runs) : size >= LARGE ? 2 : 7),
    seed: Number(values.seed),
    precis: resolve(values.precis),
    record: values.record === true,
    groups: values.groups?.split(','),
    body: values.body.split('-').map(Number),
  }
}

async function measureSize(opts, precis, browse, size) {
  const library = cachedLibrary(size, opts.seed, opts.body)
  const work = workspace()
  // Every precis run keeps the index of the library it reads in this run's own cache folder.
  process.env.PRECIS_CACHE_DIR = join(work.root, 'cache')
  try {
    // The reference export and import are for the exchange groups alone: seconds at 10k, skipped without them.
    const exchange = !opts.groups || opts.groups.some((group) => ['export', 'import', 'html'].includes(group))
    const ref = exchange ? reference(precis, work, library.file) : { error: 'not measured' }
    // The index of the library built before the clock starts: the read cases time reads that use it.
    execFileSync('node', [precis, '--library', library.file, 'tags'], { stdio: 'ignore' })
    const list = cases(precis, library, work, ref).filter((c) => !opts.groups || opts.groups.includes(c.group))
    const runs = opts.runsFor(size)
    // Below LARGE a warm-up pass fills the file cache; at LARGE the reference export and import have
    // just read the library and the export, and a warm-up pass would cost many minutes.
    const results = timeCases(list, runs, { warmUp: size < LARGE })
    // Its postings built first by a search, as a person's first search builds them: the peak is then browse's own.
    execFileSync('node', [precis, '--library', library.file, 'search', 'graph'], { stdio: 'ignore' })
    const keys = keystrokes(browse, library.file, process.env.PRECIS_CACHE_DIR)
    const ms = (value) => value.toFixed(1)
    const spread = ({ median, p95, max }) => `median ${ms(median)}, p95 ${ms(p95)}, worst ${ms(max)} ms`
    const perKey =
      `browse, per keystroke in the process: median ${ms(keys.median)} ms, p95 ${ms(keys.p95)} ms, worst ${ms(keys.max)} ms (CPU: median ${ms(keys.cpu.median)}, p95 ${ms(keys.cpu.p95)}, worst ${ms(keys.cpu.max)} ms) over ${keys.count} keystrokes (after ${keys.prepareMs.toFixed(0)} ms preparing the library as browse opens; peak memory ${keys.peak === null ? 'not measured' : `${(keys.peak / 1024).toFixed(0)} MB`}). ` +
      `What the person waits for: on the thread that reads the keys, the list drawn at once, CPU ${spread(keys.first.cpu)} (at ${keys.first.shown} of the ${keys.count} keystrokes; the others wait for the settled list; over a frame: ${keys.first.overFrame.map(([text, cpu]) => `\`${text}\` ${ms(cpu)}`).join(', ') || 'none'}); ` +
      `typed faster than the lists settle (a misspelt word after another, in the middle, after fields: bench/keystrokes.js HELD), the list drawn at once, CPU ${spread(keys.held.cpu)} (at ${keys.held.shown} of ${keys.held.count}; over a frame: ${keys.held.overFrame.map(([text, cpu]) => `\`${text}\` ${ms(cpu)}`).join(', ') || 'none'}); ` +
      `the settled list, CPU ${spread(keys.settled.cpu)} on one thread, and from the keystroke to it as browse runs it (in a worker thread, which no key waits for) ${spread(keys.worker.wall)} (wall).`
    const megabytes = (statSync(library.file).size / 2 ** 20).toFixed(1)
    const index = indexSize(process.env.PRECIS_CACHE_DIR, library.file)
    const heading = `#### ${size.toLocaleString('en')} summaries, bodies of ${opts.body.join('–')} bytes (${megabytes} MB); ${runs} run${runs === 1 ? '' : 's'}`
    return `\n${heading}\n\n${table(list, results, size)}\n\n${peakLine(list, results)} ${readPeakLine(list, results)}\n\n${perKey}\n\n${index}\n`
  } finally {
    work.remove()
  }
}

/**
 * The size on disk of the index precis keeps for `library`: the file in the cache's index folder
 * whose header (JSON after a fixed start of 32 bytes, its length at byte 12) names the library.
 */
function indexSize(cache, library) {
  const target = realpathSync(library)
  const dir = join(cache, 'index')
  const names = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.index')) : []
  const path = names.map((name) => join(dir, name)).find((path) => indexedLibrary(path) === target)
  if (!path) return 'No index was kept for the library.'
  const bytes = statSync(path).size
  const share = (size) => `${(size / 2 ** 20).toFixed(1)} MB (${((100 * size) / statSync(library).size).toFixed(1)}% of the library)`
  const postings = path.replace(/\.index$/, '.postings')
  const searched = existsSync(postings) ? `; its search postings: ${share(statSync(postings).size)}` : '; no search postings were kept'
  return `The index on disk: ${share(bytes)}${searched}.`
}

function indexedLibrary(path) {
  try {
    const bytes = readFileSync(path)
    return JSON.parse(bytes.subarray(32, 32 + bytes.readUInt32LE(12)).toString('utf8')).library
  } catch {
    return null
  }
}

const opts = options(process.argv.slice(2))
if (!existsSync(join(opts.precis, '..', '..', 'dist', 'cli.js'))) {
  console.error('precis is not built: run `npm run build` first (or pass --precis <path to bin/precis.js>)')
  process.exit(2)
}
if (!hasRipgrep()) console.error('ripgrep not found (apt-get install ripgrep): the rg reference is skipped')
// Node reads and parses NODE_EXTRA_CA_CERTS at every process start, before any code runs: with a
// system bundle that is ~45 ms of CPU, as much as the rest of `node -e 0`. Every process measured here
// would pay it, floors included, which flatters each ratio to `node -e 0`; no case talks to a server.
const caFile = process.env.NODE_EXTRA_CA_CERTS
delete process.env.NODE_EXTRA_CA_CERTS
const caNote = caFile === undefined ? '' : ' (NODE_EXTRA_CA_CERTS, set here, unset for every process measured)'
const load = loadavg()[0].toFixed(1)
let report = `\n### ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC\n\n${machine()}${caNote}; load average ${load} at the start; medians of wall and CPU time, highest peak memory; "met" compares the wall-time median with the budget.\n`
console.log(report)
const built = snapshot(opts.precis)
try {
  const browse = await browseBundle(dirname(dirname(opts.precis))) // the sources of the precis under test
  try {
    for (const size of opts.sizes) {
      const section = await measureSize(opts, built.precis, browse.file, size)
      console.log(section)
      report += section
    }
  } finally {
    browse.remove()
  }
} finally {
  built.remove()
}
if (opts.record) {
  appendFileSync(join(root, 'BENCHMARKS.md'), report)
  console.log('Appended to BENCHMARKS.md')
}

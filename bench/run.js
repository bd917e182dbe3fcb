// The search benchmark (issue 4): `npm run bench [-- --sizes 1000,10000,100000 --runs 7 --body 3000-6000 --record]`.
//
// For each library size it generates a seeded library (bench/generate.js), then times whole
// processes: the floors `node -e 0` and node reading + JSON.parse of the same file, `precis search`
// and `precis list` with a few kinds of query, and ripgrep over the same corpus exported as
// Markdown files as an outside reference. Medians of interleaved runs, ratios to the read+parse
// floor of the same run. It also times browse's per-keystroke update inside one process.
// --record appends the results, with the machine described, to BENCHMARKS.md.
import { execFileSync } from 'node:child_process'
import { appendFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { generateLibrary, writeLibrary } from './generate.js'
import { median, timeCases } from './measure.js'

const root = resolve(fileURLToPath(new URL('..', import.meta.url)))

function options(argv) {
  const value = (flag, fallback) => {
    const at = argv.indexOf(flag)
    return at >= 0 ? argv[at + 1] : fallback
  }
  return {
    sizes: value('--sizes', '1000,10000').split(',').map(Number),
    runs: Number(value('--runs', '7')),
    seed: Number(value('--seed', '1')),
    precis: resolve(value('--precis', join(root, 'bin', 'precis.js'))),
    record: argv.includes('--record'),
    body: value('--body', '3000-6000').split('-').map(Number),
  }
}

/** The library file and its Markdown export for rg, made once per size, seed and body size, then reused. */
function prepare(size, seed, body) {
  const dir = join(tmpdir(), 'precis-bench')
  const name = `${size}-s${seed}-b${body.join('-')}`
  const file = join(dir, `library-${name}.json`)
  const corpus = join(dir, `corpus-${name}`)
  if (!existsSync(file) || !existsSync(corpus)) {
    mkdirSync(corpus, { recursive: true })
    const library = generateLibrary(size, seed, body)
    writeLibrary(library, file)
    const titles = new Map(library.papers.map((p) => [p.key, p.title]))
    for (const s of library.summaries) writeFileSync(join(corpus, `${s.id}.md`), `# ${titles.get(s.paper)}\n\n${s.body}\n`)
  }
  return { file, corpus }
}

const QUERIES = [
  ['one word', ['quantum']],
  ['two words', ['graph', 'attention']],
  ['phrase', ['"neural networks"']],
  ['typo', ['tranformer']],
  ['fields only', ['tag:ml/gnn', 'year:>=2018']],
  ['words and fields', ['kernel', 'tag:stats', '-has:figure']],
]

function cases(precis, file, corpus) {
  // At 100k summaries of 3-6 KB this floor fails: the file is longer than V8's longest string
  // (the store reads such a file record by record).
  const readParse = `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`
  const list = [
    { name: 'node -e 0', argv: ['node', '-e', '0'] },
    { name: 'node read+parse (floor)', argv: ['node', '-e', readParse] },
    ...QUERIES.map(([label, words]) => ({ name: `search: ${label}`, argv: ['node', precis, '--library', file, 'search', ...words] })),
    { name: 'list (everything)', argv: ['node', precis, '--library', file, 'list'] },
    { name: 'list tag:ml/gnn year:>=2018', argv: ['node', precis, '--library', file, 'list', 'tag:ml/gnn', 'year:>=2018'] },
  ]
  if (hasRipgrep()) list.push({ name: 'rg -i -w -l quantum (reference)', argv: ['rg', '-i', '-w', '-l', 'quantum', corpus] })
  return list
}

function hasRipgrep() {
  try {
    execFileSync('rg', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Per-keystroke time of browse's list update, typing a query one character at a time (library read as the store reads it). */
async function keystrokes(precis, file) {
  const dist = (path) => pathToFileURL(join(precis, '..', '..', 'dist', path)).href
  const { libraryEntries } = await import(dist('core/records.js'))
  const { LibrarySearch } = await import(dist('core/search.js'))
  const { browseChoices } = await import(dist('commands/browse.js'))
  const { LibraryFile } = await import(dist('store/library-file.js'))
  const search = new LibrarySearch(libraryEntries(await new LibraryFile(file).read()))
  const times = []
  for (const text of ['graph attention', 'quantum chem', 'tranformer model']) {
    for (let i = 1; i <= text.length; i++) {
      const started = performance.now()
      browseChoices(search, text.slice(0, i), 100, (s) => s)
      times.push(performance.now() - started)
    }
  }
  return { median: median(times), max: Math.max(...times), count: times.length }
}

const fmt = (ms) => (ms === null ? '–' : `${Math.round(ms)}`)
const ratio = (a, b) => (a === null || b === null ? '–' : (a / b).toFixed(2))

function table(results) {
  const floor = results.get('node read+parse (floor)')
  const rows = [...results].map(([name, t]) =>
    t.error ? `| ${name} | fails: ${t.error} | | | |` : `| ${name} | ${fmt(t.wall)} | ${fmt(t.cpu)} | ${ratio(t.wall, floor.wall ?? null)} | ${ratio(t.cpu, floor.cpu ?? null)} |`,
  )
  return ['| process | wall ms | cpu ms | wall / floor | cpu / floor |', '|---|---:|---:|---:|---:|', ...rows].join('\n')
}

function machine() {
  const cpu = cpus()
  return `${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Linux ${release()}, node ${process.version}`
}

const opts = options(process.argv.slice(2))
if (!existsSync(join(opts.precis, '..', '..', 'dist', 'main.js'))) {
  console.error('precis is not built: run `npm run build` first (or pass --precis <path to bin/precis.js>)')
  process.exit(2)
}
if (!hasRipgrep()) console.error('ripgrep not found (apt-get install ripgrep): the rg reference is skipped')
const load = loadavg()[0].toFixed(1)
let report = `\n### ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC\n\n${machine()}; load average ${load} at the start; ${opts.runs} runs, medians.\n`
for (const size of opts.sizes) {
  const { file, corpus } = prepare(size, opts.seed, opts.body)
  const results = timeCases(cases(opts.precis, file, corpus), opts.runs)
  const keys = await keystrokes(opts.precis, file)
  const browse = `browse, per keystroke in the process: median ${keys.median.toFixed(1)} ms, max ${keys.max.toFixed(1)} ms over ${keys.count} keystrokes.`
  const mb = (statSync(file).size / 2 ** 20).toFixed(1)
  const section = `\n#### ${size.toLocaleString('en')} summaries, bodies of ${opts.body.join('–')} bytes (${mb} MB)\n\n${table(results)}\n\n${browse}\n`
  console.log(section)
  report += section
}
if (opts.record) {
  appendFileSync(join(root, 'BENCHMARKS.md'), report)
  console.log('Appended to BENCHMARKS.md')
}

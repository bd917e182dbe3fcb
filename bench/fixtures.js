// The files the benchmark runs on: a seeded library and its Markdown corpus for rg, cached per
// generator, size, seed and body size; and, made once per run by the precis under test (its export
// format may change between runs), a reference export and the size of the library that importing it makes.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { generateLibrary, writeLibrary } from './generate.js'

const CACHE = join(tmpdir(), 'precis-bench')

const removeFolder = (dir) => () => rmSync(dir, { recursive: true, force: true })

// What made the cached files: a library made by an older generator (an older library format, which
// every write then upgrades and backs up) is not this one's, so each generator has files of its own.
const GENERATOR = createHash('sha256')
  .update(readFileSync(new URL('generate.js', import.meta.url)))
  .digest('hex')
  .slice(0, 8)

/** The library file and its Markdown export for rg, made once per generator, size, seed and body size, then reused. */
export function cachedLibrary(size, seed, body) {
  const name = `${size}-s${seed}-b${body.join('-')}-g${GENERATOR}`
  const file = join(CACHE, `library-${name}.json`)
  const corpus = join(CACHE, `corpus-${name}`)
  if (!existsSync(file) || !existsSync(corpus)) {
    mkdirSync(corpus, { recursive: true })
    const library = generateLibrary(size, seed, body)
    writeLibrary(library, file)
    const titles = new Map(library.papers.map((p) => [p.key, p.title]))
    for (const s of library.summaries) writeFileSync(join(corpus, `${s.id}.md`), `# ${titles.get(s.paper)}\n\n${s.body}\n`)
  }
  // The corpus has one file per summary, named by its id: a summary to show, tag, edit and remove
  // without parsing the library (which plain JSON.parse cannot do at 100k).
  const id = readdirSync(corpus).sort()[0].replace(/\.md$/, '')
  return { file, corpus, id }
}

/**
 * A copy of the built precis (bin/, dist/, data/, package.json) for the whole benchmark run, so that
 * a rebuild of dist/ while it runs (others work in the same tree) cannot make a command fail
 * halfway. It sits in the package's node_modules/.cache, where node still finds the packages that
 * dist/ leaves external. Returns { precis: its bin/precis.js, remove }.
 */
export function snapshot(precis) {
  const root = dirname(dirname(precis))
  const cache = join(root, 'node_modules', '.cache')
  mkdirSync(cache, { recursive: true })
  const copy = mkdtempSync(join(cache, 'precis-bench-'))
  for (const part of ['bin', 'dist', 'data', 'package.json']) cpSync(join(root, part), join(copy, part), { recursive: true })
  return { precis: join(copy, 'bin', 'precis.js'), remove: removeFolder(copy) }
}

/**
 * A folder for one benchmark run's files, removed by `remove()`. `fresh()` makes an empty folder
 * inside it for one timed process, so the lock file and .bak precis leaves go with it: { dir, cleanup }.
 */
export function workspace() {
  mkdirSync(CACHE, { recursive: true })
  const root = mkdtempSync(join(CACHE, 'run-'))
  return {
    root,
    fresh: () => {
      const dir = mkdtempSync(join(root, 'w-'))
      return { dir, cleanup: removeFolder(dir) }
    },
    remove: removeFolder(root),
  }
}

/** A fresh folder holding a copy of `file` as library.json, for a command that changes it. */
export function freshCopy(work, file) {
  const { dir, cleanup } = work.fresh()
  const library = join(dir, 'library.json')
  copyFileSync(file, library)
  return { library, cleanup }
}

function precisRun(precis, library, args) {
  const result = spawnSync('node', [precis, '--library', library, '--no-input', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  })
  if (result.status !== 0) throw new Error(`precis ${args[0]} failed: ${result.stderr.trim().split('\n')[0]}`)
}

/**
 * The library exported as Markdown by precis, and the size in bytes of the library precis makes by
 * importing that export into an empty one (the export and import floors need them). `error` instead
 * when precis cannot make them.
 */
export function reference(precis, work, file) {
  const exported = join(work.root, 'reference-export')
  const imported = join(work.root, 'reference-import', 'library.json')
  try {
    precisRun(precis, file, ['export', '--format', 'md', '--out', `${exported}/`])
    mkdirSync(join(imported, '..'))
    precisRun(precis, imported, ['import', exported])
    const bytes = statSync(imported).size
    rmSync(join(imported, '..'), { recursive: true })
    return { exported, bytes }
  } catch (error) {
    return { exported, error: error.message }
  }
}

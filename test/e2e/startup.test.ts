import { parse, type Node } from 'acorn'
import { spawnSync } from 'node:child_process'
import { closeSync, cpSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/context.js'
import { BIN, runPrecis } from '../support/cli.js'
import { smallLibrary } from '../support/library.js'

// What a run loads, seen from inside the process (a module required before bin/precis.js, as a user's
// run starts it: no ES loader hooks, whose thread would cost each run more than precis's own start):
// CommonJS modules, packages among them (dist/ requires every package it loads), through require's
// cache at exit; dist/ as read from dist/vm/. Start-up time is for the bench; this pins the cause.
const PRELOAD = `
const fs = require('node:fs')
const vm = require('node:vm')
const { pathToFileURL } = require('node:url')
const log = process.env.LOAD_LOG
const appendFileSync = fs.appendFileSync
// bin/precis.js runs the files of dist/ from their CommonJS twins in dist/vm/ (read with readFileSync,
// run through node:vm): each read is logged as the ES module of dist/ it stands for.
const readFileSync = fs.readFileSync
fs.readFileSync = function (path, ...rest) {
  const twin = typeof path === 'string' && /[\\/]dist[\\/]vm[\\/]([^\\/]+\\.js)$/.exec(path)
  if (twin) appendFileSync(log, pathToFileURL(path.slice(0, -twin[0].length) + '/dist/' + twin[1]).href + '\\n')
  return readFileSync.call(this, path, ...rest)
}
// Each of those files run without a code cache V8 accepted: compiled at this run.
vm.Script = class extends vm.Script {
  constructor(source, options) {
    super(source, options)
    if (options.cachedData === undefined || this.cachedDataRejected) appendFileSync(log, 'uncached:' + options.filename + '\\n')
  }
}
// Whether the run opened its stderr (Node makes the stream when process.stderr is first read).
const stderr = Object.getOwnPropertyDescriptor(process, 'stderr')
Object.defineProperty(process, 'stderr', { ...stderr, get() { appendFileSync(log, 'stream:stderr\\n'); return stderr.get.call(this) } })
process.on('exit', () => {
  appendFileSync(log, Object.keys(require.cache).join('\\n') + '\\n')
  // Node's own modules (node:crypto, node:zlib), loaded by either import or require.
  const builtins = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => 'builtin:' + m.slice(13))
  appendFileSync(log, builtins.join('\\n') + '\\n')
})
`

/** What a spawned `precis ...args` loaded: npm packages, and our source modules. */
interface Loaded {
  /** Packages loaded from node_modules or bundled into the dist/ files that were loaded. */
  packages: Set<string>
  /** Source files (src/...) bundled into the dist/ files that were loaded; esbuild marks each with a comment. */
  sources: Set<string>
  /** Node's own modules loaded (`crypto`, `zlib`, `internal/...`). */
  builtins: Set<string>
  /** Whether the run read process.stderr, which makes Node open the stream. */
  openedStderr: boolean
  /** Files of dist/vm/ it ran without a code cache V8 accepted. */
  uncached: string[]
}

async function whatLoads(args: readonly string[], env: Record<string, string> = {}): Promise<Loaded & { distFiles: string[] }> {
  const dir = tempDir()
  writeFileSync(join(dir, 'preload.cjs'), PRELOAD)
  const log = join(dir, 'loaded.txt')
  writeFileSync(log, '')
  const result = await runPrecis(args, { env: { LOAD_LOG: log, NODE_OPTIONS: `--require ${join(dir, 'preload.cjs')}`, ...env } })
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  const lines = readFileSync(log, 'utf8').split('\n')
  const distFiles = [...new Set(lines.filter((line) => /\/dist\/[^/]+\.js$/.test(line)))]
  expect(lines.some((path) => path.endsWith('/bin/precis.js'))).toBe(true) // the preload saw the run
  const bundled = distFiles.map((url) => readFileSync(fileURLToPath(url), 'utf8'))
  const sources = bundled.flatMap((text) => [...text.matchAll(/^\/\/ (src\/\S+)$/gm)].map((m) => m[1]!))
  // Packages loaded from node_modules, and those bundled into the dist/ files that were loaded.
  const packagePaths = [...lines, ...bundled.flatMap((text) => [...text.matchAll(/^\/\/ (node_modules\/\S+)$/gm)].map((m) => m[1]!))]
  const packages = packagePaths.flatMap((path) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1] ?? [])
  const builtins = lines.flatMap((line) => (line.startsWith('builtin:') ? [line.slice('builtin:'.length)] : []))
  const openedStderr = lines.includes('stream:stderr')
  const uncached = lines.flatMap((line) => (line.startsWith('uncached:') ? [line.slice('uncached:'.length)] : []))
  return { packages: new Set(packages), sources: new Set(sources), builtins: new Set(builtins), openedStderr, uncached, distFiles }
}

type Loads = Awaited<ReturnType<typeof whatLoads>>

/**
 * The expressions with Unicode property classes (`\p{…}`) in a module that are made as it loads: those
 * outside any function, literal or `new RegExp`. V8 looks each class up in ICU as it parses the expression.
 */
function unicodeExpressionsAtLoad(text: string): string[] {
  const found: string[] = []
  const visit = (node: Node, inFunction: boolean): void => {
    const here = inFunction || /Function/.test(node.type)
    const source = node.type === 'Literal' ? (node as Node & { regex?: { pattern: string } }).regex?.pattern : undefined
    const made = node.type === 'NewExpression' ? newRegExpSource(node) : undefined
    for (const pattern of [source, made]) if (!here && pattern?.includes('\\p{')) found.push(pattern)
    for (const value of Object.values(node)) {
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child === 'object' && typeof (child as Node).type === 'string') visit(child as Node, here)
      }
    }
  }
  visit(parse(text, { ecmaVersion: 'latest', sourceType: 'module' }), false)
  return found
}

/** The pattern of `new RegExp("…")` given as a plain string. */
function newRegExpSource(node: Node): string | undefined {
  const { callee, arguments: args } = node as Node & { callee: Node & { name?: string }; arguments: (Node & { value?: unknown })[] }
  return callee.name === 'RegExp' && typeof args[0]?.value === 'string' ? args[0].value : undefined
}

/** The library the first runs below read, written once a file. */
let sharedLibrary: Promise<string> | undefined

/**
 * The first search and the first show of that library, each into a cache folder of its own: several tests
 * start from one of them (what it loaded, the cache it left), so each is run once a file. The library is
 * only read by what follows; a test that goes on from a cache goes on in a copy of it.
 */
const firstRuns = new Map<string, Promise<{ library: string; cache: string; loaded: Loads }>>()

function firstRun(read: 'search gaussian' | 'show rasmussen2004gaussian') {
  let run = firstRuns.get(read)
  if (!run) {
    run = (async () => {
      sharedLibrary ??= (async () => {
        const path = join(tempDir(), 'library.json')
        writeFileSync(path, JSON.stringify(smallLibrary()))
        return path
      })()
      const [library, cache] = [await sharedLibrary, tempDir()]
      return { library, cache, loaded: await whatLoads(['--library', library, ...read.split(' ')], { PRECIS_CACHE_DIR: cache }) }
    })()
    firstRuns.set(read, run)
  }
  return run
}

/** A first run of `read` (what it loaded), the library, and a cache folder of one's own as that run left it. */
async function afterFirst(read: Parameters<typeof firstRun>[0]) {
  const { library, cache, loaded } = await firstRun(read)
  const copy = tempDir()
  cpSync(cache, copy, { recursive: true, preserveTimestamps: true })
  return { library, first: loaded, env: { PRECIS_CACHE_DIR: copy } }
}

/** The reads below ask what they load once the index and the postings are built, each run once a file. */
const INDEXED_READS = [
  ['list'],
  ['tags'],
  ['stats'],
  ['list', 'tag:gp'],
  // Keeps its page: of the runs after it, help and a search read no page.
  ['show', 'rasmussen2004gaussian'],
  ['--no-pager', '--help'],
  ['search', 'gaussian'],
]
let indexedReads: Promise<Map<string, Loads>> | undefined

/** What `precis ...args` (one of INDEXED_READS) loads on a library whose index and postings a search built. */
async function whatLoadsIndexed(args: readonly string[]): Promise<Loads> {
  indexedReads ??= (async () => {
    const { library, env } = await afterFirst('search gaussian') // the search built the index and the postings
    const loaded = new Map<string, Loads>()
    for (const read of INDEXED_READS) loaded.set(read.join(' '), await whatLoads(['--library', library, ...read], env))
    return loaded
  })()
  const loaded = (await indexedReads).get(args.join(' '))
  if (!loaded) throw new Error(`Not among the indexed reads: ${args.join(' ')}`)
  return loaded
}

// Parsers, renderers and prompts: each costs tens to hundreds of milliseconds to load.
const HEAVY = [
  'zod',
  'yaml',
  'csv-parse',
  'fast-xml-parser',
  'marked',
  'marked-terminal',
  'temml',
  'sanitize-html',
  '@retorquere/bibtex-parser',
  'inquirer',
  '@inquirer/prompts',
  '@inquirer/core',
  'cli-table3',
  'entities',
]

describe('start-up loads only what the command needs', () => {
  it('precis --version loads nothing of the bundle: it is answered before it loads', async () => {
    const { distFiles, packages } = await whatLoads(['--version'])
    expect(distFiles).toEqual([])
    expect([...packages]).toEqual([])
  })

  it.each([[['--help']], [['list', '--help']], [['add', '--help']]])(
    'precis %j to a pipe loads nothing of the bundle: the build saved it',
    async (args) => {
      const { distFiles, packages } = await whatLoads(args)
      expect(distFiles).toEqual([])
      expect([...packages]).toEqual([])
    },
  )

  // Help from commander, as on a terminal (a flag before it makes the saved text not apply).
  it.each([[['--no-pager', '--help']], [['--no-pager', 'list', '--help']], [['--no-pager', 'add', '--help']]])(
    "precis %j loads no heavy package and no command's work",
    async (args) => {
      const { packages, sources } = await whatLoads(args)
      expect(HEAVY.filter((name) => packages.has(name))).toEqual([])
      expect(sources).toContain('src/program.ts')
      // Only the command line (each command's command.ts; the completion spec and the query parser are
      // part of it): no command's implementation, no store, no search engine.
      const commandLine = /^src\/(commands\/[^/]+\/command\.ts|commands\/completion\/spec\.ts|core\/search\/query(-fields)?\.ts)$/
      expect([...sources].filter((s) => !commandLine.test(s) && /^src\/(commands|store\/file-store|core\/search|render)/.test(s))).toEqual(
        [],
      )
    },
  )

  it('list on a valid library loads the list command and the store, not zod, yaml, the renderers or other commands', async () => {
    const library = join(tempDir(), 'library.json')
    writeFileSync(library, JSON.stringify(smallLibrary()))
    const { packages, sources } = await whatLoads(['--library', library, 'list'])
    expect(sources).toContain('src/commands/list/run.ts')
    expect(sources).toContain('src/store/file-store.ts')
    expect(
      [...sources].filter(
        (s) =>
          s.startsWith('src/commands/') &&
          !s.endsWith('/command.ts') &&
          s !== 'src/commands/completion/spec.ts' &&
          s !== 'src/commands/list/run.ts',
      ),
    ).toEqual([])
    expect(
      ['zod', 'yaml', 'csv-parse', 'fast-xml-parser', 'marked', 'temml', 'sanitize-html', 'inquirer'].filter((name) => packages.has(name)),
    ).toEqual([])
    // Reading needs no lock, durable write or git: those (and crypto, child_process) load with a change. Only the
    // look for a .git folder, which tells a change whether to load git's code, comes with the context (ten lines).
    expect(
      [...sources].filter((s) => /^src\/(store\/(lock|durable-write|serialize)\.ts|sync\/(?!repository-nearby\.ts$))/.test(s)),
    ).toEqual([])
  })

  // The sources' clients (the arXiv and Crossref parsers, and zod checking what they answer) load only
  // when a source or a PDF is looked up: a write from flags, or of tags, names none.
  it.each([
    [['add', '--title', 'A Title', '--author', 'Ann Author', '--year', '2020', '--body', 'Text.'], 'src/commands/add/run.ts'],
    [['add', '--title', 'A Queued Title', '--author', 'Ann Author', '--to-read'], 'src/commands/add/run.ts'],
    [['tag', 'rasmussen2004gaussian', '+kernels'], 'src/commands/tag/run.ts'],
    [['rm', '--yes', 'gilmer2017neural-2'], 'src/commands/rm/run.ts'],
  ])(
    'precis %j writes without loading the sources’ clients (fast-xml-parser, entities, zod) nor, outside a repository, git’s',
    async (args, run) => {
      const library = join(tempDir(), 'library.json')
      writeFileSync(library, JSON.stringify(smallLibrary()))
      const { packages, sources, uncached } = await whatLoads(['--quiet', '--library', library, ...args])
      expect(sources).toContain(run)
      expect(sources).toContain('src/store/durable-write.ts') // it wrote
      // The build's code cache holds what a write runs too (scripts/code-cache.mjs): no file compiled afresh.
      expect(uncached).toEqual([])
      expect(['fast-xml-parser', 'entities', 'zod'].filter((name) => packages.has(name))).toEqual([])
      expect([...sources].filter((s) => s.startsWith('src/sources/'))).toEqual([])
      // No folder above the library holds .git, so sync is off: that is all the write asks of sync/.
      expect([...sources].filter((s) => s.startsWith('src/sync/'))).toEqual(['src/sync/repository-nearby.ts'])
    },
  )

  it('a read from the index loads no hashing nor compression (node:crypto, node:zlib): those come with a change or a search', async () => {
    for (const args of [['list'], ['tags'], ['stats'], ['list', 'tag:gp'], ['show', 'rasmussen2004gaussian']]) {
      const { builtins, sources } = await whatLoadsIndexed(args)
      expect(sources, args.join(' ')).toContain('src/store/index/indexed-library.ts')
      expect(
        [...builtins].filter((name) => name === 'crypto' || name === 'zlib'),
        args.join(' '),
      ).toEqual([])
    }
  })

  it('a read, and help, load no child_process nor dgram: commander requires them for executable subcommands, which precis has none of', async () => {
    for (const args of [['list'], ['tags'], ['show', 'rasmussen2004gaussian'], ['--no-pager', '--help']]) {
      const { builtins } = await whatLoadsIndexed(args)
      expect(
        [...builtins].filter((name) => name === 'child_process' || name === 'dgram'),
        args.join(' '),
      ).toEqual([])
    }
  })

  // Opening stderr, a pipe here (or a terminal), loads node:net and its streams: only a run that writes to it should.
  it('a read to a pipe with nothing to say on stderr does not open it', async () => {
    // show renders its page here: marked-terminal's import of supports-hyperlinks is the build's stand-in.
    for (const args of [['list'], ['tags'], ['stats'], ['search', 'gaussian'], ['show', 'rasmussen2004gaussian']]) {
      const { openedStderr } = await whatLoadsIndexed(args)
      expect(openedStderr, args.join(' ')).toBe(false)
    }
    // With colour on, the terminal asks supports-hyperlinks, which asks both streams as it loads: a test that could fail.
    const library = join(tempDir(), 'library.json')
    writeFileSync(library, JSON.stringify(smallLibrary()))
    const coloured = await whatLoads(['--library', library, 'tags'], { NO_COLOR: '', FORCE_COLOR: '1', PRECIS_CACHE_DIR: tempDir() })
    expect(coloured.openedStderr).toBe(true)
  })

  // Into a file Node's process.stdout is a stream that writes each piece with writeSync: precis writes there itself.
  it('a read into a file loads no node:stream', async () => {
    const dir = tempDir()
    const { library, env } = await afterFirst('search gaussian') // the search built the index and the postings
    const log = join(dir, 'builtins.txt')
    writeFileSync(
      join(dir, 'builtins.cjs'),
      `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(log)}, process.moduleLoadList.join('\\n')))`,
    )
    // show renders (no page kept yet): marked-terminal's supports-hyperlinks would ask process.stdout as it loads.
    for (const args of [
      ['--library', library, 'tags'],
      ['--library', library, 'list'],
      ['--library', library, 'show', 'rasmussen2004gaussian'],
      ['--help'],
    ]) {
      const file = join(dir, 'out.txt')
      const out = openSync(file, 'w')
      const run = spawnSync(process.execPath, [BIN, ...args], {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: '/nonexistent',
          NO_COLOR: '1',
          NODE_OPTIONS: `--require ${join(dir, 'builtins.cjs')}`,
          ...env,
        },
        stdio: ['ignore', out, 'pipe'],
      })
      closeSync(out)
      const read = args.at(-1)!
      expect(run.status, read).toBe(0)
      expect(readFileSync(file, 'utf8').length, read).toBeGreaterThan(0)
      const loaded = readFileSync(log, 'utf8').split('\n')
      // Saved help is written by process.stdout, which loads it: a test that could fail.
      expect(loaded.includes('NativeModule stream'), read).toBe(read === '--help')
    }
  })

  // scripts/build.mjs groups what runs together into one chunk; each file more costs ~0.7 ms to resolve, read
  // and compile. Left to esbuild's own splitting, --help loaded 36 files, list 56 and a search 65. Two files of room
  // for the reads, so that a new module does not fail this before the bench would notice.
  it.each([
    [['--no-pager', '--help'], 3],
    [['list'], 14],
    [['tags'], 11],
    [['show', 'rasmussen2004gaussian'], 23],
    [['search', 'gaussian'], 19],
  ])('precis %j loads at most %i files of dist/ (the index built)', async (args, most) => {
    const { distFiles } = await whatLoadsIndexed(args)
    expect(distFiles.length).toBeLessThanOrEqual(most)
  })

  it("a search makes no expression with a Unicode property class as its files load (fast-string-width's are made at its first measure)", async () => {
    const { library, env } = await afterFirst('search gaussian') // its formulas converted, kept in the math cache
    const { distFiles } = await whatLoads(['--library', library, 'search', 'gaussian'], env)
    const atLoad = distFiles.flatMap((url) => unicodeExpressionsAtLoad(readFileSync(fileURLToPath(url), 'utf8')))
    expect(atLoad).toEqual([])
  })

  it('a search from the index loads the postings engine, not the scan (the reference, for citations and the filters); a citation query loads it', async () => {
    const { library, first, env } = await afterFirst('search gaussian') // the first search built the index
    const scan = /^src\/core\/search\/(search|scan|scan-plan|citations)\.ts$/
    for (const words of [['gaussian'], ['gaussian', 'process', 'regression'], ['"gaussian processes"'], ['tag:bayesian', 'gaussian']]) {
      const { sources } = words.join(' ') === 'gaussian' ? first : await whatLoads(['--library', library, 'search', ...words], env)
      expect(sources, words.join(' ')).toContain('src/core/search/postings-search.ts')
      expect(
        [...sources].filter((s) => scan.test(s)),
        words.join(' '),
      ).toEqual([])
    }
    const cites = await whatLoads(['--library', library, 'search', 'cites:rasmussen2004gaussian'], env)
    expect([...cites.sources].filter((s) => scan.test(s)).sort()).toEqual([
      'src/core/search/citations.ts',
      'src/core/search/scan-plan.ts',
      'src/core/search/scan.ts',
      'src/core/search/search.ts',
    ])
  })

  it('show renders with marked and temml but loads no syntax highlighter nor emoji data (precis draws code blocks itself, and leaves :shortcodes: as typed)', async () => {
    // The first show, into a cache of math never shown.
    const { library, first, env } = await afterFirst('show rasmussen2004gaussian')
    const { packages, sources } = first
    expect(sources).toContain('src/render/show.ts')
    expect(['marked', 'temml'].filter((name) => packages.has(name))).toEqual(['marked', 'temml'])
    // A summary without math: temml (the largest of them) is loaded with the first formula only.
    const plain = await whatLoads(['--library', library, 'show', 'gilmer2017neural-2'], env)
    expect(plain.sources).toContain('src/render/show.ts')
    expect(['marked', 'temml'].filter((name) => plain.packages.has(name))).toEqual(['marked'])
    expect(['cli-highlight', 'highlight.js', 'node-emoji', 'emojilib'].filter((name) => packages.has(name))).toEqual([])
    // zod checks what the sources' cache holds: loaded only to draw a cached figure, never to show text.
    expect(packages.has('zod')).toBe(false)
  })

  it('a search and a show of formulas shown before load no temml: their Unicode comes from the math cache', async () => {
    for (const read of ['search gaussian', 'show rasmussen2004gaussian'] as const) {
      const args = read.split(' ')
      const { library, first, env } = await afterFirst(read)
      expect(first.packages.has('temml'), `${args.join(' ')}, first`).toBe(true) // math to convert: a test that could fail
      // Without the page show kept (below), which would spare it the rendering altogether.
      rmSync(join(env.PRECIS_CACHE_DIR, 'pages'), { recursive: true, force: true })
      const warm = await whatLoads(['--library', library, ...args], env)
      expect(warm.packages.has('temml'), `${args.join(' ')}, warm`).toBe(false)
      expect(warm.sources).toContain('src/store/math-cache.ts')
      // Nor, for a search, the converter itself (math.ts and the MathML it reads): only a formula the cache lacks needs it.
      if (args[0] === 'search') {
        expect(first.sources).toContain('src/render/math.ts') // a test that could fail
        expect([...warm.sources].filter((s) => /^src\/render\/math(ml)?(-text)?\.ts$/.test(s))).toEqual([])
      }
    }
  })

  it('a show of a page shown before loads no marked, marked-terminal nor temml: the page comes from the page cache', async () => {
    const { library, first, env } = await afterFirst('show rasmussen2004gaussian')
    const args = ['--library', library, 'show', 'rasmussen2004gaussian']
    expect(['marked', 'marked-terminal', 'temml'].filter((name) => first.packages.has(name))).toEqual([
      'marked',
      'marked-terminal',
      'temml',
    ])
    const warm = await whatLoads(args, env)
    expect(['marked', 'marked-terminal', 'temml'].filter((name) => warm.packages.has(name))).toEqual([])
    expect(warm.sources).toContain('src/store/page-cache.ts')
    expect(warm.sources).not.toContain('src/render/show.ts')
  })
})

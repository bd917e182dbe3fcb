// Build dist/ with esbuild: src/cli.ts bundled into a few files instead of ~150 ES modules.
//
// Why a bundler: Node 20 has no compile cache for ES modules, and resolving, reading and compiling
// each module costs about a millisecond; `precis --help` loaded ~150 of ours and took 3× `node -e 0`
// (issue 9 asks for 1.5×). One bundle per lazily imported part (code splitting) keeps each
// command's implementation out of start-up. Type-checking is tsc's job (`npm run typecheck`).
import { parse, tokTypes } from 'acorn'
import { build, transform } from 'esbuild'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { TRUNCATED_WIDTH, withLazyExpressions } from './lazy-expressions.mjs'

const { dependencies } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))

// Small packages every run needs are bundled with our code, and so are the renderers and zod, which
// ship as many modules (each resolved and read on its own) and need no files of their own: in
// chunks of their own, loaded with the commands that use them. The others stay in node_modules as
// their authors ship them (their own lazy requires, data files); we only ever load them lazily.
// temml among them: required with the first formula rendered (src/render/math.ts), so `show` of a
// summary without math never compiles its 400 KB; entities, with the first `&` to decode; and
// cli-table3, with the first table. wink-porter2-stemmer (CommonJS, 12 KB, every search stems): left
// in node_modules, Node's ES loader resolved it, read its package.json and ran its CommonJS lexer
// over it to name its exports (~2 ms of a search).
const BUNDLED = new Set([
  'commander',
  'chalk',
  'fast-string-width',
  'fast-wrap-ansi',
  'lowdb',
  'marked-terminal',
  'marked',
  'zod',
  'wink-porter2-stemmer',
])

// Code splitting puts each module in a chunk by the set of entry points that reach it, and each file we
// import() lazily is an entry point of its own. Left alone that made ~30 small chunks for what every
// run loads and 50-65 files for a read, each resolved, read and compiled on its own: ~0.5× `node -e 0`.
// So a lazily imported file is bundled behind a small module that first imports the groups below
// that will be loaded anyway when it runs. Every module a group reaches is then reached by the same
// entry points, and lands in one chunk: `--help` loads 3 files (the entry, the command line and
// esbuild's helpers), `list` 11 and a search 17 (test/e2e/startup.test.ts holds these). A module a
// command imports statically outside its groups splits the group's chunk by who reaches it: so the
// commands that filter (export, tag) import the scan where a query needs it, and the scan (search.ts)
// is no root of the search group: a search from the postings never runs it.
const SOURCES = fileURLToPath(new URL('../src/', import.meta.url))
const GROUPS = [
  // The command line: loaded before anything lazy, so importing it again costs nothing.
  { roots: ['cli.ts'], joins: () => true },
  // Reading a library: what a command's work nearly always does (configuration commands load ~100 KB
  // they do not need, ~2 ms).
  { roots: ['store/file-store.ts', 'store/outline-reads.ts'], joins: () => true },
  // Searching from the postings, and keeping them current (what search, browse, related and a write
  // load; postings-segments with a postings file written in segments; add and identify, which rank
  // candidates with the search's BM25 and write; export's text filter). Not the scan: a lazily imported
  // part of its own (core/search/search.ts), which joins this group as it runs over the same modules.
  {
    roots: ['store/search-reads.ts', 'store/index/indexed-postings.ts', 'core/search/postings.ts', 'core/search/postings-view.ts'],
    joins: (file) =>
      /^(commands\/(search|browse|related|add|identify)\/|core\/search\/|store\/index\/(indexed-postings|postings-segments)|store\/filter-reads)/.test(
        file,
      ),
  },
].map(({ roots, joins }) => ({ roots: roots.map((root) => resolve(SOURCES, root)), joins }))

const lazyPartsWithTheirGroups = {
  name: 'lazy-parts-with-their-groups',
  setup(build) {
    build.onResolve({ filter: /^\./ }, ({ kind, importer, path, namespace }) => {
      if (kind !== 'dynamic-import' || namespace !== 'file' || !importer.startsWith(SOURCES)) return undefined
      // Named relative to src/: the name is printed in dist/, which must not carry the build machine's paths.
      return { path: relative(SOURCES, resolve(dirname(importer), path.replace(/\.js$/, '.ts'))), namespace: 'lazy-part' }
    })
    build.onLoad({ filter: /./, namespace: 'lazy-part' }, ({ path }) => {
      const file = resolve(SOURCES, path)
      const imports = GROUPS.filter(({ joins }) => joins(path)).flatMap(({ roots }) =>
        roots.map((root) => `import ${JSON.stringify(root)}\n`),
      )
      return { contents: `${imports.join('')}export * from ${JSON.stringify(file)}\n`, resolveDir: dirname(file), loader: 'js' }
    })
  },
}

// fast-string-truncated-width's expressions with Unicode property classes made at its first measure,
// not as it loads (scripts/lazy-expressions.mjs says why).
const unicodeExpressionsWhenMeasured = {
  name: 'unicode-expressions-when-measured',
  setup(build) {
    build.onLoad({ filter: TRUNCATED_WIDTH }, ({ path }) => ({ contents: withLazyExpressions(readFileSync(path, 'utf8')), loader: 'js' }))
  },
}

// Node's own modules through require(), not import. Importing one from an ES module makes Node build
// its ES facade, which reads every export once: for node:fs that loads the streams behind the
// ReadStream and promises getters, for node:process it opens stdin (a terminal or socket handle):
// ~4 ms of every run for nothing. require() hands over the object; a getter runs when used.
// Commander's child_process (for executable subcommands, which precis has none of; it also loads
// net and dgram) is required when first spawned, never at start-up.
const builtinsRequired = {
  name: 'builtins-required',
  setup(build) {
    const builtins = new Set(builtinModules)
    build.onResolve({ filter: /^[a-z_/:]+$/ }, ({ path, importer, namespace, kind }) => {
      const name = path.replace(/^node:/, '')
      if (!builtins.has(name)) return undefined
      if (name === 'child_process' && /[\\/]node_modules[\\/]commander[\\/]/.test(importer))
        return { path: name, namespace: 'builtin-lazy' }
      if (name === 'tty' && namespace === 'file') return { path: name, namespace: 'builtin-tty' }
      // A require() (commander's, chalk's, and those of the modules below) is left to the banner's require at run time.
      if (kind === 'require-call' || namespace !== 'file') return { path: `node:${name}`, external: true }
      return { path: name, namespace: 'builtin' }
    })
    // One module per Node module imported, evaluated once: its plain values as named exports (what
    // `import { readFileSync } from 'node:fs'` reads, taken once as Node's facade takes them), the
    // whole module as the default export. Not the getters (fs.promises, process.stdin): an import of
    // one fails the build, and eslint refuses a namespace import (`import * as fs`), which would lack them.
    // Not a CommonJS module per import: esbuild would copy every property of it for each importing file (~1 ms).
    build.onLoad({ filter: /./, namespace: 'builtin' }, ({ path }) => {
      const names = plainValueNames(path).filter((name) => name !== 'default' && isIdentifier(name))
      const specifier = JSON.stringify(`node:${path}`)
      return { contents: `const m = require(${specifier})\nexport default m\nexport const { ${names.join(', ')} } = m\n`, loader: 'js' }
    })
    build.onLoad({ filter: /./, namespace: 'builtin-tty' }, () => ({ contents: TTY, loader: 'js' }))
    build.onLoad({ filter: /./, namespace: 'builtin-lazy' }, ({ path }) => ({
      contents: `module.exports = { spawn: (...args) => require(${JSON.stringify(`node:${path}`)}).spawn(...args) }`,
      loader: 'js',
    }))
  },
}

// node:tty for our code and the packages bundled with it (chalk's and supports-color's colour
// detection ask isatty(1) and isatty(2) as they load, precis isatty(0) and isatty(2)): node:tty
// loads node:net and its streams, ~1 ms of every run, which output to a file or /dev/null (a
// benchmark's, a cron job's) never needs otherwise. A descriptor that is no character device, or
// is /dev/null, is no terminal: answered from fstat; any other is asked of node:tty, loaded then.
const TTY = `const { fstatSync, statSync } = require('node:fs')
let devNull
function isatty(fd) {
  let stat
  try {
    stat = fstatSync(fd)
  } catch {
    return false
  }
  if (!stat.isCharacterDevice()) return false
  try {
    devNull ??= statSync('/dev/null').rdev
  } catch {
    devNull = -1
  }
  return stat.rdev !== devNull && require('node:tty').isatty(fd)
}
module.exports = {
  isatty,
  get ReadStream() {
    return require('node:tty').ReadStream
  },
  get WriteStream() {
    return require('node:tty').WriteStream
  },
}
`

/**
 * The names node:`name` holds as plain values, as a fresh process sees them (scripts/builtin-names.mjs).
 * Not this one's: Node defines some exports as getters that load a module of their own when first
 * read (node:fs's Dir, opendir and opendirSync load internal/fs/dir), and a getter once read becomes
 * a value; this script reads some (readdirSync with `recursive`), so they would be named here and
 * read, module and all, by every run that imports node:fs.
 */
function plainValueNames(name) {
  return JSON.parse(
    execFileSync(process.execPath, [fileURLToPath(new URL('builtin-names.mjs', import.meta.url)), name], { encoding: 'utf8' }),
  )
}

/** A name that can be declared as a constant (not a reserved word). */
function isIdentifier(name) {
  try {
    return /^[A-Za-z_$][\w$]*$/.test(name) && (new Function(`const ${name} = 0`), true)
  } catch {
    return false
  }
}

// What identifies this build (src/core/build.ts): caches of what its code computes, as the math
// cache, are ignored by any other. A hash of the sources, this script and the rewrite it bundles a
// package with, the locked dependencies and temml's code as installed: any change to one of them is
// another build.
function buildIdentity() {
  const root = fileURLToPath(new URL('..', import.meta.url))
  const files = (dir) =>
    readdirSync(join(root, dir), { recursive: true })
      .map((name) => join(dir, name))
      .filter((path) => statSync(join(root, path)).isFile())
      .sort()
  const hash = createHash('sha256')
  for (const path of [
    ...files('src'),
    'scripts/build.mjs',
    'scripts/lazy-expressions.mjs',
    'package-lock.json',
    ...files('node_modules/temml'),
  ]) {
    hash.update(`${path}\0`).update(readFileSync(join(root, path)))
  }
  return hash.digest('hex').slice(0, 32)
}

const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: Object.keys(dependencies).filter((name) => !BUNDLED.has(name)),
  // What marked-terminal imports but precis never reaches: code-block highlighting, emoji shortcodes
  // and its own links' terminal check (see the three files); and cli-table3, required with the first
  // table (lazy-table.ts).
  alias: {
    'cli-highlight': './src/render/no-highlight.ts',
    'node-emoji': './src/render/no-emoji.ts',
    'supports-hyperlinks': './src/render/no-hyperlinks.ts',
    'cli-table3': './src/render/lazy-table.ts',
  },
  // Bundled CommonJS (commander) calls require() for Node's own modules.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  // Maps (dist/*.map) so that a stack trace under PRECIS_DEBUG names src/ files and lines; bin/precis.js
  // turns them on only then. Without the sources' text: a stack needs the lines, not the code.
  define: { PRECIS_BUILD: JSON.stringify(buildIdentity()) },
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
}

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true })
await build({
  ...common,
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  splitting: true,
  // Flat: every file of dist/ sits one level below the package root, as src/ does (see package-files.ts).
  chunkNames: '[name]-[hash]',
  plugins: [builtinsRequired, lazyPartsWithTheirGroups, unicodeExpressionsWhenMeasured],
})
// The worker thread a PDF is read in (src/formats/pdf-text.ts): a file of its own beside the others,
// built apart so that the chunks every run loads are not shared with it.
await build({ ...common, plugins: [builtinsRequired], entryPoints: { 'pdf-worker': 'src/formats/pdf-worker.ts' }, outdir: 'dist' })

// dist/vm/: each file of dist/ as the body of a CommonJS function, which bin/precis.js runs through
// V8 with a code cache (Node 20 has none for ES modules: compiling a search's ~700 KB, then each
// function it runs for the first time, cost ~25 ms of every run). Its imports, import() among them,
// become calls of the `require` bin/precis.js gives it; import.meta.url is that of the ES module, so
// that paths relative to it name files of dist/. Worker threads run the ES modules themselves.
const BANNER = common.banner.js
const dist = fileURLToPath(new URL('../dist/', import.meta.url))
mkdirSync(join(dist, 'vm'))
for (const name of readdirSync(dist).filter((name) => name.endsWith('.js') && name !== 'pdf-worker.js')) {
  const code = readFileSync(join(dist, name), 'utf8')
  if (!code.startsWith(BANNER)) throw new Error(`${name} lacks the banner the build gives every file`)
  const { code: body, warnings } = await transform(code.slice(BANNER.length), {
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    supported: { 'dynamic-import': false },
    define: { 'import.meta.url': '__importMetaUrl' },
    logLevel: 'warning',
  })
  // import.meta other than its url, for one, would be an empty object there: a build that runs differently.
  if (warnings.length > 0) throw new Error(`${name} as CommonJS: ${warnings.map((warning) => warning.text).join('; ')}`)
  writeFileSync(join(dist, 'vm', name), asciiOnly(name, exportsAsGetters(name, body)))
}

/**
 * `code` with the characters beyond ASCII that esbuild leaves in regular expressions and comments
 * written as \\u escapes. bin/precis.js reads each file of dist/vm/ as UTF-8: all ASCII, Node makes
 * it a one-byte string from the bytes as they are (~0.4 ms for the command line's 300 KB); one
 * character beyond (a dash in a pattern) and it decodes the whole file into two-byte text instead,
 * ~3 times slower and twice the memory. In a pattern `\\uXXXX` is the character it names, with or
 * without the `u` flag (a character beyond U+FFFF as its two halves, which a `u` pattern reads as
 * one), and `\\’` (an identity escape) becomes `\\u2019`; in a comment it is text. Other places
 * (a raw template's text) are left as they are: the file then stays two-byte, and runs the same.
 */
function asciiOnly(name, code) {
  if (!/[^\0-\x7f]/.test(code)) return code
  const spans = []
  parse(code, {
    ecmaVersion: 'latest',
    sourceType: 'script',
    allowReturnOutsideFunction: true,
    onToken: (token) => token.type === tokTypes.regexp && spans.push([token.start, token.end]),
    onComment: (_block, _text, start, end) => spans.push([start, end]),
  })
  let ascii = ''
  let at = 0
  for (const [start, end] of spans.sort((x, y) => x[0] - y[0])) {
    ascii += code.slice(at, start)
    for (let i = start; i < end; i++) {
      const unit = code.charCodeAt(i)
      if (unit < 0x80) {
        ascii += code[i]
        continue
      }
      // An identity escape (a backslash before it that no other backslash escapes): the \\u escape replaces both.
      let backslashes = 0
      while (ascii[ascii.length - 1 - backslashes] === '\\') backslashes++
      if (backslashes % 2 === 1) ascii = ascii.slice(0, -1)
      ascii += `\\u${unit.toString(16).padStart(4, '0')}`
    }
    at = end
  }
  ascii += code.slice(at)
  if (/[^\0-\x7f]/.test(ascii)) console.warn(`${name}: characters beyond ASCII outside patterns and comments; read as two-byte text`)
  return ascii
}

/**
 * esbuild's CommonJS exports, made an object literal of getters. esbuild defines each name on an
 * object with a getter of its own (`__export`), then copies each onto module.exports with another
 * (`__toCommonJS`): two defineProperty calls a name, run in the interpreter, for the ~400 names the
 * files a search loads export (~1.5 ms of every run), and two getters on each use of a name from
 * another file. A literal's getters are made from V8's boilerplate, and one getter a use; the same
 * names, lazily read as before (a file may use another's name before that file has run to the end).
 */
function exportsAsGetters(name, code) {
  const exported =
    /^var stdin_exports = \{\};\n__export\(stdin_exports, \{\n((?:.*\n)*?)\}\);\nmodule\.exports = __toCommonJS\(stdin_exports\);$/m.exec(
      code,
    )
  if (!exported) throw new Error(`${name} as CommonJS: no exports where esbuild writes them`)
  const getters = exported[1]
    .split('\n')
    .slice(0, -1)
    .map((line) => {
      const getter = /^ {2}([\w$]+|"[^"\\]*"): \(\) => (.+?),?$/.exec(line)
      if (!getter) throw new Error(`${name} as CommonJS: an export written otherwise than esbuild writes them: ${line}`)
      return `  get ${getter[1]}() {\n    return ${getter[2]};\n  },\n`
    })
  // __esModule as __toCommonJS sets it (not enumerable): what __toESM reads to know an ES module's exports.
  const literal = `var stdin_exports = module.exports = __defProp({\n${getters.join('')}}, "__esModule", { value: true });`
  return code.slice(0, exported.index) + literal + code.slice(exported.index + exported[0].length)
}
// Their code cache: what running a few reads on a copy of the demo library compiled (scripts/code-cache.mjs).
execFileSync(process.execPath, [fileURLToPath(new URL('code-cache.mjs', import.meta.url))], { stdio: ['ignore', 'ignore', 'inherit'] })
// Help as a pipe or a file receives it, saved for bin/precis.js to print (scripts/save-help.mjs).
execFileSync(process.execPath, [fileURLToPath(new URL('save-help.mjs', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] })

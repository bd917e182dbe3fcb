// Build dist/ with esbuild: src/cli.ts bundled into a few files instead of ~150 ES modules.
//
// Why a bundler: Node 20 has no compile cache for ES modules, and resolving, reading and compiling
// each module costs about a millisecond; `precis --help` loaded ~150 of ours and took 3× `node -e 0`
// (issue 9 asks for 1.5×). One bundle per lazily imported part (code splitting) keeps each
// command's implementation out of start-up. Type-checking is tsc's job (`npm run typecheck`).
import { build } from 'esbuild'
import { readFileSync, rmSync } from 'node:fs'

const { dependencies } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))

// Small packages every run needs are bundled with our code, and so are the renderers and zod, which
// ship as many modules (each resolved and read on its own) and need no files of their own: in
// chunks of their own, loaded with the commands that use them. The others stay in node_modules as
// their authors ship them (their own lazy requires, data files); we only ever load them lazily.
const BUNDLED = new Set([
  'commander',
  'chalk',
  'supports-hyperlinks',
  'fast-string-width',
  'fast-wrap-ansi',
  'lowdb',
  'marked-terminal',
  'entities',
  'marked',
  'temml',
  'cli-table3',
  'zod',
])

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true })
await build({
  // The worker thread a PDF is read in (src/formats/pdf-text.ts), a file of its own beside the others.
  entryPoints: { cli: 'src/cli.ts', 'pdf-worker': 'src/formats/pdf-worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: Object.keys(dependencies).filter((name) => !BUNDLED.has(name)),
  // What marked-terminal imports but precis never reaches: code-block highlighting and emoji
  // shortcodes (see the two files).
  alias: { 'cli-highlight': './src/render/no-highlight.ts', 'node-emoji': './src/render/no-emoji.ts' },
  // Bundled CommonJS (commander) calls require() for Node's own modules.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  // Flat: every file of dist/ sits one level below the package root, as src/ does (see package-files.ts).
  chunkNames: '[name]-[hash]',
  // Maps (dist/*.map) so that a stack trace under PRECIS_DEBUG names src/ files and lines; bin/precis.js
  // turns them on only then. Without the sources' text: a stack needs the lines, not the code.
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
})

// The math corpus benchmark: `npm run bench:math [-- --all]`. Every formula of corpus.jsonl
// (README.md beside this file) goes through the conversion `show` uses (src/render/math.ts) and
// is counted as readable (Unicode text), raw (shown as TeX as written) or a crash. Prints the
// share readable and the raw ones grouped by the construct that failed (--all: every one;
// --dump FILE: every formula and its text, to read for wrong grouping).
import { build } from 'esbuild'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const showAll = process.argv.includes('--all')
const dumpAt = process.argv.indexOf('--dump')
const dumpFile = dumpAt >= 0 ? process.argv[dumpAt + 1] : null

/** The TypeScript sources bundled into one temporary module, as the build does for `show`. */
async function loadRenderer() {
  const dir = mkdtempSync(join(tmpdir(), 'precis-bench-math-'))
  const outfile = join(dir, 'math.mjs')
  await build({
    stdin: {
      contents: `export { texToUnicode } from './src/render/math.ts'
        export { parseMathML } from './src/render/mathml.ts'
        export { mathmlToText } from './src/render/mathml-text.ts'
        export { default as temml } from 'temml'`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    logLevel: 'warning',
  })
  try {
    return await import(pathToFileURL(outfile).href)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Why a formula stayed raw: temml's complaint or the construct with no Unicode form, its details cut. */
function reason(m, tex, display) {
  try {
    const markup = m.temml.renderToString(tex, { displayMode: display, throwOnError: true, trust: false })
    m.mathmlToText(m.parseMathML(markup), display)
    return 'fails only as split into rows'
  } catch (error) {
    const message = String(error?.message ?? error)
      .replace(/^(KaTeX |Temml )?parse error:\s*/i, '')
      .replace(/ at position \d+.*$/s, '')
      .replace(/:\s*\S*\u0332.*$/s, '')
    return message.length > 70 ? message.slice(0, 70) + '…' : message
  }
}

const m = await loadRenderer()
const corpus = readFileSync(join(root, 'bench', 'math', 'corpus.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line))

const raw = new Map()
const dump = []
const crashes = []
let readable = 0
for (const formula of corpus) {
  let result
  try {
    result = m.texToUnicode(formula.tex, formula.display)
  } catch (error) {
    crashes.push({ formula, error: String(error) })
    continue
  }
  dump.push(`${formula.display ? '$$' : '$'}${formula.tex}${formula.display ? '$$' : '$'}\n${result.faithful ? result.text : '(raw)'}\n`)
  if (result.faithful) {
    readable++
    continue
  }
  const why = reason(m, formula.tex, formula.display)
  if (!raw.has(why)) raw.set(why, [])
  raw.get(why).push(formula)
}

const share = (n) => `${((100 * n) / corpus.length).toFixed(2)}%`
const rawCount = corpus.length - readable - crashes.length
console.log(
  `${corpus.length} formulas: ${readable} readable (${share(readable)}), ${rawCount} raw (${share(rawCount)}), ${crashes.length} crashed`,
)
const groups = [...raw.entries()].sort((a, b) => b[1].length - a[1].length)
for (const [why, formulas] of groups) {
  console.log(`\n${formulas.length} × ${why}`)
  for (const f of showAll ? formulas : formulas.slice(0, 3)) {
    console.log(`  ${f.display ? '$$' : '$'}${f.tex.replace(/\n/g, ' ').slice(0, 150)}${f.display ? '$$' : '$'}  (${f.page})`)
  }
}
if (dumpFile) writeFileSync(dumpFile, dump.join('\n'))
for (const { formula, error } of crashes) console.log(`\ncrash: ${error}\n  ${formula.tex}`)
process.exitCode = crashes.length > 0 ? 1 : 0

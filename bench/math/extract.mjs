// Rebuilds corpus.jsonl (README.md beside this file says from what): the math spans of Sphinx
// HTML documentation, as MathJax reads them (`\(…\)` inline, `\[…\]` display), and the `$…$`
// spans of a Markdown page. Usage:
//   node bench/math/extract.mjs <out.jsonl> <name>=<html dir> ... [<name>=<file.md>] ...
// Each formula once (the first page it appears on names it); pages matching SKIPPED are left out.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'

/** Special functions, physical constants and release notes: far from machine-learning notes. */
const SKIPPED = /scipy\.special|reference\/constants|^release/

const ENTITIES = { lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", amp: '&' }
const unescape = (html) => html.replace(/&(lt|gt|quot|#39|#x27|amp);/g, (_, name) => ENTITIES[name])
const SPHINX_MATH =
  /<span class="math[^"]*">\\\(([\s\S]*?)\\\)<\/span>|<div class="math[^"]*">\s*(?:<p>)?\s*\\\[([\s\S]*?)\\\]\s*(?:<\/p>)?\s*<\/div>/g
const MARKDOWN_MATH = /\$\$([\s\S]+?)\$\$|\$([^$\s][^$]*?)(?<!\s)\$/g

function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) return htmlFiles(path)
      return entry.isFile() && path.endsWith('.html') ? [path] : []
    })
    .sort()
}

function* spans(name, path) {
  if (statSync(path).isFile()) {
    for (const m of readFileSync(path, 'utf8').matchAll(MARKDOWN_MATH)) {
      yield { tex: (m[1] ?? m[2]).trim(), display: m[1] !== undefined, page: name }
    }
    return
  }
  for (const file of htmlFiles(path)) {
    const page = relative(path, file)
      .replace(/\.html$/, '')
      .replace(/^.*generated\//, '')
    if (SKIPPED.test(page)) continue
    for (const m of readFileSync(file, 'utf8').matchAll(SPHINX_MATH)) {
      yield { tex: unescape((m[1] ?? m[2]).trim()), display: m[2] !== undefined, page: `${name} ${page}` }
    }
  }
}

const [out, ...sources] = process.argv.slice(2)
const seen = new Set()
const lines = []
for (const source of sources) {
  const [name, path] = source.split('=')
  for (const span of spans(name, path)) {
    const key = (span.display ? 'D' : 'I') + span.tex
    if (span.tex === '' || seen.has(key)) continue
    seen.add(key)
    lines.push(JSON.stringify(span))
  }
}
writeFileSync(out, lines.join('\n') + '\n')
console.log(`${lines.length} formulas written to ${out}`)

/**
 * LaTeX field values from a `.bib` file turned into text (titles) or Markdown (notes, abstracts) by
 * the BibTeX parser's own LaTeX reader, with math kept as written: a summary is Markdown with
 * `$...$` math, and `\mathcal{O}(n^2)` must not come back as "O(n²)".
 *
 * How: math spans and angle brackets are swapped for letter-only placeholders, all values go through
 * the parser in one synthetic document, and its output is read back. After the swap every `<` in the
 * parser's output is markup it produced (`<i>`, `<p>`, `<a href>`), so the markup is unambiguous.
 */
import { parse } from '@retorquere/bibtex-parser'

/** How a converted value is used: a title is one line of text; a note becomes a Markdown body. */
export type TextKind = 'title' | 'markdown'

/** A value to convert and its kind. */
export interface LatexValue {
  tex: string
  kind: TextKind
}

/** Converted values in input order; null where the parser could not read a value (with the reason). */
export interface ConvertedValues {
  texts: Array<string | null>
  errors: Map<number, string>
}

export const PARSE_OPTIONS = {
  sentenceCase: false,
  english: false,
  caseProtection: false,
  // Unknown commands are dropped and their arguments kept as text: `\foo{bar}` → `bar`.
  unsupported: () => '',
} as const

/** Convert LaTeX values to text or Markdown; math (`$..$`, `$$..$$`, `\(..\)`, `\[..\]`) is kept verbatim. */
export function convertLatexValues(values: readonly LatexValue[]): ConvertedValues {
  const marker = placeholderPrefix(values.map((v) => v.tex).join('\n'))
  const saved: string[] = []
  const protect = (tex: string) =>
    tex.replace(MATH_OR_ANGLE, (match) => `${marker}${saved.push(match) - 1}${marker}`)
  const errors = new Map<number, string>()
  // `title` is read in the parser's title mode and `note` in its rich-text mode (paragraphs, lists).
  // An unbalanced value would swallow the values after it, so it never enters the document.
  const document = values
    .map((value, i) => {
      if (bracesBalanced(value.tex)) return `@misc{v${i}, ${value.kind === 'title' ? 'title' : 'note'} = {${protect(value.tex)}}}`
      errors.set(i, 'unbalanced braces')
      return ''
    })
    .join('\n')
  const result = parse(document, PARSE_OPTIONS)
  const texts: Array<string | null> = values.map(() => null)
  for (const entry of result.entries) {
    const index = Number(entry.key.slice(1))
    const kind = values[index]!.kind
    const raw = (kind === 'title' ? entry.fields.title : entry.fields.note) ?? ''
    // NFC: the parser builds accented letters from combining marks (`\"o` → o + U+0308).
    const text = (kind === 'title' ? markupToText(raw) : markupToMarkdown(raw)).normalize('NFC')
    texts[index] = restore(text, marker, saved)
  }
  for (const error of result.errors) {
    const index = /^@misc\{v(\d+),/.exec(error.input ?? '')?.[1]
    if (index !== undefined) errors.set(Number(index), error.error)
  }
  for (const index of errors.keys()) texts[index] = null
  return { texts, errors }
}

// Math in TeX terms (`\$` is an escaped dollar, not math), plus the characters whose meaning the
// parser would change (`<` prints as ¡ in TeX's old font encoding) and their command forms.
const MATH_OR_ANGLE =
  /\\\$|\$\$(?:[^$\\]|\\[\s\S])+\$\$|\$(?:[^$\\]|\\[\s\S])+\$|\\\([\s\S]*?\\\)|\\\[[\s\S]*?\\\]|\\text(?:less|greater)(?![a-zA-Z])(?:\{\})?|[<>]/g

const ANGLES: ReadonlyMap<string, string> = new Map([['\\textless', '<'], ['\\textgreater', '>']])

/** Put the saved spans back; an escaped dollar becomes a plain `$`, bracket commands their character. */
function restore(text: string, marker: string, saved: readonly string[]): string {
  return text.replace(new RegExp(`${marker}(\\d+)${marker}`, 'g'), (_m, n: string) => {
    const span = saved[Number(n)]!
    if (span === '\\$') return '$'
    return ANGLES.get(span.replace(/\{\}$/, '')) ?? span
  })
}

/** Whether braces pair up, counted as BibTeX counts them (backslashes do not escape braces). */
function bracesBalanced(text: string): boolean {
  let depth = 0
  for (const ch of text) {
    depth += ch === '{' ? 1 : ch === '}' ? -1 : 0
    if (depth < 0) return false
  }
  return depth === 0
}

/** A letters-only prefix that does not occur in the input, so placeholders cannot be forged. */
function placeholderPrefix(input: string): string {
  let marker = 'precisspan'
  while (input.includes(marker)) marker += 'x'
  return marker
}

const TAG = /<(\/?)([a-z][a-z0-9]*)((?:\s[^>]*)?)>/g

/** Parser markup to plain text: tags dropped, links kept as their label, paragraphs as spaces. */
function markupToText(markup: string): string {
  return markup.replace(TAG, (_m, _close: string, name: string) => (name === 'p' || name === 'br' ? ' ' : '')).replace(/\s+/g, ' ').trim()
}

/** Parser markup to Markdown: emphasis, code, links, lists, headings and paragraphs. */
function markupToMarkdown(markup: string): string {
  const markdown = markup
    .replace(/<a href="([^"]*)">([\s\S]*?)<\/a>/g, (_m, url: string, label: string) => (label === url ? `<${url}>` : `[${label}](${url})`))
    .replace(/<h(\d)>([\s\S]*?)<\/h\d>/g, (_m, level: string, text: string) => `\n\n${'#'.repeat(Number(level) + 1)} ${text}\n\n`)
    .replace(TAG, (_m, close: string, name: string) => MARKDOWN_TAGS.get(name)?.[close ? 1 : 0] ?? '')
  return markdown.replace(/[ \t]*\n[ \t]*/g, '\n').replace(/\n{3,}/g, '\n\n').trim()
}

/** Opening and closing Markdown for the parser's tags; tags not listed are dropped. */
const MARKDOWN_TAGS: ReadonlyMap<string, readonly [string, string]> = new Map([
  ['i', ['*', '*']],
  ['b', ['**', '**']],
  ['code', ['`', '`']],
  ['p', ['\n\n', '']],
  ['br', ['\n', '']],
  ['ul', ['\n', '\n']],
  ['li', ['\n- ', '']],
  ['blockquote', ['\n\n> ', '\n\n']],
])

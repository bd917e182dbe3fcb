/**
 * Help for reading LaTeX field values as text (titles) or Markdown (notes) with the BibTeX parser's
 * own LaTeX reader, while keeping math exactly as written: a summary is Markdown with `$...$` math,
 * and `\mathcal{O}(n^2)` must not come back as "O(n²)".
 *
 * How: before parsing, math spans and angle brackets in the `.bib` text are swapped for letter-only
 * placeholders; after parsing, the parser's markup is turned into text or Markdown and the spans are
 * put back. With the brackets swapped out, every `<` in the parser's output is markup it produced
 * (`<i>`, `<p>`, `<a href>`), so the markup is unambiguous. A `$` that opens no math ("under $100.")
 * is swapped out too and comes back as a dollar sign: the parser would refuse the whole entry for
 * it, and `\~{}` and `\^{}` come back as `~` and `^`, which the parser makes an accent on nothing.
 */

/** The `.bib` text with spans hidden, and the function that puts them back into a value. */
export interface ProtectedBibtex {
  text: string
  restore: (value: string) => string
}

// Math must keep its braces balanced inside it: a `$` that would pair with one in another field
// (`{costs $5}, note = {and $10}`) crosses a `}` first and is not math.
const MAX_MATH_LENGTH = 4000
const LITERAL = /\\text(?:less|greater)(?![a-zA-Z])(?:\{\})?|\\[~^]\{\}|[<>]/y
const LITERALS: ReadonlyMap<string, string> = new Map([
  ['\\textless', '<'],
  ['\\textgreater', '>'],
  ['<', '<'],
  ['>', '>'],
  ['\\~', '~'],
  ['\\^', '^'],
])

/** Hide math (`$..$`, `$$..$$`, `\(..\)`, `\[..\]`), lone dollars, angle brackets and `\~{}` behind placeholders. */
export function protectSpans(bib: string): ProtectedBibtex {
  let marker = 'precisspan'
  while (bib.includes(marker)) marker += 'x' // placeholders the input cannot forge
  const saved: string[] = []
  let out = ''
  let last = 0
  const interesting = /[\\$<>]/g
  for (let match = interesting.exec(bib); match; match = interesting.exec(bib)) {
    const start = match.index
    LITERAL.lastIndex = start
    const literal = LITERAL.exec(bib)
    const math = literal ? start + literal[0].length : mathEnd(bib, start)
    // A dollar that opens no math is a dollar sign; a run of them is hidden as one.
    const end = math === start && bib[start] === '$' ? dollarRunEnd(bib, start) : math
    if (end > start) {
      out += `${bib.slice(last, start)}${marker}${saved.push(bib.slice(start, end)) - 1}${marker}`
      last = interesting.lastIndex = end
    } else if (bib[start] === '\\') interesting.lastIndex = start + 2 // `\$` is a dollar sign, not math
  }
  const placeholder = new RegExp(`${marker}(\\d+)${marker}`, 'g')
  return {
    text: out + bib.slice(last),
    restore: (value) =>
      value.replace(placeholder, (_m, n: string) => {
        const span = saved[Number(n)]!
        return LITERALS.get(span.replace(/\{\}$/, '')) ?? span
      }),
  }
}

function dollarRunEnd(text: string, start: number): number {
  let end = start + 1
  while (text[end] === '$') end++
  return end
}

/**
 * The index just past the math span opening at `start`, or `start` when none opens there. A span
 * ends at its closer with braces balanced; another opener, an unbalanced `}` or a long run without a
 * closer means it was not math. Stopping at the next opener keeps the whole scan linear.
 */
function mathEnd(text: string, start: number): number {
  const open = OPENERS.find((opener) => text.startsWith(opener, start))
  if (open === undefined) return start
  const close = CLOSERS.get(open)!
  const limit = Math.min(text.length, start + MAX_MATH_LENGTH)
  let depth = 0
  for (let j = start + open.length; j < limit; j++) {
    if (depth === 0 && text.startsWith(close, j)) return j > start + open.length ? j + close.length : start
    const ch = text[j]
    if (ch === '$' || (ch === '\\' && (text[j + 1] === '(' || text[j + 1] === '['))) return start
    if (ch === '\\') j++
    else if (ch === '{') depth++
    else if (ch === '}' && --depth < 0) return start
  }
  return start
}

const OPENERS = ['$$', '$', '\\(', '\\[']
const CLOSERS: ReadonlyMap<string, string> = new Map([
  ['$$', '$$'],
  ['$', '$'],
  ['\\(', '\\)'],
  ['\\[', '\\]'],
])

/**
 * Whether the parser reads `literal` (a value as it stands in the `.bib` text, its math already
 * hidden by protectSpans) as the text itself, white space runs as one space: letters, digits, white
 * space and punctuation, without what its LaTeX reader turns into something else: commands, groups,
 * `~` (a space), `%` (a comment), `` ` `` and doubled `'` (quotes), doubled `-` (dashes), `<` and `>`
 * (`¡`, `¿`, `«`), and two line breaks with only blanks between (a paragraph, in a note: a `\r\n` is two). It costs the parser 100–300 kB/s; most abstracts are such text. Held to the
 * parser by a property test.
 */
export function isPlainText(literal: string): boolean {
  return PLAIN_CHARACTERS.test(literal) && !READ_AS_LATEX.test(literal)
}

const PLAIN_CHARACTERS = /^[\p{L}\p{M}\p{N} \t\n\r!"#&'()*+,./:;=?@[\]^_|-]*$/u
const READ_AS_LATEX = /[\\{}~%`$<>]|''|--|[\r\n][ \t]*[\r\n]/

const TAG = /<(\/?)([a-z][a-z0-9]*)((?:\s[^>]*)?)>/g

/** Parser markup to plain text: tags dropped, paragraphs and white space runs as one space. */
export function markupToText(markup: string): string {
  return composeLetters(
    markup
      .replace(TAG, (_m, _close: string, name: string) => (name === 'p' || name === 'br' ? ' ' : ''))
      .replace(/\s+/g, ' ')
      .trim(),
  )
}

/** Parser markup to Markdown: emphasis, code, links, lists, headings and paragraphs. */
export function markupToMarkdown(markup: string): string {
  const markdown = markup
    .replace(/<a href="([^"]*)">([\s\S]*?)<\/a>/g, (_m, url: string, label: string) => (label === url ? `<${url}>` : `[${label}](${url})`))
    .replace(/<h(\d)>([\s\S]*?)<\/h\d>/g, (_m, level: string, text: string) => `\n\n${'#'.repeat(Number(level) + 1)} ${text}\n\n`)
    .replace(TAG, (_m, close: string, name: string) => MARKDOWN_TAGS.get(name)?.[close ? 1 : 0] ?? '')
  return composeLetters(
    markdown
      .replace(/[ \t]*\n[ \t]*/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  )
}

/**
 * Accented letters as single characters (NFC), as search and other programs expect them. The parser
 * builds them from combining marks (`\"o` → o + U+0308), and puts accents on `\i` and `\j`
 * (`{\'\i}`) on the dotless letters, which have no precomposed forms: there the accent takes the
 * place of the dot, so the letters are i and j.
 */
export function composeLetters(text: string): string {
  return text.replace(/[ıȷ](?=\p{M})/gu, (letter) => (letter === 'ı' ? 'i' : 'j')).normalize('NFC')
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

// Characters that stay one character each wherever the parser reads them in plain text: letters and
// digits, but the Hangul jamo, which NFC joins into syllables.
const KEPT = /[\p{L}\p{N}]/u
const JAMO = /[\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]/
// A command's name (or symbol) and the word after it, which it may take as its argument.
const COMMAND = /\\(?:[a-zA-Z]+|[^]?)\s*[\p{L}\p{N}]*/uy
const ENTITY = /&[#\w]*/y

/**
 * At least how many characters `latex` (a value as written, math included) keeps once read as text
 * or Markdown: its letters and digits outside braces, commands and the word after each, comments
 * and markup (math is kept as written). The parser may make anything of the rest (a command may
 * drop its argument), so these alone are counted: a value past a limit by this count is past it
 * however it is read.
 */
export function keptCharacters(latex: string): number {
  let kept = 0
  let depth = 0
  for (let i = 0; i < latex.length; i++) {
    const ch = latex[i]!
    if (ch === '{') depth++
    else if (ch === '}') depth--
    else if (ch === '\\') {
      // An environment may drop what it holds.
      if (latex.startsWith('\\begin', i)) return kept
      i = endOfMatch(COMMAND, latex, i)
    } else if (ch === '%') {
      // A comment, to the end of the line.
      i = latex.indexOf('\n', i)
      if (i < 0) return kept
    } else if (ch === '&') i = endOfMatch(ENTITY, latex, i)
    // Markup may hide text (MathML's `<annotation>`).
    else if (ch === '<') return kept
    else if (depth === 0 && KEPT.test(ch) && !JAMO.test(ch)) kept++
  }
  return kept
}

/** The last index of `pattern` (sticky) matched at `at`. */
function endOfMatch(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at
  pattern.exec(text)
  return pattern.lastIndex - 1
}

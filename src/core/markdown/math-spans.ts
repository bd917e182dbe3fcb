/**
 * Math in Markdown: `$...$`, `$$...$$`, `\(...\)`, `\[...\]` found in prose (never in code) and
 * swapped for placeholders before marked parses the text, so `_`, `*` and `\{` inside formulas are
 * not read as Markdown. Dollars follow pandoc's rule, which keeps prices as text: the opening `$`
 * has a non-space character after it, the closing `$` a non-space character before it and no
 * digit after it (`$5 and $10` is text); and the first `$` after the opening one must close it,
 * and what it encloses must not read as prose.
 * `\$` is a dollar sign.
 */
import { mapProse } from './prose.js'

export interface MathSpan {
  /** The TeX between the delimiters. */
  tex: string
  /** `$$...$$` or `\[...\]`: shown on its own centred line. */
  display: boolean
  /** The span as written, delimiters included (shown when the TeX has no Unicode form). */
  source: string
}

export interface ProtectedMarkdown {
  /** The Markdown with each math span replaced by a placeholder. */
  markdown: string
  /** The spans, indexed by the number in their placeholder. */
  spans: MathSpan[]
}

/** Placeholders: private-use characters around the span's index; Markdown leaves them alone. */
export const INLINE_PLACEHOLDER = /\uE000(\d+)\uE001/g
export const DISPLAY_PLACEHOLDER = /\uE002(\d+)\uE001/g
const PLACEHOLDER_CHARS = /[\uE000-\uE01F]/g

/**
 * Inline math longer than this is not converted: it is shown as written, as TeX (never handed
 * to Markdown, which would eat its underscores).
 */
export const MAX_INLINE_LENGTH = 2000

/**
 * Replaces every math span in the prose of `markdown` with a placeholder; `prepare` edits each run
 * of prose first (in the same pass over the text).
 */
export function protectMath(markdown: string, prepare: (prose: string) => string = (prose) => prose): ProtectedMarkdown {
  const spans: MathSpan[] = []
  // Private-use characters we use as markers (placeholders, hard breaks) would be misread: neutralise them.
  const clean = markdown.replace(PLACEHOLDER_CHARS, '\uFFFD')
  const protectedText = mapProse(clean, (prose) =>
    replaceMath(prepare(prose), (span) => {
      spans.push(span)
      return `${span.display ? '\uE002' : '\uE000'}${spans.length - 1}\uE001`
    }),
  )
  return { markdown: protectedText, spans }
}

function replaceMath(prose: string, replace: (span: MathSpan) => string): string {
  const find = memoisedFinder(prose)
  let out = ''
  let last = 0
  let i = 0
  const take = (end: number, tex: string, display: boolean) => {
    const source = prose.slice(i, end)
    out += prose.slice(last, i) + replace({ tex: stripQuoteMarkers(tex), display, source })
    last = i = end
  }
  while (i < prose.length) {
    const ch = prose[i]
    const next = prose[i + 1]
    if (ch === '\\' && (next === '(' || next === '[')) {
      const close = find(next === '(' ? '\\)' : '\\]', i + 2)
      // `\[\\\]` is Markdown escapes (`[\]`), not a formula holding only a line break.
      if (close > i + 2 && /[^\s\\]/.test(prose.slice(i + 2, close))) take(close + 2, prose.slice(i + 2, close), next === '[')
      else i += 2
    } else if (ch === '\\') {
      i += 2
    } else if (ch === '$' && next === '$') {
      const close = find('$$', i + 2)
      if (close > i + 2 && prose.slice(i + 2, close).trim() !== '') take(close + 2, prose.slice(i + 2, close), true)
      else i += 2
    } else if (ch === '$') {
      const close = closingDollar(prose, i)
      if (close > 0 && !looksLikeProse(prose.slice(i + 1, close))) take(close + 1, prose.slice(i + 1, close), false)
      else i++
    } else if (ch === 'h' && /^https?:\/\//.test(prose.slice(i, i + 8))) {
      i = skipWhile(prose, i, /\S/) // a `$` inside a URL is part of the URL
    } else if (ch === ']' && next === '(') {
      i = skipWhile(prose, i + 2, /[^\s)]/) // so is one in a link destination
    } else {
      i = nextCandidate(prose, i + 1)
    }
  }
  return out + prose.slice(last)
}

// Where math, an escape or a URL may start: the text between is passed over in one step.
const CANDIDATE = /[\\$\]]|https?:\/\//g

function nextCandidate(prose: string, from: number): number {
  CANDIDATE.lastIndex = from
  return CANDIDATE.exec(prose)?.index ?? prose.length
}

/**
 * The index of the `$` closing the inline math opened at `open`, or -1. Pandoc's rules, plus one:
 * the next unescaped `$` must be the closer, so in `$5 and $10 ... $x$` the prices stay text.
 */
function closingDollar(text: string, open: number): number {
  const first = text[open + 1]
  if (first === undefined || /\s/.test(first)) return -1
  // The next `$` closes, so each scan ends there and the text is read once; a blank line ends
  // the paragraph, so an unmatched `$` cannot swallow a page.
  for (let j = open + 1; j < text.length; j++) {
    const ch = text[j]
    if (ch === '\n' && /^[ \t]*(?:\n|$)/.test(text.slice(j + 1, j + 80))) return -1
    if (ch === '\\') j++
    else if (ch === '$') return !/\s/.test(text[j - 1] ?? ' ') && !/\d/.test(text[j + 1] ?? '') ? j : -1
  }
  return -1
}

/**
 * Three plain words in a row, outside TeX commands and their arguments: the text between two
 * prices (`$8, so a run is cheap ... 5$`), not a formula.
 */
function looksLikeProse(tex: string): boolean {
  const bare = tex.replace(/\\[a-zA-Z]+\*?(?:\{[^{}]*\})*/g, ' ')
  return /(?<![\w\\])[A-Za-z]{2,}[ ,.;:!?]+[A-Za-z]{2,}[ ,.;:!?]+[A-Za-z]{2,}/.test(bare)
}

/** `indexOf` that remembers misses, so many unclosed `\(` cannot make scanning quadratic. */
function memoisedFinder(text: string): (needle: string, from: number) => number {
  const lastFound = new Map<string, number>()
  return (needle, from) => {
    const known = lastFound.get(needle)
    if (known !== undefined && (known >= from || known === -1)) return known
    const found = text.indexOf(needle, from)
    lastFound.set(needle, found)
    return found
  }
}

function skipWhile(text: string, from: number, pattern: RegExp): number {
  let i = from
  while (i < text.length && pattern.test(text[i] as string)) i++
  return i
}

/** Math that continues over lines of a block quote carries the `>` markers: drop them. */
function stripQuoteMarkers(tex: string): string {
  return tex.replace(/\n[ \t]*(?:>[ \t]?)*/g, '\n')
}

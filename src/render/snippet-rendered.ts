/**
 * Snippets shown as `show` shows a body: math as Unicode (TeX it cannot render stays as written),
 * figures as `[fig]`, citations as the short titles of the papers they cite (`?key` for a key the
 * library lacks). The highlights move with the text; a match inside a formula or a citation
 * highlights what it became.
 */
import { CitationResolver, resolveCitations } from '../core/citations/citations.js'
import type { Highlight, Snippet } from '../core/search/snippets.js'
import { shortTitle } from '../core/citations/citation-text.js'
import type { MathConverter } from './math.js'

/** A stretch of a snippet's text [start, end) and what to show for it. */
interface Rewrite {
  start: number
  end: number
  text: string
}

export interface SnippetRendering {
  /** Unicode for a formula, or null to keep its TeX (render/math.ts `texToUnicode`, loaded only for math). */
  math: ((tex: string, display: boolean) => string | null) | null
  resolver: CitationResolver
}

const MATH = /\$\$([^$]{1,400}?)\$\$|\\\[([\s\S]{1,400}?)\\\]|\\\(([\s\S]{1,400}?)\\\)|\$(?=\S)((?:[^$\n\\]|\\.){1,400}?)(?<=\S)\$(?!\d)/g
const FIGURE = /!\[[^\]\n]*\]\([^)\n]*\)|<img\s[^>]*>|https?:\/\/\S+?\.(?:png|jpe?g|gif|svg|webp)\b/gi

/** Whether a text may hold math (so that the TeX renderer is worth loading). */
export function mayHoldMath(text: string): boolean {
  return /\$|\\[([]/.test(text)
}

/** What citations in a snippet are resolved against: the library, or its outline. */
export type CitingLibrary = ConstructorParameters<typeof CitationResolver>[0]

/**
 * How snippets over `library` are shown; math is converted only `withMath`, by `convertMath` when
 * given (math-conversions.ts, which loads temml only for a formula no earlier run converted), else
 * by texToUnicode (temml, heavy, loaded with the first formula). Each formula is converted once:
 * browse shows the same snippets again at every keystroke.
 */
export async function snippetRendering(library: CitingLibrary, withMath: boolean, convertMath?: MathConverter): Promise<SnippetRendering> {
  const texToUnicode = withMath ? (convertMath ?? (await import('./math.js')).texToUnicode) : null
  const converted = new Map<string, string | null>()
  const math = (tex: string, display: boolean) => {
    const key = `${display ? '$$' : '$'}${tex}`
    let text = converted.get(key)
    if (text === undefined) {
      const rendered = texToUnicode!(tex, display)
      text = rendered.faithful ? rendered.text : null
      converted.set(key, text)
    }
    return text
  }
  return { resolver: new CitationResolver(library), math: texToUnicode ? math : null }
}

/** A formula of a snippet's text (without its delimiters), and where it stands with them. */
export interface Formula {
  tex: string
  display: boolean
  start: number
  end: number
}

/** The formulas of a snippet's text: those its rendering converts. */
export function formulasIn(text: string): Formula[] {
  return Array.from(text.matchAll(MATH), (match) => ({
    tex: match[1] ?? match[2] ?? match[3] ?? match[4] ?? '',
    display: match[1] !== undefined || match[2] !== undefined,
    start: match.index,
    end: match.index + match[0].length,
  }))
}

function rewritesOf(text: string, rendering: SnippetRendering): Rewrite[] {
  const found: Rewrite[] = []
  const { math } = rendering
  for (const { tex, display, start, end } of math ? formulasIn(text) : []) {
    const unicode = math?.(tex, display) ?? null
    if (unicode !== null) found.push({ start, end, text: unicode.replace(/\s*\n\s*/g, ' ') })
  }
  for (const match of text.matchAll(FIGURE)) found.push({ start: match.index, end: match.index + match[0].length, text: '[fig]' })
  for (const citation of resolveCitations(text, rendering.resolver)) {
    const names = citation.cited.map(({ key, paper }) => (paper ? shortTitle(paper.title) : `?${key}`)).join('; ')
    found.push({ start: citation.start, end: citation.end, text: citation.form === 'latex' && !citation.textual ? `[${names}]` : names })
  }
  // The first of overlapping stretches wins (a figure's URL is not also a citation).
  found.sort((a, b) => a.start - b.start)
  return found.filter((rewrite, i) => found.slice(0, i).every((other) => other.end <= rewrite.start || other.start >= rewrite.end))
}

/** The snippet as it is shown. */
export function renderSnippet(snippet: Snippet, rendering: SnippetRendering): Snippet {
  const rewrites = rewritesOf(snippet.text, rendering)
  if (rewrites.length === 0) return snippet
  let text = ''
  let last = 0
  // Where each position of the old text lands in the new (-1: nowhere); a rewritten stretch maps
  // whole. Arrays, not maps: a search shows 40 snippets, and setting a map entry for each of their
  // characters in a fresh process took four times as long.
  const starts = new Int32Array(snippet.text.length + 1).fill(-1)
  const ends = new Int32Array(snippet.text.length + 1).fill(-1)
  const place = (from: number, to: number, at: number) => {
    for (let i = from; i <= to; i++) starts[i] = ends[i] = at + (i - from)
  }
  for (const rewrite of rewrites) {
    place(last, rewrite.start, text.length)
    text += snippet.text.slice(last, rewrite.start)
    for (let i = rewrite.start + 1; i < rewrite.end; i++) {
      starts[i] = text.length
      ends[i] = text.length + rewrite.text.length
    }
    text += rewrite.text
    ends[rewrite.end] = text.length
    last = rewrite.end
  }
  place(last, snippet.text.length, text.length)
  text += snippet.text.slice(last)
  const placed = (places: Int32Array, at: number, otherwise: number) => {
    const value = places[at] // undefined past the ends, or for a position that is not a whole number
    return value !== undefined && value >= 0 ? value : otherwise
  }
  const highlights: Highlight[] = []
  for (const { start, end } of snippet.highlights) {
    const moved = { start: placed(starts, start, 0), end: placed(ends, end, text.length) }
    const previous = highlights.at(-1)
    if (previous && moved.start < previous.end) previous.end = Math.max(previous.end, moved.end)
    else if (moved.end > moved.start) highlights.push(moved)
  }
  return { text, highlights }
}

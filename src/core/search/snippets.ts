/**
 * Snippets: one or two windows of a body around the matched words, chosen where the most
 * different query terms sit close together. Plain data (text and highlighted spans); colour,
 * width and sanitising are the renderer's job (render/snippet.ts).
 */
import type { Span, TermPattern } from './pattern.js'
import type { ScanText } from './text.js'
import { wholeFormulas } from './snippet-math.js'

/** A matched stretch of a snippet's text: [start, end) in UTF-16 units. */
export interface Highlight {
  start: number
  end: number
}

/** A window of a body with the matched words marked. */
export interface Snippet {
  /** The window's text, white space runs folded to one space, `…` where the body was cut. */
  text: string
  /** Matched words within `text`: sorted, not overlapping. */
  highlights: Highlight[]
}

export interface SnippetOptions {
  /** Most windows to return. */
  count: number
  /** Length of a window in characters (before white space is folded). */
  length: number
}

export interface Hit extends Span {
  term: number
}

const MAX_SPANS_PER_TERM = 200

function collectHits(body: ScanText, patterns: readonly TermPattern[]): Hit[] {
  const hits = patterns.flatMap((pattern, term) => pattern.spans(body, MAX_SPANS_PER_TERM).map((span) => ({ ...span, term })))
  hits.sort((a, b) => a.start - b.start || b.end - a.end)
  // Keep the first of overlapping hits (a phrase, not its words again).
  const kept: Hit[] = []
  for (const hit of hits) if (kept.length === 0 || hit.start >= kept[kept.length - 1]!.end) kept.push(hit)
  return kept
}

/**
 * Of the windows starting a little before each hit, the first covering the most different terms,
 * then the most hits. `hits` are sorted and do not overlap (collectHits), so their ends ascend too:
 * the hits inside a window are a run of them, and both ends of that run only move forward from one
 * anchor to the next. One pass, rather than every hit looked at for each anchor (a pasted sentence's
 * shown bodies have a hundred hits and more).
 */
export function bestWindow(hits: readonly Hit[], terms: number, length: number): { start: number; end: number } {
  const inside = new Uint32Array(terms)
  let distinct = 0
  let first = 0 // the run is [first, past)
  let past = 0
  let best = { start: 0, end: 0 }
  let bestValue = -1
  for (const anchor of hits) {
    const start = Math.max(0, anchor.start - Math.floor(length / 4))
    const end = start + length
    for (; first < hits.length && hits[first]!.start < start; first++) if (first < past && --inside[hits[first]!.term]! === 0) distinct--
    past = Math.max(past, first)
    for (; past < hits.length && hits[past]!.end <= end; past++) if (inside[hits[past]!.term]!++ === 0) distinct++
    const value = distinct * 1000 + (past - first)
    if (value > bestValue) [best, bestValue] = [{ start, end }, value]
  }
  return best
}

// Move a cut to a nearby space so words stay whole.
function atSpace(body: string, index: number, direction: -1 | 1): number {
  if (index <= 0) return 0
  if (index >= body.length) return body.length
  for (let i = index, steps = 0; steps < 20 && i > 0 && i < body.length; i += direction, steps++) {
    if (/\s/.test(body[i]!)) return direction < 0 ? i + 1 : i
  }
  return index
}

function render(body: string, start: number, end: number, hits: readonly Hit[]): Snippet {
  let text = start > 0 ? '…' : ''
  const highlights: Highlight[] = []
  let at = start
  const fold = (s: string) => s.replace(/\s+/g, ' ')
  for (const hit of hits) {
    if (hit.start < start || hit.end > end) continue
    text += fold(body.slice(at, hit.start))
    const word = fold(body.slice(hit.start, hit.end))
    highlights.push({ start: text.length, end: text.length + word.length })
    text += word
    at = hit.end
  }
  text += fold(body.slice(at, end))
  if (start === 0) {
    const trimmed = text.trimStart()
    const shift = text.length - trimmed.length
    text = trimmed
    for (const h of highlights) {
      h.start -= shift
      h.end -= shift
    }
  }
  return { text: text.trimEnd() + (end < body.length ? '…' : ''), highlights }
}

/** Up to `count` windows of `field` around the places where `patterns` match (or its opening when none does). */
export function bodySnippets(field: ScanText, patterns: readonly TermPattern[], options: SnippetOptions): Snippet[] {
  const body = field.text
  if (body.trim() === '') return []
  const hits = collectHits(field, patterns)
  if (hits.length === 0) return [render(body, 0, atSpace(body, options.length, 1), [])]
  const windows: { start: number; end: number }[] = []
  let remaining = hits
  while (windows.length < options.count && remaining.length > 0) {
    const best = bestWindow(remaining, patterns.length, options.length)
    const { start, end } = wholeFormulas(body, atSpace(body, best.start, -1), atSpace(body, best.end, 1))
    windows.push({ start, end })
    // Only hits whose own window would not overlap this one can anchor the next.
    const before = Math.floor(options.length / 4)
    remaining = remaining.filter((hit) => hit.start - before >= end || hit.start - before + options.length <= start)
  }
  windows.sort((a, b) => a.start - b.start)
  return windows.map((w) => render(body, w.start, w.end, hits))
}

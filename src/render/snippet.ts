/**
 * A search snippet as one terminal line: sanitised, fitted to a width in columns (wide CJK
 * characters take two), the first match kept in view, matches styled by the caller's function
 * (colour is the caller's choice). `search` renders math, figures and citations first
 * (snippet-rendered.ts, loading temml only for a snippet with math); browse, which formats on
 * every keystroke, shows them as written.
 */
import stringWidth from 'fast-string-width'
import type { Snippet } from '../core/search/snippets.js'
import { sanitizeTerminal } from '../core/text/sanitize.js'

interface Cell {
  /** The character as it may be shown (sanitised). */
  text: string
  width: number
  highlighted: boolean
}

const ELLIPSIS = '…'

// Printable ASCII is one column and safe as it is; only other characters need the full treatment
// (browse formats a snippet per listed hit on every keystroke). Its cells are made once and shared.
const ASCII_CELLS = [false, true].map((highlighted) =>
  Array.from({ length: 0x7f }, (_, code): Cell => ({ text: String.fromCharCode(code), width: 1, highlighted })),
)

function cell(char: string, highlighted: boolean): Cell {
  const code = char.charCodeAt(0)
  if (char.length === 1 && code >= 0x20 && code < 0x7f) return ASCII_CELLS[highlighted ? 1 : 0]![code]!
  const text = sanitizeTerminal(char)
  return { text, width: stringWidth(text), highlighted }
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff

function cells(snippet: Snippet): Cell[] {
  const { text } = snippet
  const marked = new Uint8Array(text.length)
  for (const { start, end } of snippet.highlights) marked.fill(1, start, end)
  const result: Cell[] = []
  // Character by character as `for … of` reads them (a surrogate pair is one), without a string per ASCII character.
  for (let index = 0; index < text.length;) {
    const code = text.charCodeAt(index)
    const highlighted = marked[index] === 1
    if (code >= 0x20 && code < 0x7f) {
      result.push(ASCII_CELLS[highlighted ? 1 : 0]![code]!)
      index++
      continue
    }
    const length = isHighSurrogate(code) && index + 1 < text.length && isLowSurrogate(text.charCodeAt(index + 1)) ? 2 : 1
    result.push(cell(text.slice(index, index + length), highlighted))
    index += length
  }
  return result
}

/** The width of the cells before each place: the cells from a to b take widths[b] - widths[a] columns. */
function widthsBefore(list: readonly Cell[]): Float64Array {
  const widths = new Float64Array(list.length + 1)
  for (let i = 0; i < list.length; i++) widths[i + 1] = widths[i]! + list[i]!.width
  return widths
}

// The cells to show: all when they fit; otherwise a window that starts early enough for context
// and late enough that the first match is visible, with an ellipsis at each cut.
function fit(all: Cell[], width: number): Cell[] {
  const widths = widthsBefore(all)
  if (widths[all.length]! <= width) return all
  const ellipsis: Cell = { text: ELLIPSIS, width: 1, highlighted: false }
  const firstMatch = Math.max(
    0,
    all.findIndex((cell) => cell.highlighted),
  )
  let matchEnd = firstMatch
  while (matchEnd < all.length && all[matchEnd]!.highlighted) matchEnd++
  // Start at the beginning if the first match fits from there; else just before the match, with
  // a little context when there is room.
  let start = 0
  if (widths[matchEnd]! + 1 > width) {
    const context = Math.min(20, Math.floor(width / 4))
    start = firstMatch
    while (start > 0 && firstMatch - start < context && widths[matchEnd]! - widths[start - 1]! + 2 <= width) start--
  }
  const shown: Cell[] = start > 0 ? [ellipsis] : []
  let used = start > 0 ? 1 : 0
  for (let i = start; i < all.length; i++) {
    const cell = all[i]!
    const room = width - used - (i < all.length - 1 ? 1 : 0) // keep a column for the closing ellipsis
    if (cell.width > room) {
      shown.push(ellipsis)
      return shown
    }
    shown.push(cell)
    used += cell.width
  }
  return shown
}

/**
 * A snippet as one line of at most `width` columns, with `highlight` applied to matched words.
 * The text is sanitised before styling, so escape sequences only ever come from `highlight`.
 */
export function formatSnippet(snippet: Snippet, width: number, highlight: (text: string) => string): string {
  const shown = fit(cells(snippet), Math.max(1, width))
  let line = ''
  for (let i = 0; i < shown.length;) {
    let j = i
    let run = ''
    while (j < shown.length && shown[j]!.highlighted === shown[i]!.highlighted) run += shown[j++]!.text
    line += shown[i]!.highlighted ? highlight(run) : run
    i = j
  }
  return line
}

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
// (browse formats a snippet per listed hit on every keystroke).
function cell(char: string, highlighted: boolean): Cell {
  const code = char.charCodeAt(0)
  if (char.length === 1 && code >= 0x20 && code < 0x7f) return { text: char, width: 1, highlighted }
  const text = sanitizeTerminal(char)
  return { text, width: stringWidth(text), highlighted }
}

function cells(snippet: Snippet): Cell[] {
  const marked = new Uint8Array(snippet.text.length)
  for (const { start, end } of snippet.highlights) marked.fill(1, start, end)
  const result: Cell[] = []
  let index = 0
  for (const char of snippet.text) {
    result.push(cell(char, marked[index] === 1))
    index += char.length
  }
  return result
}

function widthOf(list: readonly Cell[]): number {
  return list.reduce((sum, cell) => sum + cell.width, 0)
}

// The cells to show: all when they fit; otherwise a window that starts early enough for context
// and late enough that the first match is visible, with an ellipsis at each cut.
function fit(all: Cell[], width: number): Cell[] {
  if (widthOf(all) <= width) return all
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
  if (widthOf(all.slice(0, matchEnd)) + 1 > width) {
    const context = Math.min(20, Math.floor(width / 4))
    start = firstMatch
    while (start > 0 && firstMatch - start < context && widthOf(all.slice(start - 1, matchEnd)) + 2 <= width) start--
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

/**
 * Terminal text layout: display width (wide CJK, zero-width combining marks, escape sequences),
 * word wrapping that keeps styles and hyperlinks open across lines, centring, indenting.
 */
import stringWidth from 'fast-string-width'
import { wrapAnsi } from 'fast-wrap-ansi'
import { largest } from '../core/lists.js'

/**
 * A space wrapping must not break at (inside `[fig 3]`, before `=` in a formula). Rendering
 * turns it back into a plain space once the text is wrapped.
 */
export const NO_BREAK_SPACE = '\u00A0'

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/

/** Whether `text` is printable ASCII only: then each character takes one column, and displayWidth is its length. */
export function isPrintableAscii(text: string): boolean {
  return PRINTABLE_ASCII.test(text)
}

/** Columns `text` takes on a terminal (escape sequences count zero). */
export function displayWidth(text: string): number {
  // Most text is printable ASCII, measured without the library (a list measures every id, title and tag).
  return isPrintableAscii(text) ? text.length : stringWidth(text)
}

/**
 * Wraps `text` at `width` columns on spaces; existing newlines are kept, runs of spaces become
 * one. No-break spaces hold, unless what they join is wider than the line. A word longer than the line is cut into pieces, except URLs, which stay whole so they can
 * still be copied.
 */
export function wrapText(text: string, width: number): string {
  // Runs of spaces collapse, as in HTML; the wrapping library is quadratic in them.
  const breakable = text
    .replace(/ {2,}/g, ' ')
    // Text joined by no-break spaces (a formula) that cannot fit on any line may break at them. Whole
    // words, tested after the match: /[^ \n]*\u00A0/ retried at every letter of a long word was quadratic.
    .replace(/[^ \n]+/g, (word) => (word.includes(NO_BREAK_SPACE) && wider(word, width) ? word.replaceAll(NO_BREAK_SPACE, ' ') : word))
    .replace(/[^\s]{2,}/g, (word) => (wider(word, width) && !word.includes('://') && !word.includes('\x1b') ? chop(word, width) : word))
  return wrapAnsi(breakable, width, { hard: false, trim: true })
}

/**
 * Whether `word` is wider than `width` columns. Only a tab is wider than two columns per UTF-16 unit,
 * so a word without one of at most width / 2 units is not: most words are answered without measuring.
 */
function wider(word: string, width: number): boolean {
  return (word.length * 2 > width || word.includes('\t')) && displayWidth(word) > width
}

/** Splits a plain word into space-separated pieces of at most `width` columns. */
function chop(word: string, width: number): string {
  const pieces: string[] = []
  let piece = ''
  let used = 0
  for (const ch of word) {
    const w = displayWidth(ch)
    if (used + w > width && piece !== '') {
      pieces.push(piece)
      piece = ''
      used = 0
    }
    piece += ch
    used += w
  }
  return [...pieces, piece].join(' ')
}

/** Centres a block of lines (as one block, so aligned lines stay aligned) within `width`. */
export function centre(lines: string[], width: number): string[] {
  const widest = largest(lines.map(displayWidth), 0)
  const pad = ' '.repeat(Math.max(0, Math.floor((width - widest) / 2)))
  return lines.map((line) => (line === '' ? '' : pad + line))
}

/** Prefixes every line; `rest` (default: spaces as wide as `first`) for the lines after the first. */
export function indent(text: string, first: string, rest = ' '.repeat(displayWidth(first))): string {
  return text
    .split('\n')
    .map((line, i) => {
      const prefix = i === 0 ? first : rest
      return line === '' ? prefix.trimEnd() : prefix + line
    })
    .join('\n')
}

// eslint-disable-next-line no-control-regex -- matches the SGR and OSC 8 escape sequences precis itself writes
const ESCAPE_SEQUENCE = /^(?:\x1b\[[0-9;]*m|\x1b\]8;;[^\x07\x1b]*\x07)$/

/** Removes trailing whitespace from every line, also where styles or links close after it. */
export function trimLines(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      // Peel off closing escape sequences and the spaces around them from the end (one regex for
      // this backtracks quadratically on long lines), then put the sequences back.
      let body = line.trimEnd()
      let closing = ''
      let start = body.lastIndexOf('\x1b')
      while (start >= 0 && ESCAPE_SEQUENCE.test(body.slice(start))) {
        closing = body.slice(start) + closing
        body = body.slice(0, start).trimEnd()
        start = body.lastIndexOf('\x1b')
      }
      return body + closing
    })
    .join('\n')
}

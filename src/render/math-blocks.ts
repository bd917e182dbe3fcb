/**
 * Two-dimensional text for display math: a matrix or cases drawn over several lines, with its
 * columns aligned and its brackets or brace built from bracket pieces (⎡ ⎢ ⎣, ⎧ ⎨ ⎩), and such
 * blocks set beside the one-line text around them (`𝐖 = ⎡…⎤`), centred on each other.
 */
import { displayWidth } from './wrap.js'
import { largest } from '../core/lists.js'

/** A space that survives the final collapsing of runs of spaces (alignment, \quad). */
export const HARD_SPACE = '\uE010'

const width = (text: string) => displayWidth(text.replaceAll(HARD_SPACE, ' '))
const padEnd = (text: string, to: number) => text + HARD_SPACE.repeat(Math.max(0, to - width(text)))

/** Pieces of one line joined left to right; pieces of several lines are centred on each other. */
export function besideEachOther(pieces: string[]): string {
  if (!pieces.some((piece) => piece.includes('\n'))) return pieces.join('')
  const blocks = pieces.map((piece) => piece.split('\n'))
  const height = largest(blocks.map((lines) => lines.length))
  const lines: string[] = Array.from({ length: height }, () => '')
  for (const block of blocks) {
    const columns = largest(block.map(width))
    const top = Math.floor((height - block.length) / 2)
    for (let row = 0; row < height; row++) {
      lines[row] += padEnd(block[row - top] ?? '', columns)
    }
  }
  return lines.join('\n')
}

const PIECES = new Map([
  ['(', ['⎛', '⎜', '⎝']],
  [')', ['⎞', '⎟', '⎠']],
  ['[', ['⎡', '⎢', '⎣']],
  [']', ['⎤', '⎥', '⎦']],
  ['{', ['⎧', '⎪', '⎩', '⎨']],
  ['}', ['⎫', '⎪', '⎭', '⎬']],
  ['|', ['│', '│', '│']],
  ['‖', ['║', '║', '║']],
])

/** A fence `height` lines tall, as one column of characters (`''` stays empty). */
function fence(char: string, height: number): string[] {
  const pieces = PIECES.get(char)
  if (height === 1 || !pieces)
    return Array.from({ length: height }, (_, row) => (row === 0 || height === 1 ? char : ' '.repeat(width(char))))
  const [top, middle, bottom, centre] = pieces as [string, string, string, string?]
  return Array.from({ length: height }, (_, row) => {
    if (row === 0) return top
    if (row === height - 1) return bottom
    return centre && row === Math.floor((height - 1) / 2) ? centre : middle
  })
}

/**
 * Rows of cells as an aligned block between fences: matrix columns centred, cases columns
 * (`alignLeft`) left-aligned; two spaces between columns.
 */
export function drawTable(rows: string[][], open: string, close: string, alignLeft: boolean): string {
  const columns = largest(rows.map((cells) => cells.length))
  const widths = Array.from({ length: columns }, (_, col) => largest(rows.map((cells) => width(cells[col] ?? ''))))
  const body = rows.map((cells) =>
    widths
      .map((w, col) => {
        const cell = cells[col] ?? ''
        const left = alignLeft ? 0 : Math.floor((w - width(cell)) / 2)
        return padEnd(HARD_SPACE.repeat(left) + cell, w)
      })
      .join(HARD_SPACE.repeat(2)),
  )
  const before = fence(open, rows.length)
  const after = fence(close, rows.length)
  const space = (char: string) => (char === '' ? '' : HARD_SPACE)
  return body.map((line, row) => before[row] + space(open) + line + space(close) + after[row]).join('\n')
}

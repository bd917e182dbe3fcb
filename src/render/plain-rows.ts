/**
 * Body rows of plain cells drawn as cli-table3 draws them, without its per-cell work. cli-table3
 * measures every cell several times, each time compiling string-width's and strip-ansi's
 * expressions again, and merges the table's options into each cell: a table of 130,000 rows took
 * 4 s, nearly all of it there. A cell of printable ASCII words, one space apart, that fits its
 * column is one line of the cell's text padded to the column: drawn here. Any other cell (escape
 * sequences, wide or combining characters, line breaks, runs of spaces, empty, or wrapped) is left
 * to cli-table3.
 */

/** A column's alignment, from the Markdown delimiter row (null: none given, drawn left). */
export type Align = 'left' | 'center' | 'right' | null

const PLAIN_CELL = /^[!-~]+(?: [!-~]+)*$/

/** Whether cli-table3 would draw `cell` as its own text on one line of a column `width` wide. */
export function isPlainCell(cell: string, width: number): boolean {
  return cell.length <= width && PLAIN_CELL.test(cell)
}

/**
 * The lines of a cli-table3 table of `rows` (each cell plain, see isPlainCell) in columns of
 * `widths` (text only, without the padding), from its top border to its bottom border; with
 * `compact`, no line between rows.
 */
export function drawPlainRows(
  rows: readonly (readonly string[])[],
  widths: readonly number[],
  align: readonly Align[],
  compact: boolean,
): string[] {
  const border = (left: string, join: string, right: string) => left + widths.map((w) => '─'.repeat(w + 2)).join(join) + right
  const between = border('├', '┼', '┤')
  const lines = [border('┌', '┬', '┐')]
  rows.forEach((row, r) => {
    if (r > 0 && !compact) lines.push(between)
    lines.push('│' + widths.map((w, c) => ` ${padded(row[c]!, w, align[c] ?? 'left')} `).join('│') + '│')
  })
  lines.push(border('└', '┴', '┘'))
  return lines
}

/** `text` padded with spaces to `width`, as cli-table3 aligns a cell (centred: the odd space on the right). */
function padded(text: string, width: number, align: Align): string {
  const room = width - text.length
  if (align === 'right') return ' '.repeat(room) + text
  if (align === 'center') return ' '.repeat(Math.floor(room / 2)) + text + ' '.repeat(Math.ceil(room / 2))
  return text + ' '.repeat(room)
}

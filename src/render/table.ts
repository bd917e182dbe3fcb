/**
 * Tables drawn with cli-table3 and fitted to the width: columns keep their natural width when the
 * table fits, otherwise the widest columns give up space first and their cells wrap.
 * (marked-terminal's own table ignores the width and colours borders through its own detection.)
 */
import Table from 'cli-table3'
import { displayWidth } from './wrap.js'

export type Align = 'left' | 'center' | 'right' | null

export interface TableCells {
  /** Rendered header cells (may hold escape sequences). */
  header: string[]
  /** Rendered body cells, row by row; short rows are padded with empty cells. */
  rows: string[][]
  /** Alignment per column, from the Markdown delimiter row. */
  align: Align[]
}

/** Each column costs its text plus one space of padding each side plus one border. */
const CHROME_PER_COLUMN = 3
const MIN_COLUMN = 4

/** Draws the table with box characters, fitted to `width` columns when its cells can wrap. */
export function renderTable(cells: TableCells, width: number): string {
  const columns = cells.header.length
  const natural = Array.from({ length: columns }, (_, c) =>
    Math.max(1, ...[cells.header, ...cells.rows].map((row) => widest(row[c] ?? ''))),
  )
  const fitted = fitColumns(natural, width - CHROME_PER_COLUMN * columns - 1)
  const table = new Table({
    head: cells.header,
    colWidths: fitted.map((w) => w + 2),
    wordWrap: true,
    wrapOnWordBoundary: true,
    style: { head: [], border: [], compact: fitted.every((w, c) => w >= (natural[c] ?? 0)) },
  })
  for (const row of cells.rows) {
    table.push(
      Array.from({ length: columns }, (_, c) => ({
        content: row[c] ?? '',
        hAlign: cells.align[c] ?? 'left',
      })),
    )
  }
  return table.toString()
}

function widest(cell: string): number {
  return Math.max(0, ...cell.split('\n').map(displayWidth))
}

/** Shrinks the widest columns until the total fits `room` (never below MIN_COLUMN). */
export function fitColumns(natural: number[], room: number): number[] {
  const widths = [...natural]
  let excess = widths.reduce((a, b) => a + b, 0) - room
  while (excess > 0) {
    const widestWidth = Math.max(...widths)
    if (widestWidth <= MIN_COLUMN) break
    const secondWidth = Math.max(MIN_COLUMN, ...widths.filter((w) => w < widestWidth))
    const widestColumns = widths.flatMap((w, i) => (w === widestWidth ? [i] : []))
    const cut = Math.min(widestWidth - secondWidth, Math.ceil(excess / widestColumns.length))
    for (const i of widestColumns) {
      if (excess <= 0) break
      const take = Math.min(cut, excess)
      widths[i] = (widths[i] as number) - take
      excess -= take
    }
  }
  return widths
}

/**
 * Tables drawn with cli-table3 and fitted to the width: columns keep their natural width when the
 * table fits, otherwise the widest columns give up space first and their cells wrap.
 * (marked-terminal's own table ignores the width and colours borders through its own detection.)
 */
import Table from 'cli-table3'
import { displayWidth } from './wrap.js'
import { largest, pushAll } from '../core/lists.js'
import { drawPlainRows, isPlainCell, type Align } from './plain-rows.js'

export type { Align }

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
/**
 * Body rows drawn by one cli-table3 table. Its layout compares each cell with every row above it (a
 * table of 5,000 rows took 4 s, of 20,000 rows 50 s), and a table with a header spreads its rows into
 * one call's arguments (past about 125,000 rows the stack overflows): the header and each run of rows
 * are drawn apart, with the same column widths, and stacked.
 */
const ROWS_PER_DRAWING = 200

/** Draws the table with box characters, fitted to `width` columns when its cells can wrap. */
export function renderTable(cells: TableCells, width: number): string {
  const columns = cells.header.length
  const natural = Array.from({ length: columns }, (_, c) =>
    largest(
      [cells.header, ...cells.rows].map((row) => widest(row[c] ?? '')),
      1,
    ),
  )
  const fitted = fitColumns(natural, width - CHROME_PER_COLUMN * columns - 1)
  const compact = fitted.every((w, c) => w >= (natural[c] ?? 0))
  const options: Table.TableConstructorOptions = {
    colWidths: fitted.map((w) => w + 2),
    wordWrap: true,
    wrapOnWordBoundary: true,
    style: { head: [], border: [], compact },
  }
  const drawings = [new Table({ ...options, head: cells.header }).toString().split('\n')]
  for (let from = 0; from < cells.rows.length; from += ROWS_PER_DRAWING) {
    const rows = cells.rows.slice(from, from + ROWS_PER_DRAWING)
    if (rows.every((row) => fitted.every((w, c) => isPlainCell(row[c] ?? '', w)))) {
      drawings.push(drawPlainRows(rows, fitted, cells.align, compact))
      continue
    }
    const body = new Table(options)
    for (const row of rows) {
      body.push(
        Array.from({ length: columns }, (_, c) => ({
          content: row[c] ?? '',
          hAlign: cells.align[c] ?? 'left',
        })),
      )
    }
    drawings.push(body.toString().split('\n'))
  }
  return stacked(drawings, compact).join('\n')
}

/**
 * Tables of the same columns drawn one under another as one table: each one's bottom border gives
 * way to the line between two rows (which a compact table draws only under the header).
 */
function stacked(drawings: string[][], compact: boolean): string[] {
  const lines: string[] = []
  drawings.forEach((drawing, k) => {
    const top = drawing[0]!
    if (k === 0) lines.push(top)
    else if (k === 1 || !compact) lines.push(top.replace(/[┌┬┐]/g, (corner) => MIDDLE_JOINS[corner]!))
    pushAll(lines, drawing.slice(1, -1))
  })
  lines.push(drawings.at(-1)!.at(-1)!)
  return lines
}

const MIDDLE_JOINS: Record<string, string> = { '┌': '├', '┬': '┼', '┐': '┤' }

function widest(cell: string): number {
  return largest(cell.split('\n').map(displayWidth), 0)
}

/** Shrinks the widest columns until the total fits `room` (never below MIN_COLUMN). */
export function fitColumns(natural: number[], room: number): number[] {
  const widths = [...natural]
  let excess = widths.reduce((a, b) => a + b, 0) - room
  while (excess > 0) {
    const widestWidth = largest(widths)
    if (widestWidth <= MIN_COLUMN) break
    const secondWidth = largest(
      widths.filter((w) => w < widestWidth),
      MIN_COLUMN,
    )
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

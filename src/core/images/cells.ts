/**
 * How many terminal cells a figure takes: as wide as its pixels would be at about 10 pixels a
 * column (a small figure is not blown up), never wider than the reading width nor taller than
 * `maxRows`, its shape kept on the usual cell of twice as high as wide. Terminals draw the image
 * into this box; the text flows on below it.
 */
import type { ImageInfo } from './image-info.js'

export interface CellBox {
  columns: number
  rows: number
}

const PIXELS_PER_COLUMN = 10
/** A terminal cell is about twice as high as it is wide. */
const CELL_ASPECT = 2

/** The box of `info` within `maxColumns` × `maxRows`; null when the image has no known size. */
export function figureCells(info: ImageInfo, maxColumns: number, maxRows: number): CellBox | null {
  if (info.width <= 0 || info.height <= 0 || maxColumns < 1 || maxRows < 1) return null
  const shape = info.height / info.width / CELL_ASPECT // rows per column
  let columns = Math.min(maxColumns, Math.ceil(info.width / PIXELS_PER_COLUMN))
  let rows = Math.max(1, Math.round(columns * shape))
  if (rows > maxRows) {
    rows = maxRows
    columns = Math.max(1, Math.min(maxColumns, Math.round(rows / shape)))
  }
  return { columns, rows }
}

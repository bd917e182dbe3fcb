/**
 * How many terminal cells a figure takes: as wide as its pixels are at the cell's width (a small
 * figure is not blown up), never wider than the reading width nor taller than `maxRows`, its shape
 * kept. The cell is the terminal's when it said, else the usual 10 × 20 pixels. Terminals draw the
 * image into this box; the text flows on below it.
 */
import type { ImageInfo } from './image-info.js'

export interface CellBox {
  columns: number
  rows: number
}

/** A cell's size in pixels: what most terminals' default fonts come near, twice as high as wide. */
export const USUAL_CELL = { width: 10, height: 20 } as const

/** The box of `info` within `maxColumns` × `maxRows`; null when the image has no known size. */
export function figureCells(
  info: ImageInfo,
  maxColumns: number,
  maxRows: number,
  cell: { width: number; height: number } = USUAL_CELL,
): CellBox | null {
  if (info.width <= 0 || info.height <= 0 || maxColumns < 1 || maxRows < 1 || cell.width < 1 || cell.height < 1) return null
  const shape = (info.height * cell.width) / (info.width * cell.height) // rows per column
  let columns = Math.min(maxColumns, Math.ceil(info.width / cell.width))
  // Rounded up: the whole image fits (a box a little too tall only leaves a little space under it).
  let rows = Math.max(1, Math.ceil(columns * shape - 1e-9))
  if (rows > maxRows) {
    rows = maxRows
    columns = Math.max(1, Math.min(maxColumns, Math.round(rows / shape)))
  }
  return { columns, rows }
}

/**
 * The drawer `show` and `browse` hand the renderer when the terminal draws images: a figure is
 * drawn only from the cache (showing never uses the network; `precis figures --download` fills
 * it), and counted, so the caller knows whether anything was drawn. iTerm2's protocol takes the
 * file as it is; kitty's takes a PNG as it is and any other figure decoded and sent as PNG; sixel
 * is decoded, scaled to its cells and encoded. The decoders load only for kitty and sixel.
 */
import type { Context } from '../context.js'
import { figureCells, USUAL_CELL, type CellBox } from '../core/images/cells.js'
import { chooseImageOutput, worthAsking, type ImageSetting } from '../core/images/protocol.js'
import { parseTerminalReport, replyComplete, TERMINAL_QUERY } from '../core/images/terminal-report.js'
import type { FigureDrawer } from '../render/figure-placement.js'
import { itermImage, kittyImage } from '../render/terminal-image.js'
import type { FetchedFigure } from '../sources/figure-fetch.js'
import { cacheDir } from '../store/paths.js'

/** Tallest a figure is drawn, in rows, whatever the terminal's height. */
const MAX_FIGURE_ROWS = 24
/**
 * How long the terminal may take to answer. Every terminal answers the last question (DA1) at
 * once, which ends the wait; this bounds it for one that does not, and leaves room for ssh.
 */
const ANSWER_TIMEOUT_MS = 500
/**
 * The cell assumed for sixel when the terminal did not say: xterm's default font, 6 × 13 pixels,
 * the smallest cell in common use (xterm answers the cell-size question only with window
 * operations allowed). A sixel image is as many pixels wide as it is drawn, so a larger guess
 * could draw it wider than the terminal; this one at worst draws it smaller than it could be.
 */
const SIXEL_FALLBACK_CELL = { width: 6, height: 13 }
/** A figure re-encoded for kitty keeps up to this many pixels a cell (sharp on a high-density screen, not needlessly large). */
const KITTY_PIXELS_PER_CELL = { width: 20, height: 40 }

export interface CountingDrawer {
  draw: FigureDrawer
  /** How many figures were drawn so far. */
  drawn(): number
}

/**
 * A drawer for `setting` on this terminal, or null when no escape may be written: stdout not a
 * terminal (a pipe, a file), or a terminal not known to draw images. The environment decides
 * first; the terminal is asked (see core/images/terminal-report.ts) only where its answer
 * matters, both stdin and stdout are the terminal, and the cache holds figures to draw.
 */
export async function figureDrawer(ctx: Context, setting: ImageSetting): Promise<CountingDrawer | null> {
  if (!ctx.io.stdoutIsTTY) return null
  const mayAsk = worthAsking(setting, ctx.env)
  if (!mayAsk && !chooseImageOutput(setting, ctx.env, null)) return null
  // Loaded only now: the figure cache brings the sources' cache code (and zod) with it, which a show
  // into a pipe, or on a terminal that draws no images, never needs.
  const { hasCachedFigures, readCachedFigure } = await import('../sources/figure-cache.js')
  const dir = cacheDir(ctx.env)
  const ask = mayAsk && hasCachedFigures(dir)
  const reply = ask ? await ctx.io.askTerminal(TERMINAL_QUERY, replyComplete, ANSWER_TIMEOUT_MS) : null
  const report = reply === null ? null : parseTerminalReport(reply)
  const output = chooseImageOutput(setting, ctx.env, report)
  if (!output) return null
  const maxRows = Math.max(4, Math.min(MAX_FIGURE_ROWS, (ctx.io.rows ?? MAX_FIGURE_ROWS) - 2))
  const raster = output.protocol === 'iterm' ? null : await import('../render/raster.js')
  const cell = report?.cell ?? (output.protocol === 'sixel' ? SIXEL_FALLBACK_CELL : USUAL_CELL)
  /** The escape that draws `figure` into `box`, or null when this protocol cannot take it (a WebP for kitty or sixel, a damaged file). */
  const encode = (figure: FetchedFigure, box: CellBox): string | null => {
    if (output.protocol === 'iterm') return itermImage(figure.bytes, box, output.tmux)
    if (output.protocol === 'kitty' && figure.info.kind === 'png') return kittyImage(figure.bytes, box, output.tmux)
    const pixels = raster?.decodeImage(figure.bytes, figure.info)
    if (!raster || !pixels) return null
    if (output.protocol === 'sixel') return raster.sixelImage(pixels, box, cell, output.tmux)
    const fitted = raster.scaleDown(pixels, box.columns * KITTY_PIXELS_PER_CELL.width, box.rows * KITTY_PIXELS_PER_CELL.height)
    return kittyImage(raster.encodePng(fitted), box, output.tmux)
  }
  let count = 0
  const draw: FigureDrawer = (figure, width) => {
    const cached = readCachedFigure(dir, figure.url)
    const box = cached && figureCells(cached.info, width, maxRows, cell)
    const image = cached && box ? encode(cached, box) : null
    if (image !== null) count++
    return image
  }
  return { draw, drawn: () => count }
}

/**
 * The drawer `show` and `browse` hand the renderer when the terminal draws images: a figure is
 * drawn only from the cache (showing never uses the network; `precis figures --download` fills
 * it), and counted, so the caller knows whether anything was drawn. iTerm2's protocol takes the
 * file as it is; kitty's takes a PNG as it is and any other figure decoded and sent as PNG; sixel
 * is decoded, scaled to its cells and encoded. The decoders load only for kitty and sixel.
 */
import type { Context } from '../context.js'
import { figureCells, USUAL_CELL } from '../core/images/cells.js'
import { chooseImageOutput, worthAsking, type ImageSetting } from '../core/images/protocol.js'
import { parseTerminalReport, replyComplete, TERMINAL_QUERY } from '../core/images/terminal-report.js'
import type { FigureDrawer } from '../render/figure-placement.js'
import { itermImage, kittyImage } from '../render/terminal-image.js'
import { cacheDir } from '../sources/cache.js'
import { hasCachedFigures, readCachedFigure } from '../sources/figure-cache.js'

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
  const dir = cacheDir(ctx.env)
  const ask = worthAsking(setting, ctx.env) && hasCachedFigures(dir)
  const reply = ask ? await ctx.io.askTerminal(TERMINAL_QUERY, replyComplete, ANSWER_TIMEOUT_MS) : null
  const report = reply === null ? null : parseTerminalReport(reply)
  const output = chooseImageOutput(setting, ctx.env, report)
  if (!output) return null
  const maxRows = Math.max(4, Math.min(MAX_FIGURE_ROWS, (ctx.io.rows ?? MAX_FIGURE_ROWS) - 2))
  const raster = output.protocol === 'iterm' ? null : await import('../render/raster.js')
  const cell = report?.cell ?? (output.protocol === 'sixel' ? SIXEL_FALLBACK_CELL : USUAL_CELL)
  let count = 0
  const draw: FigureDrawer = (figure, width) => {
    const cached = readCachedFigure(dir, figure.url)
    const box = cached && figureCells(cached.info, width, maxRows, cell)
    if (!cached || !box) return null
    let image: string | null = null
    if (output.protocol === 'iterm') image = itermImage(cached.bytes, box, output.tmux)
    else if (output.protocol === 'kitty' && cached.info.kind === 'png') image = kittyImage(cached.bytes, box, output.tmux)
    else {
      const pixels = raster!.decodeImage(cached.bytes, cached.info)
      if (!pixels) return null
      if (output.protocol === 'sixel') image = raster!.sixelImage(pixels, box, cell, output.tmux)
      else {
        const fitted = raster!.scaleDown(pixels, box.columns * KITTY_PIXELS_PER_CELL.width, box.rows * KITTY_PIXELS_PER_CELL.height)
        image = kittyImage(raster!.encodePng(fitted), box, output.tmux)
      }
    }
    count++
    return image
  }
  return { draw, drawn: () => count }
}

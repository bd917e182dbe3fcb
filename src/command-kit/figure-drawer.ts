/**
 * The drawer `show` hands the renderer when the terminal draws images: a figure is drawn only
 * from the cache (showing never uses the network; `precis figures --download` fills it), only in
 * a format the protocol takes (kitty: PNG; iTerm2: any of the four), and counted, so the caller
 * knows whether anything was drawn.
 */
import type { Context } from '../context.js'
import { figureCells } from '../core/images/cells.js'
import { chooseImageOutput, type ImageSetting } from '../core/images/protocol.js'
import type { FigureDrawer } from '../render/figure-placement.js'
import { itermImage, kittyImage } from '../render/terminal-image.js'
import { cacheDir } from '../store/paths.js'

/** Tallest a figure is drawn, in rows, whatever the terminal's height. */
const MAX_FIGURE_ROWS = 24

export interface CountingDrawer {
  draw: FigureDrawer
  /** How many figures were drawn so far. */
  drawn(): number
}

/**
 * A drawer for `setting` on this terminal, or null when no escape may be written: stdout not a
 * terminal (a pipe, a file), or a terminal not known to draw images.
 */
export async function figureDrawer(ctx: Context, setting: ImageSetting): Promise<CountingDrawer | null> {
  if (!ctx.io.stdoutIsTTY) return null
  const output = chooseImageOutput(setting, ctx.env)
  if (!output) return null
  // Loaded only here: the figure cache brings the sources' cache code (and zod) with it, which a show
  // that draws no image never needs.
  const { readCachedFigure } = await import('../sources/figure-cache.js')
  const dir = cacheDir(ctx.env)
  const maxRows = Math.max(4, Math.min(MAX_FIGURE_ROWS, (ctx.io.rows ?? MAX_FIGURE_ROWS) - 2))
  let count = 0
  const draw: FigureDrawer = (figure, width) => {
    const cached = readCachedFigure(dir, figure.url)
    if (!cached || (output.protocol === 'kitty' && cached.info.kind !== 'png')) return null
    const box = figureCells(cached.info, width, maxRows)
    if (!box) return null
    count++
    return output.protocol === 'kitty' ? kittyImage(cached.bytes, box, output.tmux) : itermImage(cached.bytes, box, output.tmux)
  }
  return { draw, drawn: () => count }
}

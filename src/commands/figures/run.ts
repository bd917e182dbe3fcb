import type { Context } from '../../context.js'
import { NetworkError } from '../../core/errors.js'
import { resolveWhole } from '../../command-kit/resolve-records.js'
import { renderMarkdown } from '../../render/markdown.js'
import { cacheDir } from '../../sources/cache.js'
import { readCachedFigure, writeCachedFigure } from '../../sources/figure-cache.js'
import { fetchFigure } from '../../sources/figure-fetch.js'
import { inform, printJson } from '../../command-kit/shared.js'
import { figureRows, type FigureRow } from './rows.js'

export interface FiguresOptions {
  handle: string
  /** Fetch the figures not yet cached. */
  download: boolean
}

export async function figuresRun(opts: FiguresOptions, ctx: Context): Promise<void> {
  const { summaries } = await resolveWhole(ctx, opts.handle)
  const dir = cacheDir(ctx.env)
  // Numbered by the renderer itself, so `[fig N]` here is the `[fig N]` of show.
  const rows: FigureRow[] = summaries.flatMap((s) =>
    renderMarkdown(s.body, { width: 80, color: false, hyperlinks: false }).figures.map((figure, i) => ({
      summary: s.id,
      number: i + 1,
      ...figure,
      cached: readCachedFigure(dir, figure.url) !== null,
    })),
  )
  const failed = opts.download ? await download(rows, dir, ctx) : 0
  if (ctx.globals.json) printJson(ctx, rows)
  else ctx.io.out(figureRows(rows))
  if (failed > 0) throw new NetworkError(`${failed} of ${rows.length} figures could not be fetched`)
}

/** Fetch each figure not cached, one at a time (a few per summary); returns how many failed. */
async function download(rows: FigureRow[], dir: string, ctx: Context): Promise<number> {
  let failed = 0
  for (const row of rows.filter((r) => !r.cached)) {
    try {
      await writeCachedFigure(dir, row.url, await fetchFigure(row.url))
      row.cached = true
    } catch (error) {
      failed++
      inform(ctx, `[fig ${row.number}] of ${row.summary}: ${(error as Error).message}`)
    }
  }
  return failed
}

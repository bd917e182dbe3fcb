import type { Context } from '../../context.js'
import { outlineStats } from '../../core/stats/stats.js'
import { readOutline } from '../../store/outline-reads.js'
import { formatStats, formatStatsPlain } from './view.js'
import { readingWidth } from '../../render/reading-width.js'
import { printJson } from '../../command-kit/shared.js'

export interface StatsOptions {
  /** Rows in each top list (tags, venues, longest, most cited). */
  top: number
}

export async function statsRun(opts: StatsOptions, ctx: Context): Promise<void> {
  const stats = outlineStats(await readOutline(ctx.store), opts.top)
  if (ctx.globals.json) return printJson(ctx, stats)
  if (!ctx.io.stdoutIsTTY) return ctx.io.out(formatStatsPlain(stats))
  await ctx.io.page(formatStats(stats, readingWidth(ctx.io.columns), ctx.io.style))
}

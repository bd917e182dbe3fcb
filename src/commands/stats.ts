import type { Command } from 'commander'
import type { Context } from '../context.js'
import { libraryStats } from '../core/stats.js'
import { formatStats, formatStatsPlain } from '../render/stats.js'
import { parsePositiveInt, printJson } from './shared.js'
import { MAX_READING_WIDTH } from './show.js'

export interface StatsOptions {
  /** Rows in each top list (tags, venues, longest, most cited). */
  top: number
}

export function registerStats(program: Command, ctx: Context, run = statsRun): void {
  program
    .command('stats')
    .description('Numbers about the library: totals, summaries per year, top tags and venues, longest and most-cited')
    .option('--top <n>', 'rows in each top list', '10')
    .addHelpText('after', '\nExamples:\n  precis stats\n  precis stats --top 5\n  precis stats | grep ^tag\n  precis stats --json | jq .words\n')
    .action(async (raw: { top: string }) => run({ top: parsePositiveInt('--top', raw.top) }, ctx))
}

export async function statsRun(opts: StatsOptions, ctx: Context): Promise<void> {
  const stats = libraryStats(await ctx.store.read(), opts.top)
  if (ctx.globals.json) return printJson(ctx, stats)
  if (!ctx.io.stdoutIsTTY) return ctx.io.out(formatStatsPlain(stats))
  await ctx.io.page(formatStats(stats, Math.min(ctx.io.columns ?? 80, MAX_READING_WIDTH), ctx.io.style))
}

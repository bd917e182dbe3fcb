import type { Command } from 'commander'
import type { Context } from '../context.js'
import { UsageError } from '../core/errors.js'
import { entryRecord, libraryEntries, sortEntries, type SortOrder } from '../core/records.js'
import { formatRowsPlain, formatRowsTable } from '../render/summary-rows.js'
import { parsePositiveInt, printJson } from './shared.js'

export interface ListOptions {
  sort: SortOrder
  limit: number | null
}

const SORTS: readonly SortOrder[] = ['added', 'year', 'title']

export function parseListOptions(raw: { sort?: string; limit?: string }): ListOptions {
  const sort = (raw.sort ?? 'added') as SortOrder
  if (!SORTS.includes(sort)) throw new UsageError(`--sort takes one of ${SORTS.join(', ')}, not "${raw.sort}"`)
  return { sort, limit: raw.limit === undefined ? null : parsePositiveInt('--limit', raw.limit) }
}

export function registerList(program: Command, ctx: Context, run = listRun): void {
  program
    .command('list')
    .alias('ls')
    .description('List summaries, one per line (id, year, title, tags)')
    .option('--sort <order>', 'added (newest first), year (newest first) or title', 'added')
    .option('--limit <n>', 'show at most n rows')
    .addHelpText('after', '\nExamples:\n  precis list\n  precis ls --sort year --limit 20\n  precis list --json | jq -r .[].id\n')
    .action(async (raw: { sort?: string; limit?: string }) => run(parseListOptions(raw), ctx))
}

export async function listRun(opts: ListOptions, ctx: Context): Promise<void> {
  const library = await ctx.store.read()
  const sorted = sortEntries(libraryEntries(library), opts.sort)
  const entries = opts.limit === null ? sorted : sorted.slice(0, opts.limit)
  if (ctx.globals.json) return printJson(ctx, entries.map((e) => entryRecord(e)))
  if (!ctx.io.stdoutIsTTY) return ctx.io.out(formatRowsPlain(entries))
  if (entries.length === 0) return ctx.io.err('The library is empty. Add a summary with: precis add\n')
  await ctx.io.page(formatRowsTable(entries, ctx.io.columns ?? 80, ctx.io.style))
}

import type { Command } from 'commander'
import type { Context } from '../context.js'
import { UsageError } from '../core/errors.js'
import { parseQuery } from '../core/query.js'
import { filterEntries } from '../core/search.js'
import { entryRecord, libraryEntries, sortEntries, type SortOrder } from '../core/records.js'
import { formatRowsPlain, formatRowsTable } from '../render/summary-rows.js'
import { parsePositiveInt, printJson } from './shared.js'

export interface ListOptions {
  sort: SortOrder
  limit: number | null
  /** The search grammar, as a filter (no ranking); '' lists everything. */
  query: string
}

const SORTS: readonly SortOrder[] = ['added', 'year', 'title']

export function parseListOptions(raw: { sort?: string; limit?: string }, words: string[] = []): ListOptions {
  const sort = (raw.sort ?? 'added') as SortOrder
  if (!SORTS.includes(sort)) throw new UsageError(`--sort takes one of ${SORTS.join(', ')}, not "${raw.sort}"`)
  return { sort, limit: raw.limit === undefined ? null : parsePositiveInt('--limit', raw.limit), query: words.join(' ') }
}

export function registerList(program: Command, ctx: Context, run = listRun): void {
  program
    .command('list')
    .alias('ls')
    .description('List summaries, one per line (id, year, title, tags)')
    .argument('[query...]', 'only entries matching this query (the search grammar: precis help query)')
    .option('--sort <order>', 'added (newest first), year (newest first) or title', 'added')
    .option('--limit <n>', 'show at most n rows')
    .allowUnknownOption(true) // `-tag:todo` is an exclusion in the query, not an option
    .addHelpText('after', '\nExamples:\n  precis list\n  precis ls --sort year --limit 20\n  precis list tag:thesis -has:figure\n  precis list --json | jq -r .[].id\n')
    .action(async (words: string[], raw: { sort?: string; limit?: string }) => run(parseListOptions(raw, words), ctx))
}

export async function listRun(opts: ListOptions, ctx: Context): Promise<void> {
  const query = parseQuery(opts.query) // a bad query fails before the library is read
  const library = await ctx.store.read()
  const sorted = sortEntries(filterEntries(libraryEntries(library), query), opts.sort)
  const entries = opts.limit === null ? sorted : sorted.slice(0, opts.limit)
  if (ctx.globals.json) return printJson(ctx, entries.map((e) => entryRecord(e)))
  if (!ctx.io.stdoutIsTTY) return ctx.io.out(formatRowsPlain(entries))
  if (entries.length === 0 && query.clauses.length > 0) return ctx.io.err('No summaries match.\n')
  if (entries.length === 0) return ctx.io.err('The library is empty. Add a summary with: precis add\n')
  await ctx.io.page(formatRowsTable(entries, ctx.io.columns ?? 80, ctx.io.style))
}

import type { Context } from '../../context.js'
import { parseQuery } from '../../core/search/query.js'
import { filterEntries } from '../../core/search/search.js'
import { outlineFilter } from '../../core/search/outline-filter.js'
import { entryRecord, libraryEntries, sortEntries, type OutlineEntry, type SortOrder } from '../../core/records/entries.js'
import { readOutline } from '../../store/outline-reads.js'
import { formatRowsPlain, formatRowsTable } from '../../render/summary-rows.js'
import { printJson } from '../../command-kit/shared.js'

export interface ListOptions {
  sort: SortOrder
  limit: number | null
  /** The search grammar, as a filter (no ranking); '' lists everything. */
  query: string
}

export async function listRun(opts: ListOptions, ctx: Context): Promise<void> {
  const query = parseQuery(opts.query) // a bad query fails before the library is read
  // Everything listed comes from the outline, and so do filters on tags, year, id and reading state;
  // a query that looks into the bodies reads the whole library.
  const onOutline = outlineFilter(query)
  const matching = onOutline
    ? libraryEntries(await readOutline(ctx.store)).filter(onOutline)
    : filterEntries(libraryEntries(await ctx.store.read()), query)
  const sorted = sortEntries<OutlineEntry>(matching, opts.sort)
  const entries = opts.limit === null ? sorted : sorted.slice(0, opts.limit)
  if (ctx.globals.json)
    return printJson(
      ctx,
      entries.map((e) => entryRecord(e)),
    )
  if (!ctx.io.stdoutIsTTY) return ctx.io.out(formatRowsPlain(entries))
  if (entries.length === 0 && query.clauses.length > 0) return ctx.io.err('No summaries match.\n')
  if (entries.length === 0) return ctx.io.err('The library is empty. Add a summary with: precis add\n')
  await ctx.io.page(formatRowsTable(entries, ctx.io.columns ?? 80, ctx.io.style))
}

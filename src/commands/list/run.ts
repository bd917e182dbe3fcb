import type { Context } from '../../context.js'
import { parseQuery, type Query } from '../../core/search/query.js'
import { outlineFilter } from '../../core/search/outline-filter.js'
import { entryPairs, libraryEntries, sortedPairs, sortEntries, type SortOrder } from '../../core/records/entries.js'
import { Listing } from '../../core/records/listing.js'
import { matchingPairs } from '../../core/records/listing-filter.js'
import { libraryOutline } from '../../core/records/outline.js'
import { readOutline } from '../../store/outline-reads.js'
import { formatRowsTable, writeRowsPlain } from '../../render/summary-rows.js'
import { printJsonList } from '../../command-kit/shared.js'

export interface ListOptions {
  sort: SortOrder
  limit: number | null
  /** The search grammar, as a filter (no ranking); '' lists everything. */
  query: string
}

/** The entries matching a query that looks into the bodies, sorted: the library read whole, and the search engine loaded only then. */
async function searchedListing(ctx: Context, query: Query, order: SortOrder): Promise<Listing> {
  const [{ filterEntries }, library] = await Promise.all([import('../../core/search/search.js'), ctx.store.read()])
  const outline = libraryOutline(library)
  return new Listing(outline, entryPairs(outline, sortEntries(filterEntries(libraryEntries(library), query), order)))
}

/** The entries listed: everything, or those matching `query`, in `order`. */
async function listing(ctx: Context, query: Query, order: SortOrder): Promise<Listing> {
  // Everything listed comes from the outline, and so do filters on tags, year, id and reading state
  // (sorted first: the index keeps each order, and a stable sort filtered is the filter sorted); a
  // query that looks into the bodies reads the whole library.
  if (!outlineFilter(query)) return searchedListing(ctx, query, order)
  const outline = await readOutline(ctx.store)
  // Everything, newest first: the order an index keeps is read only if a format needs its pairs (piped output does not).
  const count = query.clauses.length === 0 && order === 'added' ? outline.entryCount?.() : null
  if (count != null) return new Listing(outline, { newest: count })
  const sorted = sortedPairs(outline, order)
  return new Listing(outline, query.clauses.length === 0 ? sorted : matchingPairs(outline, sorted, query)!)
}

export async function listRun(opts: ListOptions, ctx: Context): Promise<void> {
  const query = parseQuery(opts.query) // a bad query fails before the library is read
  const all = await listing(ctx, query, opts.sort)
  const listed = opts.limit === null ? all : all.first(opts.limit)
  if (ctx.globals.json) return printJsonList(ctx, listed.records(), (record) => record)
  if (!ctx.io.stdoutIsTTY) return writeRowsPlain(listed, (text) => ctx.io.out(text))
  if (listed.length === 0 && query.clauses.length > 0) return ctx.io.err('No summaries match.\n')
  if (listed.length === 0) return ctx.io.err('The library is empty. Add a summary with: precis add\n')
  await ctx.io.page(formatRowsTable(listed, ctx.io.columns ?? 80, ctx.io.style))
}

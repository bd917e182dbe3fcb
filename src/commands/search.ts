import type { Context } from '../context.js'
import { parseQuery } from '../core/query.js'
import { entryRecord } from '../core/records.js'
import { searchLibrary, type SearchHit } from '../core/search.js'
import { formatCorrections, formatHitsBlocks, formatHitsPlain } from '../render/search-results.js'
import { inform, printJson } from './shared.js'

export interface SearchCommandOptions {
  /** The query words joined by spaces (`precis help query`). */
  query: string
  limit: number
}

/** The JSON record of a hit: the entry's contract fields, its score, its first snippet and the query words it lacks. */
function hitRecord(hit: SearchHit): Record<string, unknown> {
  return { ...entryRecord(hit), score: Math.round(hit.score * 1e4) / 1e4, snippet: hit.snippets[0]?.text ?? null, missing: hit.missing }
}

export async function searchRun(opts: SearchCommandOptions, ctx: Context): Promise<void> {
  const query = parseQuery(opts.query, 'pasted') // a bad query fails before the library is read
  const library = await ctx.store.read()
  const { hits, total, corrections } = searchLibrary(library, query, { limit: opts.limit, lastWord: 'prefix' })
  if (ctx.globals.json) return printJson(ctx, hits.map(hitRecord))
  if (!ctx.io.stdoutIsTTY) return ctx.io.out(formatHitsPlain(hits))
  if (corrections.length > 0) inform(ctx, formatCorrections(corrections))
  if (total === 0) return inform(ctx, 'No summaries match.')
  await ctx.io.page(formatHitsBlocks(hits, ctx.io.columns ?? 80, ctx.io.style))
  if (total > hits.length) inform(ctx, `Showing ${hits.length} of ${total} matches (--limit to see more).`)
}

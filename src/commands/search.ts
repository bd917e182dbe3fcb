import type { Context } from '../context.js'
import { parseQuery } from '../core/query.js'
import { entryRecord } from '../core/records.js'
import { searchLibrary, type SearchHit } from '../core/search.js'
import { formatHitsBlocks, formatHitsPlain } from '../render/search-results.js'
import { inform, printJson } from './shared.js'

export interface SearchCommandOptions {
  /** The query words joined by spaces (`precis help query`). */
  query: string
  limit: number
}

/** The JSON record of a hit: the entry's contract fields, its score and its first snippet. */
function hitRecord(hit: SearchHit): Record<string, unknown> {
  return { ...entryRecord(hit), score: Math.round(hit.score * 1e4) / 1e4, snippet: hit.snippets[0]?.text ?? null }
}

export async function searchRun(opts: SearchCommandOptions, ctx: Context): Promise<void> {
  const query = parseQuery(opts.query, 'pasted') // a bad query fails before the library is read
  const library = await ctx.store.read()
  const { hits, total } = searchLibrary(library, query, { limit: opts.limit, lastWord: 'prefix' })
  if (ctx.globals.json) return printJson(ctx, hits.map(hitRecord))
  if (!ctx.io.stdoutIsTTY) return ctx.io.out(formatHitsPlain(hits))
  if (total === 0) return inform(ctx, 'No summaries match.')
  await ctx.io.page(formatHitsBlocks(hits, ctx.io.columns ?? 80, ctx.io.style))
  if (total > hits.length) inform(ctx, `Showing ${hits.length} of ${total} matches (--limit to see more).`)
}

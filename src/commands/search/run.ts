import type { Context } from '../../context.js'
import { parseQuery } from '../../core/search/query.js'
import { entryRecord } from '../../core/records/entries.js'
import type { SearchHit, SearchResult } from '../../core/search/results.js'
import { searchFromIndex } from '../../store/search-reads.js'
import { cacheDir } from '../../store/paths.js'
import type { CitingLibrary } from '../../render/snippet-rendered.js'
import { formatCorrections, formatHitsBlocks, formatHitsPlain } from '../../render/search-results.js'
import { formulasIn, mayHoldMath, renderSnippet, snippetRendering } from '../../render/snippet-rendered.js'
import { inform, printJson } from '../../command-kit/shared.js'

export interface SearchCommandOptions {
  /** The query words joined by spaces (`precis help query`). */
  query: string
  limit: number
}

/** The JSON record of a hit: the entry's contract fields, its score, its first snippet and the query words it lacks. */
function hitRecord(hit: SearchHit): Record<string, unknown> {
  return { ...entryRecord(hit), score: Math.round(hit.score * 1e4) / 1e4, snippet: hit.snippets[0]?.text ?? null, missing: hit.missing }
}

/**
 * The hits with their snippets shown as `show` shows a body (the JSON keeps the stored text); their
 * math from the cache of formulas earlier runs converted, kept in `cacheDir`.
 */
async function rendered(hits: SearchHit[], library: CitingLibrary, cacheDir: string): Promise<SearchHit[]> {
  const snippets = hits.flatMap((hit) => hit.snippets)
  if (snippets.length === 0) return hits
  const withMath = snippets.some((snippet) => mayHoldMath(snippet.text))
  const math = withMath ? (await import('../../render/math-conversions.js')).conversionsCachedIn(cacheDir) : null
  const render = async () => {
    const rendering = await snippetRendering(library, withMath, math?.convert)
    return hits.map((hit) => ({ ...hit, snippets: hit.snippets.map((snippet) => renderSnippet(snippet, rendering)) }))
  }
  const shown = math
    ? await math.renderedWith(
        snippets.flatMap((snippet) => formulasIn(snippet.text)),
        render,
      )
    : await render()
  math?.save()
  return shown
}

export async function searchRun(opts: SearchCommandOptions, ctx: Context): Promise<void> {
  const query = parseQuery(opts.query, 'pasted') // a bad query fails before the library is read
  const answered = await searchFromIndex(ctx.store, query, { limit: opts.limit, lastWord: 'prefix' })
  let result: SearchResult
  let library: CitingLibrary
  if (answered) ({ result, outline: library } = answered)
  else {
    // The scan of the whole library, which the postings are held to (and citations need): loaded
    // only then, as a search from the postings never runs it.
    const [whole, { searchLibrary }] = await Promise.all([ctx.store.read(), import('../../core/search/search.js')])
    library = whole
    result = searchLibrary(whole, query, { limit: opts.limit, lastWord: 'prefix' })
  }
  const { total, corrections } = result
  if (ctx.globals.json) return printJson(ctx, result.hits.map(hitRecord))
  const hits = await rendered(result.hits, library, cacheDir(ctx.env))
  if (!ctx.io.stdoutIsTTY) return ctx.io.out(formatHitsPlain(hits))
  if (corrections.length > 0) inform(ctx, formatCorrections(corrections))
  if (total === 0) return inform(ctx, 'No summaries match.')
  await ctx.io.page(formatHitsBlocks(hits, ctx.io.columns ?? 80, ctx.io.style))
  if (total > hits.length) inform(ctx, `Showing ${hits.length} of ${total} matches (--limit to see more).`)
}

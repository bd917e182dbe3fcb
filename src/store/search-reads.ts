import { outlineEntries } from '../core/records/entries.js'
import type { LastWord } from '../core/search/compile.js'
import { presentHits, PostingsSearch } from '../core/search/postings-search.js'
import type { Query } from '../core/search/query.js'
import { PostingsUnavailable } from '../core/search/postings.js'
import type { SearchResult } from '../core/search/search.js'
import type { LibraryOutline } from '../core/records/outline.js'
import { readOutline, readPostings, readRecords } from './outline-reads.js'
import type { Store } from './store.js'

/**
 * A search answered from the library's postings and outline (store/index), reading whole only the
 * records shown: their bodies make the snippets. Null when the postings cannot answer (a query on
 * citations, which are in the bodies) or the library changed while being read: the caller then
 * scans the library read whole, which gives the same answer.
 */
export async function searchFromIndex(
  store: Store,
  query: Query,
  options: { limit: number; lastWord: LastWord },
): Promise<{ result: SearchResult; outline: LibraryOutline } | null> {
  if (!PostingsSearch.answers(query)) return null
  const outline = await readOutline(store, { forSearch: true })
  const entries = outlineEntries(outline)
  const rank = async (rebuild: boolean) => {
    const postings = await readPostings(store, outline, rebuild)
    return postings && postings.count === entries.length ? new PostingsSearch(postings, entries).rank(query, options) : null
  }
  let ranked
  try {
    ranked = await rank(false)
  } catch (error) {
    // Their words in order, read only now, were damaged or replaced: built again from the library.
    if (!(error instanceof PostingsUnavailable)) throw error
    ranked = await rank(true)
  }
  if (!ranked) return null
  const shown = ranked.hits.map((hit) => hit.entry)
  const places = ranked.hits.map((hit) => entries.placeOf?.(hit.position))
  const records = await readRecords(
    store,
    outline,
    shown.map((entry) => entry.paper.key),
    shown.flatMap((entry) => (entry.summary ? [entry.summary.id] : [])),
    {
      papers: places.map((place) => place?.paper ?? -1),
      summaries: ranked.hits.flatMap((hit, i) => (hit.entry.summary ? [places[i]?.summary ?? -1] : [])),
    },
  )
  const result = presentHits(ranked, ({ entry }) => {
    const paper = records.papers.get(entry.paper.key)
    const summary = entry.summary ? records.summaries.get(entry.summary.id) : null
    return paper && summary !== undefined ? { id: entry.id, paper, summary } : undefined
  })
  return result && { result, outline }
}

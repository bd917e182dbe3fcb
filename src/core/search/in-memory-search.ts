/**
 * The postings engine over a corpus held whole in memory (the relevance benchmark): apart from
 * postings-search.ts because it falls back on the scan (search.ts), which a search from the index
 * never loads.
 */
import type { Query } from './query.js'
import type { Entry } from '../records/entries.js'
import { prepareFolding } from './fold.js'
import type { Postings } from './postings.js'
import type { PostingsView } from './postings-view.js'
import { PostingsSearch } from './postings-search.js'
import { presentHits } from './present.js'
import type { SearchOptions, SearchResult } from './results.js'
import { LibrarySearch } from './search.js'

/**
 * Search over postings kept in memory with the library's whole entries (the relevance benchmark,
 * which holds a corpus whole): the shown hits' snippets come from the bodies at hand. Answers as
 * LibrarySearch.search does.
 */
export class InMemorySearch {
  private readonly engine: PostingsSearch

  constructor(
    postings: Postings | PostingsView,
    private readonly entries: readonly Entry[],
  ) {
    this.engine = new PostingsSearch(postings, entries)
  }

  /** Build the table of folded letters and the order by recency now (as browse opens) rather than at the first keystroke. */
  prepare(): void {
    prepareFolding()
    this.engine.prepare()
  }

  search(query: Query, options: SearchOptions): SearchResult {
    if (!PostingsSearch.answers(query)) return (this.scan ??= new LibrarySearch(this.entries)).search(query, options)
    const ranked = this.engine.rank(query, options)
    return presentHits(ranked, (hit) => this.entries[hit.position], options.snippets ?? 2)!
  }

  /** The scan, for what the postings cannot answer (citations). */
  private scan: LibrarySearch | undefined
}

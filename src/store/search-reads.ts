import { libraryEntries, outlineEntries, type EntryList } from '../core/records/entries.js'
import type { LastWord } from '../core/search/compile.js'
import type { WordSpec } from '../core/search/pattern.js'
import { PostingsSearch, type RankedResult } from '../core/search/postings-search.js'
import { presentHits } from '../core/search/present.js'
import type { PostedEntry } from '../core/search/postings.js'
import type { PostingsView } from '../core/search/postings-view.js'
import type { Query } from '../core/search/query.js'
import { PostingsUnavailable } from '../core/search/postings.js'
import type { SearchOptions, SearchResult } from '../core/search/results.js'
import type { LibrarySearch } from '../core/search/search.js'
import type { LibraryOutline } from '../core/records/outline.js'
import { readOutline, readPostings, readRecords } from './outline-reads.js'
import type { Store } from './store.js'

/**
 * The library's outline and search postings, opened once for any number of searches (browse keeps
 * one for its whole run): the postings engine over the outline's entries, which makes only the
 * entries it looks at. The records shown are read whole afterwards (present), where they lie.
 */
export class IndexedSearch {
  private constructor(
    private readonly store: Store,
    readonly outline: LibraryOutline,
    readonly entries: EntryList<PostedEntry>,
    readonly engine: PostingsSearch,
  ) {}

  /**
   * Opened from the store's index (else from the library read whole, for a store without one); null
   * when the postings cannot be had for the outline read (the library changed meanwhile). `rebuild`:
   * the postings built again (those of `outline`, when given, turned out unreadable).
   */
  static async open(store: Store, outline?: LibraryOutline, rebuild = false): Promise<IndexedSearch | null> {
    const read = outline ?? (await readOutline(store, { forSearch: true }))
    return IndexedSearch.over(store, read, await readPostings(store, read, rebuild))
  }

  /** Opened from the store's index and postings while both are current (Store.currentIndex); else null, nothing built. */
  static async openCurrent(store: Store): Promise<IndexedSearch | null> {
    const current = await store.currentIndex?.()
    return current ? IndexedSearch.over(store, current.outline, current.postings) : null
  }

  /** The search of `outline` with `postings`; null without them, or when they are not of its entries. */
  private static over(store: Store, outline: LibraryOutline, postings: PostingsView | null): IndexedSearch | null {
    const entries = outlineEntries(outline)
    return postings && postings.count === entries.length
      ? new IndexedSearch(store, outline, entries, new PostingsSearch(postings, entries, outline.tieRanks?.() ?? null, outline))
      : null
  }

  /**
   * The ranked hits with their snippets (`snippets` of them each), the records shown read whole;
   * null when one of them is no longer in the library (it changed since the outline was read).
   */
  async present(ranked: RankedResult, snippets = 2): Promise<SearchResult | null> {
    const { entries } = this
    const shown = ranked.hits.map((hit) => hit.entry)
    const places = ranked.hits.map((hit) => entries.placeOf?.(hit.position))
    const records = await readRecords(
      this.store,
      this.outline,
      shown.map((entry) => entry.paper.key),
      shown.flatMap((entry) => (entry.summary ? [entry.summary.id] : [])),
      {
        papers: places.map((place) => place?.paper ?? -1),
        summaries: ranked.hits.flatMap((hit, i) => (hit.entry.summary ? [places[i]?.summary ?? -1] : [])),
      },
    )
    return presentHits(
      ranked,
      ({ entry }) => {
        const paper = records.papers.get(entry.paper.key)
        const summary = entry.summary ? records.summaries.get(entry.summary.id) : null
        return paper && summary !== undefined ? { id: entry.id, paper, summary } : undefined
      },
      snippets,
    )
  }
}

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
  let opened = await IndexedSearch.open(store)
  let ranked
  try {
    ranked = opened?.engine.rank(query, options)
  } catch (error) {
    // Their words in order, read only now, were damaged or replaced: built again from the library.
    if (!(error instanceof PostingsUnavailable) || !opened) throw error
    opened = await IndexedSearch.open(store, opened.outline, true)
    ranked = opened?.engine.rank(query, options)
  }
  if (!opened || !ranked) return null
  const result = await opened.present(ranked)
  return result && { result, outline: opened.outline }
}

/**
 * browse's searches, one at every keystroke, answered as `search` answers them: from the outline
 * and postings kept open (reading whole only the records shown), opened again when the library
 * changes under it; a query on citations from the library read whole, kept from then on.
 */
export class BrowseSearch {
  private constructor(
    private readonly store: Store,
    private opened: IndexedSearch,
  ) {}

  static async open(store: Store): Promise<BrowseSearch> {
    return new BrowseSearch(store, await openedNow(store))
  }

  /**
   * Opened only from the index and postings current now (IndexedSearch.openCurrent), never building
   * them nor reading the library whole; null when they are not current. For decisions (decideTypo)
   * beside a search that builds them (browse's worker).
   */
  static async openCurrent(store: Store): Promise<BrowseSearch | null> {
    const opened = await IndexedSearch.openCurrent(store)
    return opened && new BrowseSearch(store, opened)
  }

  /** Whether the library changed since it was opened (`current` opens it again). */
  get stale(): boolean {
    return this.store.changedSince?.(this.opened.outline) ?? false
  }

  /** The outline searched (what snippets resolve citations against). */
  get outline(): LibraryOutline {
    return this.opened.outline
  }

  /** Order the entries by recency now (as browse opens) rather than at the first keystroke. */
  prepare(): void {
    this.opened.engine.prepare()
  }

  async search(query: Query, options: SearchOptions): Promise<SearchResult> {
    await this.current()
    // A text typed again (a backspace, a word typed over) is answered as before: the library is the same.
    const key = JSON.stringify([query, options])
    const known = this.answered.get(key)
    if (known) {
      this.answered.delete(key)
      this.answered.set(key, known) // the most recently used last
      return known
    }
    const result = await this.answer(query, options)
    this.answered.set(key, result)
    if (this.answered.size > ANSWERS_KEPT) this.answered.delete(this.answered.keys().next().value!)
    return result
  }

  /** Opened again when the library was saved or edited since: the outline, places and postings of the file as it is now. */
  async current(): Promise<void> {
    if (this.stale) await this.reopen(false)
  }

  /**
   * The library's typo decision for the word of `spec` looked for in `fields` (PostingsSearch.decideTypo),
   * made without a search; null when the library changed since it was opened (`current` opens it
   * again) or its postings turned out unreadable.
   */
  decideTypo(spec: WordSpec, fields: readonly number[]): WordSpec | null {
    if (this.stale) return null
    try {
      return this.opened.engine.decideTypo(spec, fields)
    } catch (error) {
      if (error instanceof PostingsUnavailable) return null
      throw error
    }
  }

  /** The answer for `query` with the library's latest typo decisions, for browse's list at once (BrowseAnswer). */
  async settle(query: Query, options: SearchOptions): Promise<BrowseAnswer> {
    const result = await this.search(query, options)
    return { result, typos: [...this.opened.engine.typoDecisions].slice(-TYPOS_SHARED) }
  }

  /** Answers kept, by query and options, for the library opened (one per text typed: a word and its backspaces). */
  private readonly answered = new Map<string, SearchResult>()

  private async answer(query: Query, options: SearchOptions): Promise<SearchResult> {
    if (!PostingsSearch.answers(query)) {
      // The scan (which citations need), loaded only then: the postings answer every other query.
      if (!this.scan) {
        const [library, { LibrarySearch }] = await Promise.all([this.store.read(), import('../core/search/search.js')])
        this.scan = new LibrarySearch(libraryEntries(library))
      }
      return this.scan.search(query, options)
    }
    // Twice at most: the second time over the library as it is now (changed, or its postings found damaged, meanwhile).
    for (let tries = 0; ; tries++) {
      let damaged = false
      try {
        const ranked = this.opened.engine.rank(query, options)
        const result = await this.opened.present(ranked, options.snippets ?? 2)
        if (result || tries > 0) return result ?? { hits: [], total: 0, corrections: ranked.corrections }
      } catch (error) {
        if (!(error instanceof PostingsUnavailable) || tries > 0) throw error
        damaged = true
      }
      await this.reopen(damaged)
    }
  }

  /** Opened again over the library as it is now (`rebuild`: its postings built again), forgetting what was answered before. */
  private async reopen(rebuild: boolean): Promise<void> {
    this.opened = await openedNow(this.store, rebuild)
    this.scan = undefined
    this.answered.clear()
  }

  private scan: LibrarySearch | undefined
}

/** Answers browse keeps (each of 50 hits with their records: a few hundred kilobytes). */
const ANSWERS_KEPT = 32

/**
 * browse's settled list for a text: the search's answer, and the typo decisions the library made
 * last (PostingsSearch.typoDecisions, as entries: copied to the thread that reads the keys), which
 * the list drawn at once for the next texts reads their words with (LibrarySearch.searchAsPart).
 */
export interface BrowseAnswer {
  result: SearchResult
  typos: [string, WordSpec][]
}

/** Typo decisions a settled answer carries: those of the words typed last (each decision a few sets of words). */
const TYPOS_SHARED = 64

/** The outline and postings of the library as it is, built again when `rebuild` (those read turned out unreadable). */
async function openedNow(store: Store, rebuild = false): Promise<IndexedSearch> {
  const opened = await IndexedSearch.open(store, undefined, rebuild)
  if (opened) return opened
  // Changed between its outline and its postings: once more, over the file as it is now.
  const again = await IndexedSearch.open(store, undefined, true)
  if (again) return again
  // Changing at every reading: the library read whole once, searched as it was then (its postings built from it).
  const library = await store.read()
  const held: Store = { path: store.path, read: async () => library, update: (change, options) => store.update(change, options) }
  const whole = await IndexedSearch.open(held)
  if (!whole) throw new Error('postings built from a library are of its entries')
  return whole
}

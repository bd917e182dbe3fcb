/**
 * browse's two lists for each text typed: the first screenful at once, on the thread that reads the
 * keys (`first`), and the settled list, the search's exact answer, from a worker thread when precis
 * runs built (browse-worker.ts) and else from a BrowseSearch on this thread (`search`).
 */
import type { Entry } from '../core/records/entries.js'
import type { LibraryOutline } from '../core/records/outline.js'
import type { WordSpec } from '../core/search/pattern.js'
import { parseTypedQuery, type Query } from '../core/search/query.js'
import { LibrarySearch, type SearchHit, type SearchOptions, type SearchResult } from '../core/search/search.js'
import { searchWorkerFor } from './browse-worker.js'
import { readOutline } from './outline-reads.js'
import { BrowseSearch, type BrowseAnswer } from './search-reads.js'
import type { Store } from './store.js'
import { tokenize } from '../core/text/words.js'

/** Settled lists kept for `first` (each of 50 hits with their records: a few hundred kilobytes). */
const LISTS_KEPT = 32

export class BrowseLists {
  private constructor(
    private readonly store: Store,
    private readonly settle: {
      search(query: Query, options: SearchOptions): Promise<BrowseAnswer | null>
      close?(): Promise<void>
      /** Whether the worker thread settles the lists still (not failed or ended on its own). */
      inWorker?(): boolean
    },
    private shownOutline: LibraryOutline,
    /** The hits a first list holds at most: the lines the prompt shows at once. */
    private readonly screenful: number,
  ) {}

  /**
   * Opened as browse opens, before the first keystroke: the outline and postings read, the entries
   * ordered by recency. `worker`: the settled lists from a worker thread where there can be one.
   * `workerScript`: the module the thread runs, browse-worker.ts's own built one unless given (the
   * tests give one that fails, to see the searches go on on this thread).
   */
  static async open(store: Store, options: { screenful: number; worker?: boolean; workerScript?: URL }): Promise<BrowseLists> {
    const { screenful, worker: inWorker = true, workerScript } = options
    if (inWorker && store.index) {
      // The index checked here, before the worker reads it: when stale, built with the postings in one reading
      // of the library, with its progress line. The outline that holds the postings so built is let go (the
      // worker loads its own): this thread keeps one read again from the index, current now.
      await readOutline(store, { forSearch: true })
      const outline = await readOutline(store)
      const worker = searchWorkerFor(store, workerScript)
      if (worker) {
        // A thread that fails (not a search that does) leaves the searches to this one.
        let own: Promise<BrowseSearch> | undefined
        const search = async (query: Query, options: SearchOptions) => {
          try {
            return await worker.search(query, options)
          } catch (error) {
            if (!worker.broken) throw error
            own ??= BrowseSearch.open(store).then((search) => (search.prepare(), search))
            return (await own).settle(query, options)
          }
        }
        return new BrowseLists(store, { search, close: () => worker.close(), inWorker: () => !worker.broken }, outline, screenful)
      }
    }
    const search = await BrowseSearch.open(store)
    search.prepare()
    return new BrowseLists(store, { search: (query, options) => search.settle(query, options) }, search.outline, screenful)
  }

  /** Whether the settled lists come from a worker thread: false without one, and once it failed (they are then searched on this thread). */
  get inWorker(): boolean {
    return this.settle.inWorker?.() ?? false
  }

  /** The outline the snippets' citations are resolved against: the library's as it is now, read again after a change. */
  get outline(): LibraryOutline {
    return this.shownOutline
  }

  /**
   * The first screenful for `query`, at once, within the keystroke's frame whatever the library's
   * size: the list settled for it when the text was typed before, else the hits of the list settled
   * last that match it, a screenful at a time in that list's order, each screenful's ranked among
   * themselves by the scan (the reference engine) over their records, already read: typing narrows
   * the last list, so most often the first screenful of it is the only one read. Their words are
   * read with the library's own typo decisions (LibrarySearch.searchAsPart: no misspelt word is
   * corrected here, which would take longer than a frame and could differ from the library's). A
   * screenful that lacks a word the library has not decided yet is passed over: the library may
   * correct it; null when there is none to show before the settled list (nothing settled yet, or
   * every screenful passed over). An empty list settled last is one empty screenful: an empty list
   * at once, unless a word is undecided.
   */
  first(query: Query, options: SearchOptions): SearchHit[] | null {
    const known = this.settled.get(JSON.stringify([query, options]))
    if (known) return known.hits
    const last = this.last
    if (!last) return null
    const shown: SearchHit[] = []
    let read = false
    for (const scan of last.scans) {
      if (shown.length >= this.screenful) break
      const result = scan.searchAsPart(query, { ...options, limit: this.screenful - shown.length }, last.typos)
      if (!result) continue
      read = true
      for (const hit of result.hits) if (hit.missing.length === 0) shown.push(hit)
    }
    return read ? shown : null
  }

  /** The settled list for `query`: the search's answer; null when a later text replaced it before it was searched for. */
  async search(query: Query, options: SearchOptions): Promise<SearchResult | null> {
    const answer = await this.settle.search(query, options)
    if (!answer) return null
    const { result } = answer
    if (this.store.changedSince?.(this.shownOutline)) this.shownOutline = await readOutline(this.store)
    const key = JSON.stringify([query, options])
    this.settled.delete(key)
    this.settled.set(key, result) // the most recently settled last
    if (this.settled.size > LISTS_KEPT) this.settled.delete(this.settled.keys().next().value!)
    // Made and prepared (each text's wide words, the short fields joined) now, not in the next keystroke's frame.
    const entries = result.hits.map(({ id, paper, summary }): Entry => ({ id, paper, summary }))
    const scans: LibrarySearch[] = []
    // An empty list is one empty screenful, read as any other: a text narrowing it (a word typed on that
    // no word of the library begins with) shows at once that nothing matches, unless a word of it is one
    // the library has not decided (it may correct it).
    for (let from = 0; from < entries.length || from === 0; from += this.screenful) {
      const scan = new LibrarySearch(entries.slice(from, from + this.screenful))
      scan.prepare()
      scans.push(scan)
    }
    this.last = { scans, typos: new Map(answer.typos) }
    if (!this.warmed) warmUp(entries.slice(0, this.screenful), options)
    this.warmed = true
    return result
  }

  /** Whether the scan has run once (warmUp). */
  private warmed = false

  /** Lets the worker go (browse leaving). */
  async close(): Promise<void> {
    await this.settle.close?.()
  }

  /** Settled lists by query and options, for texts typed again (a backspace): shown at once, then settled again (the library may have changed). */
  private readonly settled = new Map<string, SearchResult>()

  /** Of the list settled last: the scans of its hits' records, a screenful each, and the library's typo decisions then. */
  private last: { scans: LibrarySearch[]; typos: ReadonlyMap<string, WordSpec> } | undefined
}

/**
 * The lists at once run once over the records of the first list settled (the empty text's, as
 * browse opens), for words of their titles typed letter by letter (10–15 ms, once): code run for
 * the first time (the scan's, the stemmer's) runs slowly until V8 has compiled it, which cost
 * several milliseconds at each of the first keystrokes otherwise. On a scan of their own: what a
 * scan keeps from one query to the next is not kept.
 */
function warmUp(entries: readonly Entry[], options: SearchOptions): void {
  const words = entries.flatMap((entry) => tokenize(entry.paper.title).map((token) => token.word)).filter((word) => word.length >= 5)
  const [one, two = one] = words
  if (one === undefined || two === undefined) return
  const text = `${one} ${two}`
  const scan = new LibrarySearch(entries)
  for (let i = 1; i <= text.length; i++) scan.searchAsPart(parseTypedQuery(text.slice(0, i)), options, new Map())
}

/**
 * browse's two lists for each text typed: the first screenful at once, on the thread that reads the
 * keys (`first`), and the settled list, the search's exact answer, from a worker thread when precis
 * runs built (browse-worker.ts) and else from a BrowseSearch on this thread (`search`).
 */
import type { Entry } from '../core/records/entries.js'
import type { LibraryOutline } from '../core/records/outline.js'
import type { WordSpec } from '../core/search/pattern.js'
import { parseTypedQuery, type Condition, type Query } from '../core/search/query.js'
import { wordTypedWithin } from '../core/search/typed-word.js'
import { LibrarySearch, type SearchHit, type SearchOptions, type SearchResult } from '../core/search/search.js'
import { searchWorkerFor } from './browse-worker.js'
import { readOutline } from './outline-reads.js'
import { BrowseSearch, type BrowseAnswer } from './search-reads.js'
import type { Store } from './store.js'
import { tokenize } from '../core/text/words.js'
import { pushAll } from '../core/lists.js'

/** The library's typo decision for the word of a spec looked for in some fields; null when it cannot be had now. */
type Decide = (spec: WordSpec, fields: readonly number[]) => WordSpec | null

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
      /** The library's typo decision for a word no settled list has decided, made on this thread; null when it cannot be now. */
      decide: Decide
      /** Made ready to decide, once a list has settled (`entries`, its records), not in a keystroke's frame. */
      prepareDecisions?(entries: readonly Entry[]): void
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
        const settle = { search, close: () => worker.close(), inWorker: () => !worker.broken, ...decisionsHere(store) }
        return new BrowseLists(store, settle, outline, screenful)
      }
    }
    const search = await BrowseSearch.open(store)
    search.prepare()
    const settle = {
      search: (query: Query, options: SearchOptions) => search.settle(query, options),
      decide: search.decideTypo.bind(search),
    }
    return new BrowseLists(store, settle, search.outline, screenful)
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
   * corrected by the scan, which could differ from the library's): those of the settled lists, and
   * for a word none has decided that a screenful lacks, the library's own made on this thread
   * (`decide`: its postings' correction, a few milliseconds at 100,000 summaries once ready). A
   * screenful that lacks a word still undecided (the postings here not ready yet, or the library
   * changed) is passed over: the library may correct it; null when there is none to show before the
   * settled list (nothing settled yet, or every screenful passed over). An empty list settled last
   * is one empty screenful: an empty list at once, unless a word is undecided. With the lists'
   * `lastWord: 'typing'`, a word the keystroke typed in the middle of the text (wordTypedWithin the
   * text before) is read as the last one is while typed: a prefix, not decided in the keystroke's
   * frame (each key makes it a new whole word, which the next key makes void).
   */
  first(query: Query, options: SearchOptions): SearchHit[] | null {
    const typing = this.typedSince(query)
    const known = this.settled.get(JSON.stringify([query, options]))
    if (known) return known.hits
    const last = this.last
    if (!last) return null
    const shown: SearchHit[] = []
    let read = false
    for (const scan of last.scans) {
      if (shown.length >= this.screenful) break
      const result = scan.searchAsPart(query, { ...options, limit: this.screenful - shown.length }, last.typos, this.settle.decide, typing)
      if (!result) continue
      read = true
      pushAll(shown, result.hits)
    }
    if (shown.length === 0) this.decideAhead(query, typing, last.typos)
    return read ? shown : null
  }

  /** The word of `query` typed since the text asked for at once last (wordTypedWithin), which `query` then replaces; null for none. */
  private typedSince(query: Query): Condition | null {
    const typing = this.asked && wordTypedWithin(this.asked, query)
    this.asked = query
    return typing ?? null
  }

  /** The text asked for at once last (the prompt asks at every keystroke). */
  private asked: Query | undefined

  /**
   * The word being typed decided as the library decides it finished, after the keystroke's list is
   * drawn and before the next key (a person types a key every 100 ms or more): the space that
   * finishes a misspelt word then finds its decision made, which would take it 2–25 ms at 100,000
   * summaries (the vocabulary near it looked through, lists read the first time); a word typed in
   * the middle (`typing`), the key typed elsewhere next. Asked when the list at once is empty: the
   * word begins no word of the records held, most often a misspelling. A later keystroke replaces
   * one not yet made.
   */
  private decideAhead(query: Query, typing: Condition | null, decided: ReadonlyMap<string, WordSpec>): void {
    if (!query.openEnded && !typing) return
    clearImmediate(this.ahead)
    this.ahead = setImmediate(() => decideWords({ ...query, openEnded: false }, decided, this.settle.decide))
  }

  /** The decision of the word being typed not yet made (decideAhead). */
  private ahead: NodeJS.Immediate | undefined

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
    this.settle.prepareDecisions?.(entries)
    return result
  }

  /** Whether the scan has run once (warmUp). */
  private warmed = false

  /** Lets the worker go (browse leaving). */
  async close(): Promise<void> {
    clearImmediate(this.ahead)
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

/**
 * Typo decisions made on the thread that reads the keys while the lists settle in a worker: the
 * library's own (BrowseSearch.decideTypo), over its outline and postings opened here too (read from
 * their files a block at a time: ~25 MB more at 100,000 summaries), once a list has settled
 * (`prepareDecisions`), opened again after a change once a list has settled since. Only while they
 * are current (BrowseSearch.openCurrent): the worker builds them, never this thread (seconds at
 * 100,000 summaries, every key waiting), also when the library changed again after the worker's
 * search; words wait for the settled lists until a later list finds them current. A misspelling
 * of a word of its records is decided as they open: the first decision reads the vocabulary whole
 * and runs code V8 has not compiled yet (~120 ms at 100,000 summaries, where a new word later takes
 * 1–9 ms), which is then no keystroke's. Failing, words wait for the settled lists, as without it.
 */
function decisionsHere(store: Store): { decide: Decide; prepareDecisions: (entries: readonly Entry[]) => void } {
  let opening: Promise<void> | undefined
  let opened: BrowseSearch | undefined
  const decide: Decide = (spec, fields) => opened?.decideTypo(spec, fields) ?? null
  return {
    decide,
    prepareDecisions: (entries) => {
      if (opening || (opened && !opened.stale)) return
      const first = !opened
      opening = BrowseSearch.openCurrent(store)
        .then((search) => {
          if (!search) return
          opened = search
          const typo = first ? misspelt(entries) : null
          if (typo !== null) decideWords(parseTypedQuery(`${typo} `), new Map(), decide)
        })
        .catch(() => undefined)
        .finally(() => (opening = undefined))
    },
  }
}

/** The library's decisions for the words of `query` that `decided` lacks, made (`decide`) as a list at once makes them, with no records read. */
function decideWords(query: Query, decided: ReadonlyMap<string, WordSpec>, decide: Decide): void {
  new LibrarySearch([]).searchAsPart(query, { limit: 1 }, decided, decide)
}

/** A title word of `entries` (6+ letters) with its third and fourth letters swapped, or null for none. */
function misspelt(entries: readonly Entry[]): string | null {
  const word = entries.flatMap((entry) => tokenize(entry.paper.title).map((token) => token.word)).find((w) => /^[a-z]{6,}$/.test(w))
  return word === undefined ? null : word.slice(0, 2) + word[3]! + word[2]! + word.slice(4)
}

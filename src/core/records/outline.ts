/**
 * The library without its long texts (summary bodies, paper abstracts), with what reads derive from
 * the bodies: what list, tags, stats, completion and handle resolution need. Made from a library
 * here, or loaded from the index beside it (store/index/), which holds exactly this.
 */
import { CitationResolver, citedPaperKeys } from '../citations/citations.js'
import { trashId, type Library, type PaperOutline, type SummaryOutline } from '../model.js'
import { countWords } from '../stats/word-count.js'
import { countTags, type TagCount } from '../tags/counts.js'
import { libraryEntryTags } from '../tags/paper-tags.js'
import type { LibraryStats } from '../stats/stats-types.js'
import type { KeptRows } from './plain-rows.js'
import type { TaggedEntries } from './tagged-entries.js'
import type { TagLists } from './tag-lists.js'

export type { PaperOutline, SummaryOutline }

/** The orders `list` sorts entries in (entries.ts). */
export type SortOrder = 'added' | 'year' | 'title'

/** Numbers read one at a time: an array's, or an index's read where they lie (each checked with the block it is in). */
export interface NumberList {
  readonly length: number
  at(index: number): number | undefined
}

export interface LibraryOutline {
  /** In library order. */
  readonly papers: readonly PaperOutline[]
  /** In library order. */
  readonly summaries: readonly SummaryOutline[]
  /** The ids of the trash entries (a summary's id, or the key of a paper trashed alone), in library order. */
  readonly trashIds: readonly string[]
  /** Words in each summary's body (countWords), in the order of `summaries`. */
  wordCounts(): readonly number[]
  /** The paper keys each summary cites (citedPaperKeys), in the order of `summaries`. */
  citedKeys(): readonly (readonly string[])[]
  /** Every tag of the entries (summaries, papers not yet summarised) and every parent of one, counted (countTags), sorted by name. */
  tagCounts(): readonly TagCount[]
  /**
   * The library's entries in `order` as sortEntries(libraryEntries(outline)) orders them, when they
   * were sorted ahead (an index keeps them): [summary index, or -1 for a paper without summary;
   * paper index] pairs, flattened (entries.ts, sortedPairs). Null or absent: sort them.
   */
  entryOrder?(order: SortOrder): ArrayLike<number> | null
  /**
   * How many entries entryOrder lists (each order lists every entry), with no order read: null or
   * absent when the orders are not kept, or not sorted here (entryOrder then gives none).
   */
  entryCount?(): number | null
  /** The library's statistics with `limit` rows in each top list, when computed ahead (outlineStats); null or absent: compute them. */
  stats?(limit: number): LibraryStats | null
  /**
   * Every paper's `field`, in the order of `papers` (what `papers.map((p) => p[field])` gives), when
   * kept as one array: an index hands out its column, and a read of a few fields of every record
   * makes no view of each. Absent: read through `papers` (paperColumn below).
   */
  paperColumn?<F extends keyof PaperOutline>(field: F): readonly PaperOutline[F][]
  /** Every summary's `field`, in the order of `summaries`, likewise. */
  summaryColumn?<F extends keyof SummaryOutline>(field: F): readonly SummaryOutline[F][]
  /**
   * Every entry's piped `list` row (plain-rows.ts), in the order entryOrder('added') lists the
   * entries, when made ahead (an index keeps them): a listing then writes them as they are, read
   * whole or, for a few, each alone. Null or absent: made from the columns.
   */
  keptRows?(): KeptRows | null
  /**
   * Every paper's year as a number (NaN for none), in the order of `papers`, when kept so (an index's
   * column as it lies in the file): a `year:` filter then makes no array of them. Absent: paperColumn.
   */
  paperYears?(): ArrayLike<number>
  /** Each tag the entries show with the entries showing it (tagged-entries.ts), when kept ahead (an index keeps them). Null or absent: read every entry's tags. */
  taggedEntries?(): TaggedEntries | null
  /** Every record's tags as numbers (tag-lists.ts), when kept ahead (an index keeps them). Absent: read the tags columns. */
  tagLists?(): TagLists
  /** The paper at `at` of `papers`, its view made alone (an index's: a search looks at a few): absent, papers[at]. */
  paperAt?(at: number): PaperOutline | undefined
  /** The summary at `at` of `summaries`, likewise. */
  summaryAt?(at: number): SummaryOutline | undefined
  /** How many papers and summaries there are, with no view made: absent, their lengths. */
  recordCounts?(): { papers: number; summaries: number }
  /**
   * Each entry's rank among search results of equal score (tieRanks, core/search/order.ts), in
   * library order, as an index keeps them: null or absent when not kept (computed when needed).
   */
  tieRanks?(): NumberList | null
  /**
   * Every entry's records in library order (libraryEntries's), as [summary index or -1, paper index]
   * pairs, as an index keeps them: each pair checked where it is used. Absent: from entryOrder('added').
   */
  entryPlaces?(): NumberList
  /**
   * The same pairs read whole, every one checked to name a record, for a read that uses every entry's
   * (a search's `tag:` and `year:` marks): null or absent when not kept so, or when one names none.
   */
  entryPairs?(): (ArrayLike<number> & NumberList) | null
}

/** Every paper's `field` in the order of `outline.papers`: the outline's column, else read record by record. */
export function paperColumn<F extends keyof PaperOutline>(
  outline: Pick<LibraryOutline, 'papers' | 'paperColumn'>,
  field: F,
): readonly PaperOutline[F][] {
  return outline.paperColumn ? outline.paperColumn(field) : outline.papers.map((paper) => paper[field])
}

/** Every summary's `field` in the order of `outline.summaries`, likewise. */
export function summaryColumn<F extends keyof SummaryOutline>(
  outline: Pick<LibraryOutline, 'summaries' | 'summaryColumn'>,
  field: F,
): readonly SummaryOutline[F][] {
  return outline.summaryColumn ? outline.summaryColumn(field) : outline.summaries.map((summary) => summary[field])
}

/** The outline of `lib`; what is derived from the bodies is computed on first use. */
export function libraryOutline(lib: Library): LibraryOutline {
  let words: number[] | undefined
  let cites: string[][] | undefined
  let tags: TagCount[] | undefined
  return {
    papers: lib.papers,
    summaries: lib.summaries,
    trashIds: lib.trash.map(trashId),
    wordCounts: () => (words ??= lib.summaries.map((summary) => countWords(summary.body))),
    citedKeys: () => (cites ??= citedKeysOf(lib)),
    tagCounts: () => (tags ??= countTags(libraryEntryTags(lib))),
  }
}

function citedKeysOf(lib: Library): string[][] {
  const resolver = new CitationResolver(lib)
  return lib.summaries.map((summary) => citedPaperKeys(summary, resolver))
}

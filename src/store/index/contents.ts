import type { LibraryOutline, NumberList, PaperOutline, SortOrder, SummaryOutline } from '../../core/records/outline.js'
import type { LibraryStats } from '../../core/stats/stats-types.js'
import { keptRowsOf, type KeptRows, type PlainRows } from '../../core/records/plain-rows.js'
import type { TaggedEntries } from '../../core/records/tagged-entries.js'
import type { TagLists } from '../../core/records/tag-lists.js'
import { withTop } from '../../core/stats/stats.js'
import type { TagCount } from '../../core/tags/counts.js'
import type { FileIdentity } from './identity.js'
import type { NameTable } from './names.js'

/** The sort orders an index keeps. */
export const SORT_ORDERS: readonly SortOrder[] = ['added', 'year', 'title']

/**
 * Libraries from this size on (about 25,000 summaries) collect their garbage between the phases of
 * a rebuild by a read (collectGarbage, platform/collect.ts), build their postings in smaller
 * segments (LARGE_SEGMENT_TOKENS, postings-segments.ts) and go on with the index read back from its
 * file (IndexedLibrary); below it a rebuild's garbage is tens of megabytes, and a first search at
 * 10,000 summaries builds its postings in one piece.
 */
export const COLLECT_FROM_BYTES = 128 * 1024 * 1024

/** Rows kept in each top list of the statistics computed ahead: `stats --top` up to this reads them, a larger one computes. */
export const STATS_ROWS = 100

/**
 * Everything an index file holds. (Read from a file, each part is decoded when first used, and
 * `papers` and `summaries` are views whose fields are decoded column by column: row-views.ts.)
 */
export interface IndexContents {
  /** The real path of the library file it was built from. */
  library: string
  /** That file's identity when it was built (see identity.ts). */
  identity: FileIdentity
  papers: readonly PaperOutline[]
  summaries: readonly SummaryOutline[]
  trashIds: readonly string[]
  /** Words in each summary's body, in the order of `summaries`. */
  words: readonly number[]
  /** The paper keys each summary cites, in the order of `summaries`. */
  cites: readonly (readonly string[])[]
  /** The entries' tags counted (countTags, summaries and papers not yet summarised): what `tags` lists, without decoding every summary. */
  tagCounts: readonly TagCount[]
  /** Where each paper lies in the library file, as [start, end) byte pairs, flattened, in the order of `papers`. */
  paperPlaces: ArrayLike<number>
  /** Where each summary lies, likewise. */
  summaryPlaces: ArrayLike<number>
  /**
   * Where record `at` of `list` lies, as a [start, end) pair: from a decoded index, read and checked
   * with the block of places it is in, not all of them. Absent, or undefined (a position out of range,
   * a block that fails its check), the places above are read.
   */
  placeOf?: (list: 'papers' | 'summaries', at: number) => readonly [number, number] | undefined
  /** Each sort order's entries as entryPairs gives them (core/records/entries.ts); null when sorted with another collation. */
  orders: Record<SortOrder, ArrayLike<number>> | null
  /** How many entries `orders.added` lists, from its size in a decoded index's header (none read): absent, its length. */
  addedCount?: () => number | null
  /**
   * Each entry's rank among search results of equal score (tieRanks, core/search/order.ts), in
   * library order; null when an entry's time is not one precis writes, or ranked with another collation.
   */
  ties: (ArrayLike<number> & NumberList) | null
  /** The same ranks, read a rank at a time where an index file holds them (a search breaks a few ties): absent, `ties`. */
  tieList?: NumberList | null
  /** Every entry's records in library order, as [summary index or -1, paper index] pairs (entryPairs of libraryEntries). */
  entryPlaces: ArrayLike<number> & NumberList
  /** The same pairs, read a number at a time where an index file holds them (a search looks at a few entries): absent, `entryPlaces`. */
  entryPlaceList?: NumberList
  /** The same pairs read whole, each checked to name a record (a read that uses them all); null when one does not: absent, `entryPlaces` unchecked. */
  checkedEntryPlaces?: () => (ArrayLike<number> & NumberList) | null
  /** outlineStats with STATS_ROWS rows in each top list. */
  stats: LibraryStats
  /** Each paper's `field` as one array (a column of the file, decoded once): absent, read through `papers`. */
  paperColumn?: <F extends keyof PaperOutline>(field: F) => readonly PaperOutline[F][]
  /** Each paper's year as a number, NaN for none (the column as it lies in the file): absent, read through `papers`. */
  paperYears?: () => ArrayLike<number>
  /** Each summary's `field`, likewise. */
  summaryColumn?: <F extends keyof SummaryOutline>(field: F) => readonly SummaryOutline[F][]
  /** The records' names, sorted, and who cites each paper: what finds the records a handle or a citation names (names.ts). */
  names: NameTable
  /** Every entry's piped `list` row, in the order of `orders.added` (core/records/plain-rows.ts). */
  plainRows: PlainRows
  /** The same rows, read whole (`plainRows`) or a few at a time, each checked alone (a decoded index's): absent, from `plainRows`. */
  keptRows?: KeptRows
  /** Each tag the entries show, with the entries showing it (core/records/tagged-entries.ts). */
  taggedEntries: TaggedEntries
  /** Every paper's own tags and every summary's as numbers (core/records/tag-lists.ts): what `related` weighs tags by. */
  tagLists: TagLists
  /** The paper at `at` of `papers`, its view made alone (read from a file, a search looks at a few): absent, papers[at]. */
  paperAt?: (at: number) => PaperOutline | undefined
  /** The summary at `at` of `summaries`, likewise. */
  summaryAt?: (at: number) => SummaryOutline | undefined
  /** How many papers and summaries there are, with no view made: absent, their lengths. */
  recordCounts?: () => { papers: number; summaries: number }
}

/** The outline an index holds, ready for reads. */
export function indexOutline(contents: IndexContents): LibraryOutline {
  // Getters: an index decodes each part when first used (format.ts), and a read uses only some.
  return {
    get papers() {
      return contents.papers
    },
    get summaries() {
      return contents.summaries
    },
    get trashIds() {
      return contents.trashIds
    },
    wordCounts: () => contents.words,
    citedKeys: () => contents.cites,
    tagCounts: () => contents.tagCounts,
    entryOrder: (order) => contents.orders?.[order] ?? null,
    entryCount: () => {
      if (!contents.orders) return null
      return contents.addedCount ? contents.addedCount() : contents.orders.added.length >> 1
    },
    tieRanks: () => (contents.tieList === undefined ? contents.ties : contents.tieList),
    entryPlaces: () => contents.entryPlaceList ?? contents.entryPlaces,
    ...(contents.checkedEntryPlaces && { entryPairs: contents.checkedEntryPlaces }),
    stats: (limit) => (limit <= STATS_ROWS ? withTop(contents.stats, limit) : null),
    ...(contents.paperColumn && { paperColumn: contents.paperColumn }),
    ...(contents.summaryColumn && { summaryColumn: contents.summaryColumn }),
    ...(contents.paperYears && { paperYears: contents.paperYears }),
    // In the order of orders.added: none when the orders are to be sorted again.
    keptRows: () => (contents.orders ? (contents.keptRows ?? keptRowsOf(contents.plainRows)) : null),
    taggedEntries: () => contents.taggedEntries,
    tagLists: () => contents.tagLists,
    ...(contents.paperAt && { paperAt: contents.paperAt }),
    ...(contents.summaryAt && { summaryAt: contents.summaryAt }),
    ...(contents.recordCounts && { recordCounts: contents.recordCounts }),
  }
}

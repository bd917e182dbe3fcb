// What `related` reads of a library, whichever way it is read (the library whole, or the index).
import type { PaperOutline, SummaryOutline } from '../model.js'
import type { NumberList } from '../records/outline.js'
import type { TagLists } from '../records/tag-lists.js'
import type { Occurrences } from './text.js'

/** A paper with what `related` weighs it by. */
export interface PaperDoc<P extends PaperOutline = PaperOutline, S extends SummaryOutline = SummaryOutline> {
  paper: P
  /** Its place in the library's papers. */
  at: number
  summaries: S[]
  /** Their places in the library's summaries. */
  summaryAt: number[]
  /** Its tags and every parent of them. */
  tags: ReadonlySet<string>
  /** Papers its summaries cite. */
  cites: ReadonlySet<string>
}

/**
 * The texts of a library's papers, as `related` reads them: the library read whole (libraryTexts),
 * or its search postings with a few records read where they lie (store/index). Both give the same
 * answers: the tests hold the second to the first.
 */
export interface RelatedTexts<P extends PaperOutline = PaperOutline, S extends SummaryOutline = SummaryOutline> {
  /** The paper's prose: its title and summaries (its abstract when it has none), without citation markup (`\\cite{key}` is not prose). */
  prose(doc: PaperDoc<P, S>): string
  /** For each of `docs`, which of `terms` the words of its prose (similarityTerms) hold. */
  termsIn(docs: readonly PaperDoc<P, S>[], terms: ReadonlySet<string>): ReadonlySet<string>[]
  /** How often each of `keys` is in each paper's text as stored (title, summaries, or abstract), citation markup included; by the paper's place. */
  occurrences(keys: ReadonlySet<string>): Occurrences<number>
}

/** What `related` reads of a library: its records (outlines do), what each summary cites, and the papers' texts. */
export interface RelatedSource<P extends PaperOutline = PaperOutline, S extends SummaryOutline = SummaryOutline> {
  papers: readonly P[]
  summaries: readonly S[]
  /** The paper keys each summary cites (citedPaperKeys), in the order of `summaries`. */
  citedKeys: readonly (readonly string[])[]
  /** The paper at `at` of `papers`, its view made alone (an index's): absent, papers[at]. */
  paperAt?(at: number): P | undefined
  /** The summary at `at` of `summaries`, likewise. */
  summaryAt?(at: number): S | undefined
  /** Every paper's `field` as one array (an index's column: the records are then looked at only for the papers shown); absent, read through `papers`. */
  paperColumn?<F extends keyof PaperOutline>(field: F): readonly PaperOutline[F][]
  /** Every summary's `field` likewise. */
  summaryColumn?<F extends keyof SummaryOutline>(field: F): readonly SummaryOutline[F][]
  /** Every record's tags as numbers (an index keeps them: LibraryOutline.tagLists); absent, numbered from the tags columns. */
  tagLists?(): TagLists
  /**
   * The library's entries in library order, as [summary index or -1, paper index] pairs (an index
   * keeps them: LibraryOutline.entryPlaces): each summary's paper without looking up its key. Absent,
   * the keys are looked up.
   */
  entryPlaces?(): NumberList
  texts: RelatedTexts<P, S>
}

/** The records and citations of a library, as PaperTable reads them. */
export type RelatedRecords<P extends PaperOutline = PaperOutline, S extends SummaryOutline = SummaryOutline> = Omit<
  RelatedSource<P, S>,
  'texts'
>

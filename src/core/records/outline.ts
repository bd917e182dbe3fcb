/**
 * The library without its long texts (summary bodies, paper abstracts), with what reads derive from
 * the bodies: what list, tags, stats, completion and handle resolution need. Made from a library
 * here, or loaded from the index beside it (store/index/), which holds exactly this.
 */
import { CitationResolver, citedPaperKeys } from '../citations/citations.js'
import type { Library, PaperOutline, SummaryOutline } from '../model.js'
import { countWords } from '../stats/word-count.js'
import { countTags, type TagCount } from '../tags/counts.js'

export type { PaperOutline, SummaryOutline }

export interface LibraryOutline {
  /** In library order. */
  readonly papers: readonly PaperOutline[]
  /** In library order. */
  readonly summaries: readonly SummaryOutline[]
  /** The ids of the summaries in the trash, in library order. */
  readonly trashIds: readonly string[]
  /** Words in each summary's body (countWords), in the order of `summaries`. */
  wordCounts(): readonly number[]
  /** The paper keys each summary cites (citedPaperKeys), in the order of `summaries`. */
  citedKeys(): readonly (readonly string[])[]
  /** Every tag of the summaries and every parent of one, counted (countTags), sorted by name. */
  tagCounts(): readonly TagCount[]
}

/** The outline of `lib`; what is derived from the bodies is computed on first use. */
export function libraryOutline(lib: Library): LibraryOutline {
  let words: number[] | undefined
  let cites: string[][] | undefined
  let tags: TagCount[] | undefined
  return {
    papers: lib.papers,
    summaries: lib.summaries,
    trashIds: lib.trash.map((entry) => entry.summary.id),
    wordCounts: () => (words ??= lib.summaries.map((summary) => countWords(summary.body))),
    citedKeys: () => (cites ??= citedKeysOf(lib)),
    tagCounts: () => (tags ??= countTags(lib.summaries)),
  }
}

function citedKeysOf(lib: Library): string[][] {
  const resolver = new CitationResolver(lib)
  return lib.summaries.map((summary) => citedPaperKeys(summary, resolver))
}

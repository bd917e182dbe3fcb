/** What `precis stats` reports (computed in stats.ts; an index keeps one computed ahead). */

/** How many summaries fall in one year. */
export interface YearCount {
  year: number
  count: number
}

/** A name and how often it occurs. */
export interface NamedCount {
  name: string
  count: number
}

/** A summary and its length. */
export interface SummaryLength {
  id: string
  title: string
  words: number
}

/** A paper and how many summaries in the library cite it. */
export interface CitedPaper {
  key: string
  title: string
  citedBy: number
}

export interface LibraryStats {
  papers: number
  summaries: number
  /** Words in all summary bodies. */
  words: number
  /** Papers without a summary yet. */
  toSummarise: number
  /** Summaries by the paper's publication year, oldest first; years between are filled with 0 when the span is short. */
  perYear: YearCount[]
  /** Summaries whose paper has no year. */
  undated: number
  /** Summaries by the year they were written, oldest first. */
  writtenPerYear: YearCount[]
  /** Most used tags, counted as `tag:` finds them (a parent counts the summaries below it). */
  topTags: NamedCount[]
  /** Venues with the most papers; names compared without case, shown as first written. */
  topVenues: NamedCount[]
  longest: SummaryLength[]
  /** Papers cited by the most summaries (at least one). */
  mostCited: CitedPaper[]
}

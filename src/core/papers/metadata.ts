/** What precis takes from a metadata service about a paper, in the shape every source returns. */

/** Everything precis takes from arXiv or a DOI registry about one paper. */
export interface PaperMetadata {
  /** One line, whitespace collapsed. */
  title: string
  /** Names as written: "Given Family", or "Family, Given" when the family name has several words. */
  authors: string[]
  year: number | null
  /** Journal or proceedings; arXiv's journal-ref when that is all there is. */
  venue: string | null
  /** arXiv id without version. */
  arxiv: string | null
  /** Lower-cased DOI. */
  doi: string | null
  /** An http(s) landing page. */
  url: string | null
  /** Plain text, whitespace collapsed. */
  abstract: string | null
  /** arXiv primary category, e.g. `cs.LG`. */
  primaryCategory: string | null
  /** The arXiv version described, e.g. `v3`. */
  version: string | null
  /** arXiv's journal reference as the authors typed it. */
  journalRef: string | null
  /** The fields whose values were over precis's limits and cut, for a notice (not kept in the cache). */
  shortened?: ShortenedField[]
}

/** A field whose value a source sent longer than precis keeps. */
export type ShortenedField = 'title' | 'authors' | 'venue' | 'abstract'

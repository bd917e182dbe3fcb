/** The library file's shape (README, File format). Version 2; core/schema/upgrade.ts reads the older ones. */

export const LIBRARY_FORMAT = 'precis-library'
/** The format version precis writes. Raised by one whenever the file gains what an older precis would drop. */
export const LIBRARY_VERSION = 2

/** Where a paper is in the reading queue (README, The reading queue). */
export const READING_STATES = ['to-read', 'reading', 'read'] as const
export type ReadingState = (typeof READING_STATES)[number]
/** Queue priorities: 1 is read first, 5 last; a paper without one counts as DEFAULT_PRIORITY. */
export const MIN_PRIORITY = 1
export const MAX_PRIORITY = 5
export const DEFAULT_PRIORITY = 3

export interface Paper {
  /** Citekey, e.g. `gilmer2017neural`; unique among papers. */
  key: string
  title: string
  /** Names as written, "Given Family" or "Family, Given". */
  authors: string[]
  year: number | null
  venue: string | null
  /** arXiv id without version, e.g. `1704.01212` or `math/0501234`. */
  arxiv: string | null
  /** arXiv primary category (`cs.LG`); absent for papers that never came from arXiv. */
  category?: string | null
  doi: string | null
  url: string | null
  abstract: string | null
  /** ISO timestamp of when the paper entered the library. */
  added: string
  /**
   * Reading state; absent when nobody set one: then a paper with a summary counts as read and one
   * without is in no state (see core/papers/reading.ts). Since version 2.
   */
  state?: ReadingState
  /** Queue priority, MIN_PRIORITY..MAX_PRIORITY; only on a paper to read or being read. Since version 2. */
  priority?: number
  /** Files and links attached to the paper (format version 2); absent on papers that never had one. */
  attachments?: Attachment[]
}

/**
 * A file copied into the paper's folder beside the library (`name` is its file name there, a safe
 * one: see core/attachments), or a web link. Files are told apart by their bytes' SHA-256.
 */
export type Attachment =
  { kind: 'file'; name: string; sha256: string; size: number; added: string } | { kind: 'link'; url: string; added: string }

export interface Summary {
  /** `<paper key>` for a paper's first summary, then `<key>-2`, `<key>-3`, ... */
  id: string
  /** Key of the paper this summarises. */
  paper: string
  /** Who wrote the summary (free text; may be empty). */
  by: string
  /** Markdown with LaTeX math, stored exactly as written. */
  body: string
  /** Normalised tags: lowercase, `a/b` hierarchy, no spaces. */
  tags: string[]
  created: string
  updated: string
}

/** A removed summary, restorable; keeps its paper when the paper left the library with it. */
export interface TrashEntry {
  summary: Summary
  /** The paper record when this summary was its last one (so restore can bring it back). */
  paper: Paper | null
  deleted: string
}

/** A paper without its abstract and attachments: what reads that list or resolve papers need (see records/outline.ts). */
export type PaperOutline = Omit<Paper, 'abstract' | 'attachments'>

/** A summary without its body. */
export type SummaryOutline = Omit<Summary, 'body'>

export interface Library {
  format: typeof LIBRARY_FORMAT
  version: typeof LIBRARY_VERSION
  papers: Paper[]
  summaries: Summary[]
  trash: TrashEntry[]
}

export function emptyLibrary(): Library {
  return { format: LIBRARY_FORMAT, version: LIBRARY_VERSION, papers: [], summaries: [], trash: [] }
}

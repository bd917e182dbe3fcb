/**
 * What a search answers, whichever engine answers it: the scan (search.ts) or the postings
 * (postings-search.ts). Apart from both so that the postings' side never loads the scan.
 */
import type { Entry } from '../records/entries.js'
import type { LastWord } from './compile.js'
import type { Correction } from './compiled.js'
import type { Snippet } from './snippets.js'

export type { Correction } from './compiled.js'
export type { Snippet } from './snippets.js'

/** A search result: the entry, its score and snippets of its body. */
export interface SearchHit extends Entry {
  /** Relevance; higher is better. 0 when the query has no words (filters only). */
  score: number
  /** One or two windows of the body around the matched words (or its opening). */
  snippets: Snippet[]
  /** The query's plain words this entry lacks (a partial match); empty when it has them all. */
  missing: string[]
}

/** The best hits of a search, and how many entries matched in all. */
export interface SearchResult {
  hits: SearchHit[]
  total: number
  /** Words the library lacks, and the words near them that were searched for too (weaker). */
  corrections: Correction[]
}

export interface SearchOptions {
  /** Most hits to return. */
  limit: number
  /** How to read the last word when nothing follows it (default 'whole'; see LastWord). */
  lastWord?: LastWord
  /** Snippets per hit (default 2). */
  snippets?: number
}

/** Length of a snippet's window in characters. */
export const SNIPPET_LENGTH = 180

/**
 * A query compiled for a library (compile.ts): what the scan, the matcher and the ranking read.
 * `D` is how a document is named: a SearchDoc for the scan, a document number for the postings.
 */
import type { SearchDoc } from './docs.js'
import type { TermPattern } from './pattern.js'

/** A text term that contributes to the score: where to look and what for. */
export interface ScoringTerm {
  /** The term as the query has it (`transformer`, `one-child`), for saying which a result lacks. */
  label: string
  pattern: TermPattern
  fields: readonly number[]
  /** Documents matching it in the sample, scaled to the library (an estimate of its document frequency; made when first read). */
  estimatedDf: number
  /** Occurrences counted per field (TF_CAP, or TYPING_TF_CAP for the word being typed). */
  countCap: number
}

export type CompiledTest<D = SearchDoc> =
  /** `cost`: 0 for a look at a field, more for a scan of the body. */
  | { kind: 'meta'; matches: (doc: D) => boolean; cost: number }
  /** `slot` indexes `CompiledQuery.terms` (positive terms only; -1 when negated). */
  | { kind: 'text'; term: ScoringTerm; slot: number }

export interface CompiledCondition<D = SearchDoc> {
  negated: boolean
  /** A plain word of the query (no field, quotes or minus), which a partial match may lack (partial.ts). */
  optional?: boolean
  test: CompiledTest<D>
  /** Equal for conditions that match the same entries the same way (a cache key). */
  signature: string
}

export interface CompiledQuery<D = SearchDoc> {
  /** Clauses in evaluation order; all must hold. */
  clauses: CompiledCondition<D>[][]
  /** Positive text terms, scored with BM25F. */
  terms: ScoringTerm[]
  /** The plain words of the query in a row, for the exact-phrase bonus (null with fewer than two). */
  phrase: ScoringTerm | null
  /** Words the library lacks, with the library's words near them that were searched for too. */
  corrections: Correction[]
}

/** A word the library lacks, and the library's words one typo away that were searched for too. */
export interface Correction {
  word: string
  alternatives: string[]
}

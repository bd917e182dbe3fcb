/**
 * Running a compiled query over one document. Clauses run in their compiled order and the first
 * failing one ends the work; term frequencies are recorded for scoring when asked.
 */
import type { CompiledCondition, CompiledQuery, ScoringTerm } from './compiled.js'
import { BODY, FIELD_NAMES, type SearchDoc } from './docs.js'

const FIELD_COUNT = FIELD_NAMES.length
const BODY_ONLY: readonly number[] = [BODY]
/** Occurrences counted per field: BM25 saturates, so more would add almost nothing to a score. */
export const TF_CAP = 10
/**
 * For the word being typed in browse: three letters begin a good part of every text, and telling
 * three occurrences from ten matters little while the word is half typed, but counting them all
 * was most of a keystroke (BM25 gives three 80% of what it gives ten).
 */
export const TYPING_TF_CAP = 3

// A term looked for in every field is first looked for in the short ones of the whole library
// together (short.ts): where it is not there, only the body is left to look at.
function fieldsToRead(term: TermAndFields, doc: SearchDoc): readonly number[] {
  return term.fields.length === FIELD_COUNT && !doc.short.mayContain(term.pattern, doc) ? BODY_ONLY : term.fields
}

type TermAndFields = Pick<ScoringTerm, 'pattern' | 'fields'>

/** Whether the term occurs in any of its fields. */
export function occurs(term: TermAndFields, doc: SearchDoc): boolean {
  return fieldsToRead(term, doc).some((field) => term.pattern.find(doc.fields[field]!) !== null)
}

/** Count the term in each of its fields into `tf` from `offset`; whether it occurred at all. */
export function countTerm(term: ScoringTerm, doc: SearchDoc, tf: Float64Array, offset: number): boolean {
  const read = fieldsToRead(term, doc)
  let total = 0
  for (const field of term.fields) {
    const count = read === term.fields || field === BODY ? term.pattern.count(doc.fields[field]!, term.countCap) : 0
    tf[offset + field] = count
    total += count
  }
  return total > 0
}

function holds(condition: CompiledCondition, doc: SearchDoc, tf: Float64Array | null): boolean {
  const { test, negated } = condition
  if (test.kind === 'meta') return test.matches(doc) !== negated
  if (negated) return !occurs(test.term, doc)
  return tf ? countTerm(test.term, doc, tf, test.slot * FIELD_COUNT) : occurs(test.term, doc)
}

/**
 * Whether `doc` satisfies every clause of `query`. With `tf` (length terms × fields, zeroed),
 * every positive term of the matched clauses is counted per field, for scoring.
 */
export function matchDoc(query: CompiledQuery, doc: SearchDoc, tf: Float64Array | null): boolean {
  for (const clause of query.clauses) {
    let satisfied = false
    for (const condition of clause) {
      if (holds(condition, doc, tf)) {
        satisfied = true
        if (!tf) break // when scoring, the other alternatives still count
      }
    }
    if (!satisfied) return false
  }
  return true
}

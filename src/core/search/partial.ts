/**
 * Partial matches (a pasted sentence, a long list of words): when fewer entries than asked for
 * contain every plain word of the query, entries containing some of them follow, ranked by their
 * BM25F score times the share of the words they contain (a coordination factor). Everything else
 * in the query (fields, phrases, exclusions, OR) still has to hold: only plain words loosen.
 */
import type { CompiledCondition, CompiledQuery } from './compiled.js'
import { FIELD_NAMES } from './docs.js'
import type { CountedMatches } from './rank.js'
import type { Match } from './scan.js'
import { SEARCH_TUNING } from './tuning.js'

const FIELD_COUNT = FIELD_NAMES.length

const isOptional = <D>(clause: readonly CompiledCondition<D>[]) => clause.length === 1 && clause[0]!.optional === true

/** The slots (in CompiledQuery.terms) of the query's plain words. */
export function optionalSlots<D>(query: CompiledQuery<D>): number[] {
  return query.clauses.filter(isOptional).map(([condition]) => (condition!.test.kind === 'text' ? condition!.test.slot : -1))
}

/**
 * The query that finds the partial matches too: its other clauses, and one clause holding when any
 * plain word does. Null when partial matches are not looked for (fewer words than partialFrom).
 */
export function loosened<D>(query: CompiledQuery<D>): CompiledQuery<D> | null {
  const optional = query.clauses.filter(isOptional)
  if (optional.length < SEARCH_TUNING.partialFrom) return null
  return { ...query, clauses: [...query.clauses.filter((clause) => !isOptional(clause)), optional.flat()] }
}

/** Which of the plain words (slots) a match contains. */
export function matchedSlots(match: Pick<Match<unknown>, 'tf' | 'offset'>, slots: readonly number[]): boolean[] {
  return slots.map((slot) => {
    for (let f = 0; f < FIELD_COUNT; f++) if (match.tf[match.offset + slot * FIELD_COUNT + f]! > 0) return true
    return false
  })
}

/**
 * The scored matches of the loosened query split into those with every plain word and those with
 * enough of them (minimumShouldMatch), the latter's scores scaled by the coordination factor.
 */
export function splitPartial<M extends Match<unknown>>(matches: readonly M[], slots: readonly number[]): { whole: M[]; partial: M[] } {
  const whole: M[] = []
  const partial: M[] = []
  const needed = Math.max(1, Math.ceil(slots.length * SEARCH_TUNING.minimumShouldMatch))
  for (const match of matches) {
    const found = matchedSlots(match, slots).filter(Boolean).length
    if (found === slots.length) whole.push(match)
    else if (found >= needed) {
      match.score *= (found / slots.length) ** SEARCH_TUNING.coordination
      partial.push(match)
    }
  }
  return { whole, partial }
}

/** splitPartial over counted matches (rank.ts), by their places in `found`: the partial ones' `scores` scaled. */
export function splitCounted(
  found: CountedMatches,
  scores: Float64Array,
  slots: readonly number[],
): { whole: number[]; partial: number[] } {
  const whole: number[] = []
  const partial: number[] = []
  const needed = Math.max(1, Math.ceil(slots.length * SEARCH_TUNING.minimumShouldMatch))
  for (let i = 0; i < found.docs.length; i++) {
    const count = matchedSlots({ tf: found.tf, offset: i * found.width }, slots).filter(Boolean).length
    if (count === slots.length) whole.push(i)
    else if (count >= needed) {
      scores[i]! *= (count / slots.length) ** SEARCH_TUNING.coordination
      partial.push(i)
    }
  }
  return { whole, partial }
}

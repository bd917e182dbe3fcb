/**
 * When one compiled query can only match entries that another matched: typing `grap` after `gra`,
 * finishing `graph` with a space, or adding a word. browse then looks for the new query among the
 * entries the earlier one found instead of in the whole library (scan.ts and postings-search.ts keep them).
 *
 * Judged word by word on what the tokenizer reads, so the answer is exact, never a guess: a word
 * spec implies another when every word it accepts, the other accepts too.
 */
import type { CompiledCondition } from './compiled.js'
import type { WordSpec } from './pattern.js'
import { termStarts } from '../text/stem.js'

/** Whether every (normalised) word whose term is `term` starts with `prefix`. */
function formsStartWith(term: string, prefix: string): boolean {
  // Every such word starts with one of termStarts (text/stem.ts).
  return termStarts(term).every((start) => start.startsWith(prefix))
}

/** Whether every word `narrow` accepts, `wide` accepts too. */
export function specImplies(narrow: WordSpec, wide: WordSpec): boolean {
  const widePrefix = wide.prefix
  if (narrow.prefix !== null && (widePrefix === null || !narrow.prefix.startsWith(widePrefix))) return false
  for (const term of [...narrow.keys, ...(narrow.alternatives?.keys() ?? [])]) {
    if (!wide.keys.has(term) && !wide.alternatives?.has(term) && (widePrefix === null || !formsStartWith(term, widePrefix))) return false
  }
  return true
}

/** Whether every entry `narrow` holds for, `wide` holds for too. */
function conditionImplies<D>(narrow: CompiledCondition<D>, wide: CompiledCondition<D>): boolean {
  if (narrow.signature === wide.signature) return true
  const [a, b] = [narrow.test, wide.test]
  // Only words can be told apart by what they accept; an exclusion that accepts less excludes more.
  if (narrow.negated || wide.negated || a.kind !== 'text' || b.kind !== 'text') return false
  if (a.term.fields.join() !== b.term.fields.join()) return false
  const [narrowWords, wideWords] = [a.term.pattern.words, b.term.pattern.words]
  return narrowWords.length === wideWords.length && narrowWords.every((word, i) => specImplies(word.spec, wideWords[i]!.spec))
}

/** Whether a clause (conditions joined by OR) holding means that `wide` holds. */
function clauseImplies<D>(narrow: readonly CompiledCondition<D>[], wide: readonly CompiledCondition<D>[]): boolean {
  return narrow.every((condition) => wide.some((other) => conditionImplies(condition, other)))
}

/**
 * Whether every entry matching all the `narrow` clauses matches all the `wide` ones: each wide
 * clause follows from one of the narrow.
 */
export function queryImplies<D>(
  narrow: readonly (readonly CompiledCondition<D>[])[],
  wide: readonly (readonly CompiledCondition<D>[])[],
): boolean {
  return wide.every((clause) => narrow.some((other) => clauseImplies(other, clause)))
}

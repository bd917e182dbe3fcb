/**
 * Which word of a text is being typed, told from the text typed before it: browse's prompt gives
 * each new text, not where its cursor is, and a word typed in the middle of a query is a whole word
 * at every keystroke (`graph atent model`), each a new misspelling the next key makes void.
 */
import type { Condition, Query } from './query.js'

/**
 * The condition of `now` that the edit from `before` typed: the one plain word (text, not quoted,
 * not negated) of `now` in place of at most one of `before`, the conditions before and after it the
 * same. Null for any other change: none (a space added), several words, a filter (`tag:ml`), an
 * excluded word, a phrase, the last word with a space after it (the space finished it).
 */
export function wordTypedWithin(before: Query, now: Query): Condition | null {
  const was = conditionsOf(before)
  const is = conditionsOf(now)
  let start = 0
  while (start < was.length && start < is.length && sameCondition(was[start]!, is[start]!)) start++
  let end = 0
  while (end < was.length - start && end < is.length - start && sameCondition(was.at(-1 - end)!, is.at(-1 - end)!)) end++
  if (is.length - start - end !== 1 || was.length - start - end > 1) return null
  const typed = is[start]!
  if (end === 0 && !now.openEnded) return null
  return typed.term.kind === 'text' && !typed.term.quoted && !typed.negated ? typed : null
}

const conditionsOf = (query: Query): Condition[] => query.clauses.flatMap((clause) => clause.anyOf)

/** The same term, wherever it is in the text (a word inserted before it moves its column). */
const sameCondition = (a: Condition, b: Condition): boolean => a.negated === b.negated && JSON.stringify(a.term) === JSON.stringify(b.term)

/**
 * The entries' tie ranks (tieRanks) after a change, carried over from those before it as the orders
 * are (core/records/carried-order.ts): the entries whose update time did not change keep their ranks'
 * order, the others are placed among them by binary search, and the ranks are counted again along
 * the result, two entries carried side by side being tied when they were. Exactly tieRanks' ranks.
 */
import { carriedPlaces, entriesNow, type SortFields } from '../records/carried-order.js'
import type { OutlineEntry } from '../records/entries.js'
import type { Recency } from './docs.js'
import { compareTied, recencyOf } from './order.js'

/**
 * tieRanks(entries) of the library after a change, from `ranks` (its entries' tie ranks before the
 * change, in the library order of then) and the fields of its records then. Undefined when they
 * cannot be carried over (see entriesNow; ranks that are not one for each entry): rank them whole.
 */
export function carriedTies(
  ranks: ArrayLike<number>,
  fields: SortFields,
  entries: readonly OutlineEntry[],
): Uint32Array | null | undefined {
  const now = entriesNow(fields, entries, {
    summary: (at, summary) => fields.summaryUpdated[at] === summary.updated,
    paper: (at, paper) => fields.paperAdded[at] === paper.added,
  })
  const byRank = now && numbersByRank(libraryNumbers(fields), ranks, now.length)
  if (!now || !byRank) return undefined
  const numberAt = new Int32Array(entries.length).fill(-1)
  now.forEach((at, number) => {
    if (at >= 0) numberAt[at] = number
  })
  const recencies = new Map<number, Recency>()
  const recency = (at: number) => recencies.get(at) ?? recencies.set(at, recencyOf(entries[at]!)).get(at)!
  // An entry not carried over with a time precis does not write: tieRanks ranks none.
  for (let at = 0; at < entries.length; at++) if (numberAt[at] === -1 && Number.isNaN(recency(at).time)) return null
  const compare = (a: number, b: number) => compareTied(recency(a), recency(b), entries[a]!.id, entries[b]!.id)
  const places = carriedPlaces(byRank.numbers, now, entries.length, compare)
  if (!places) return undefined
  const tied = (a: number, b: number) =>
    numberAt[a]! >= 0 && numberAt[b]! >= 0 ? byRank.rankOf[numberAt[a]!] === byRank.rankOf[numberAt[b]!] : compare(a, b) === 0
  const result = new Uint32Array(entries.length)
  let rank = 0
  for (let i = 0; i < places.length; i++) {
    if (i > 0 && !tied(places[i - 1]!, places[i]!)) rank++
    result[places[i]!] = rank
  }
  return result
}

/** The numbers (entriesNow's) of the entries of the library whose fields are `fields`, in library order (libraryEntries's). */
function libraryNumbers(fields: SortFields): Int32Array {
  const papers = new Set(fields.paperKeys)
  const summarised = new Set(fields.summaryPapers.filter((key) => papers.has(key)))
  const numbers: number[] = []
  fields.summaryPapers.forEach((key, at) => {
    if (papers.has(key)) numbers.push(at)
  })
  fields.paperKeys.forEach((key, at) => {
    if (!summarised.has(key)) numbers.push(fields.summaryIds.length + at)
  })
  return Int32Array.from(numbers)
}

/**
 * The entries numbered `numbers` (in library order) by their `ranks` (in the same order), ties in
 * library order, and each entry's rank by number; null when the ranks are not one whole number
 * below their count for each entry. `size`: how many numbers there are (entriesNow's).
 */
function numbersByRank(numbers: Int32Array, ranks: ArrayLike<number>, size: number): { numbers: Int32Array; rankOf: Float64Array } | null {
  const count = numbers.length
  if (ranks.length !== count) return null
  const starts = new Int32Array(count + 1)
  for (let i = 0; i < count; i++) {
    const rank = ranks[i]!
    if (!(Number.isInteger(rank) && rank >= 0 && rank < count)) return null
    starts[rank + 1] = starts[rank + 1]! + 1
  }
  for (let rank = 0; rank < count; rank++) starts[rank + 1] = starts[rank + 1]! + starts[rank]!
  const sorted = new Int32Array(count)
  const rankOf = new Float64Array(size).fill(-1)
  for (let i = 0; i < count; i++) {
    const rank = ranks[i]!
    sorted[starts[rank]!] = numbers[i]!
    starts[rank] = starts[rank]! + 1
    rankOf[numbers[i]!] = rank
  }
  return { numbers: sorted, rankOf }
}

/**
 * The orders of a library's entries after a change, carried over from the orders before it: the
 * entries that sort as they did keep their places relative to each other, and only the others are
 * placed among them, each by a binary search. A save that changes a few records compares a few
 * dozen entries instead of sorting every entry of three orders (at 10,000 summaries ~170 ms of
 * every write, most of it a comparator a fresh process runs unoptimised).
 *
 * The result is exactly the sort's (sortEntries: stable, so ties keep library order): the entries
 * carried over compare as they did, so they stay in order under the comparator; and they are
 * required to keep their library order (otherwise a tie between two of them could now fall the
 * other way), which a save always does unless it reorders the file.
 */
import type { PaperOutline, SortOrder, SummaryOutline } from './outline.js'
import { entryComparator, pairsAt, type OutlineEntry } from './entries.js'

/** The fields of a library's records that the orders (and search's tie ranks) sort by and entries are made of, copied before a change. */
export interface SortFields {
  summaryIds: readonly string[]
  summaryCreated: readonly string[]
  summaryUpdated: readonly string[]
  summaryPapers: readonly string[]
  paperKeys: readonly string[]
  paperAdded: readonly string[]
  paperYears: readonly (number | null)[]
  paperTitles: readonly string[]
}

/** The sort fields of `lib` as they are now (copies of strings and numbers: a change made to the records after does not reach them). */
export function sortFieldsOf(lib: { papers: readonly PaperOutline[]; summaries: readonly SummaryOutline[] }): SortFields {
  const { papers, summaries } = lib
  return {
    summaryIds: summaries.map((s) => s.id),
    summaryCreated: summaries.map((s) => s.created),
    summaryUpdated: summaries.map((s) => s.updated),
    summaryPapers: summaries.map((s) => s.paper),
    paperKeys: papers.map((p) => p.key),
    paperAdded: papers.map((p) => p.added),
    paperYears: papers.map((p) => p.year ?? null),
    paperTitles: papers.map((p) => p.title),
  }
}

/** A library's orders before a change: each order's [summary index or -1, paper index] pairs (entryPairs), its tie ranks, and the fields they were sorted by. */
export interface OrdersBefore {
  orders: Record<SortOrder, ArrayLike<number>>
  /** Each entry's rank among search results of equal score (tieRanks, core/search/order.ts), in library order; null when there were none. */
  ties: ArrayLike<number> | null
  fields: SortFields
}

/**
 * `entries` (libraryEntries of the library after the change, whose pairs are `pairs`) in each
 * order, carried over from `before`; null when they cannot be (a key or id named twice, the
 * entries carried over no longer in library order, an order naming an entry twice): sort them.
 */
export function carriedOrders(
  before: OrdersBefore,
  entries: readonly OutlineEntry[],
  pairs: readonly number[],
  orders: readonly SortOrder[],
): Record<SortOrder, number[]> | null {
  const { fields } = before
  const samePaper = (paper: PaperOutline, at: number) =>
    fields.paperAdded[at] === paper.added && fields.paperYears[at] === (paper.year ?? null) && fields.paperTitles[at] === paper.title
  const now = entriesNow(fields, entries, {
    summary: (at, summary, paper, paperAt) =>
      fields.summaryCreated[at] === summary.created && fields.summaryPapers[at] === summary.paper && samePaper(paper, paperAt),
    paper: (at, paper) => samePaper(paper, at),
  })
  if (!now) return null
  const carried = {} as Record<SortOrder, number[]>
  for (const order of orders) {
    // Keys read at each comparison: a few dozen of them, where taking every entry's out cost more than they do.
    const compare = entryComparator(entries, order, false)
    const places = carriedPlaces(entryNumbers(before.orders[order], fields.summaryIds.length), now, entries.length, compare)
    if (!places) return null
    carried[order] = pairsAt(pairs, places)
  }
  return carried
}

/** Whether an entry after the change sorts as the one before it did: its summary (`at` among those before, its paper at `paperAt`), or its paper alone. */
export interface SortsAsBefore {
  summary(at: number, summary: SummaryOutline, paper: PaperOutline, paperAt: number): boolean
  paper(at: number, paper: PaperOutline): boolean
}

/**
 * Where each entry before the change is among `entries`, or -1 when it is gone or sorts otherwise
 * now (`same`). Entries before are numbered as order pairs name them (entryNumbers): a summary's by
 * its index, a paper's without summary by the summaries' count plus its index. Null when a key or an
 * id is named twice, or the entries found are not in the order they were in.
 */
export function entriesNow(before: SortFields, entries: readonly OutlineEntry[], same: SortsAsBefore): Int32Array | null {
  const summaryAt = new Map(before.summaryIds.map((id, at) => [id, at]))
  const paperAt = new Map(before.paperKeys.map((key, at) => [key, at]))
  if (summaryAt.size !== before.summaryIds.length || paperAt.size !== before.paperKeys.length) return null
  const summarised = new Set(before.summaryPapers.filter((key) => paperAt.has(key)))
  const summaries = before.summaryIds.length
  const now = new Int32Array(summaries + before.paperKeys.length).fill(-1)
  for (let i = 0; i < entries.length; i++) {
    const { paper, summary } = entries[i]!
    const paperBefore = paperAt.get(paper.key)
    if (paperBefore === undefined) continue
    if (summary) {
      const at = summaryAt.get(summary.id)
      // Its paper then was the one of that key: an entry of the library before.
      if (at !== undefined && before.summaryPapers[at] === paper.key && same.summary(at, summary, paper, paperBefore)) now[at] = i
    } else if (!summarised.has(paper.key) && same.paper(paperBefore, paper)) now[summaries + paperBefore] = i
  }
  // Entries before were in library order by their numbers; those carried over must still be.
  let last = -1
  for (const at of now) {
    if (at < 0) continue
    if (at <= last) return null
    last = at
  }
  return now
}

/** The entries of order pairs ([summary index or -1, paper index]) by their numbers (entriesNow's). */
export function entryNumbers(pairs: ArrayLike<number>, summaries: number): Int32Array {
  const numbers = new Int32Array(pairs.length >> 1)
  for (let i = 0; i < numbers.length; i++) {
    const summary = pairs[2 * i]!
    numbers[i] = summary >= 0 ? summary : summaries + pairs[2 * i + 1]!
  }
  return numbers
}

/**
 * The positions of `count` entries in one order: those of `before` (the entries before the change,
 * by number, in that order) found in `now` kept in turn, the others placed among them by `compare`,
 * a tie going by position as a stable sort's does. Null when `before` names an entry twice.
 */
export function carriedPlaces(
  before: Int32Array,
  now: Int32Array,
  count: number,
  compare: (a: number, b: number) => number,
): Int32Array | null {
  const seen = new Uint8Array(count)
  const kept: number[] = []
  for (const number of before) {
    const at = now[number]
    if (at === undefined || at < 0) continue
    if (seen[at] === 1) return null
    seen[at] = 1
    kept.push(at)
  }
  const inOrder = (a: number, b: number) => compare(a, b) || a - b
  const placed: number[] = []
  for (let at = 0; at < count; at++) if (seen[at] === 0) placed.push(at)
  placed.sort(inOrder)
  const places = new Int32Array(count)
  let next = 0
  let from = 0
  for (const at of placed) {
    // The first entry kept that `at` goes before, among those not yet written.
    let low = from
    let high = kept.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (inOrder(at, kept[middle]!) < 0) high = middle
      else low = middle + 1
    }
    while (from < low) places[next++] = kept[from++]!
    places[next++] = at
  }
  while (from < kept.length) places[next++] = kept[from++]!
  return places
}

/**
 * The orders of a library's entries after a change, carried over from the orders before it: the
 * entries that sort as they did keep their places relative to each other, and only the others are
 * placed among them, each by a binary search. A save that changes a few records compares a few
 * dozen entries instead of sorting every entry of three orders (at 10,000 summaries ~65 ms of
 * every write by a profile's samples, most of it a comparator a fresh process runs unoptimised;
 * carried, ~22 ms, most of it matching the records before and after).
 *
 * The result is exactly the sort's (sortEntries: stable, so ties keep library order): the entries
 * carried over compare as they did, so they stay in order under the comparator; and they are
 * required to keep their library order (otherwise a tie between two of them could now fall the
 * other way), which a save always does unless it reorders the file.
 */
import type { PaperOutline, SortOrder, SummaryOutline } from './outline.js'
import { entryComparator, pairsAt, type OutlineEntry } from './entries.js'

/** The fields of a library's records that the orders sort by and entries are made of, copied before a change. */
export interface SortFields {
  summaryIds: readonly string[]
  summaryCreated: readonly string[]
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
    summaryPapers: summaries.map((s) => s.paper),
    paperKeys: papers.map((p) => p.key),
    paperAdded: papers.map((p) => p.added),
    paperYears: papers.map((p) => p.year ?? null),
    paperTitles: papers.map((p) => p.title),
  }
}

/** A library's orders before a change: each order's [summary index or -1, paper index] pairs (entryPairs), and the fields they were sorted by. */
export interface OrdersBefore {
  orders: Record<SortOrder, ArrayLike<number>>
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
  const now = entriesNow(before.fields, entries)
  if (!now) return null
  const carried = {} as Record<SortOrder, number[]>
  for (const order of orders) {
    // Keys read at each comparison: a few dozen of them, where taking every entry's out cost more than they do.
    const compare = entryComparator(entries, order, false)
    const places = carriedPlaces(before.orders[order], before.fields.summaryIds.length, now, entries.length, compare)
    if (!places) return null
    carried[order] = pairsAt(pairs, places)
  }
  return carried
}

/**
 * Where each entry before the change is among `entries`, or -1 when it is gone or sorts otherwise
 * now (a field an order compares changed, or its paper did). Entries before are numbered as order
 * pairs name them: a summary's by its index, a paper's without summary by the summaries' count
 * plus its index. Null when a key or an id is named twice, or the entries found are not in the
 * order they were in.
 */
function entriesNow(before: SortFields, entries: readonly OutlineEntry[]): Int32Array | null {
  const summaryAt = new Map(before.summaryIds.map((id, at) => [id, at]))
  const paperAt = new Map(before.paperKeys.map((key, at) => [key, at]))
  if (summaryAt.size !== before.summaryIds.length || paperAt.size !== before.paperKeys.length) return null
  const summarised = new Set(before.summaryPapers.filter((key) => paperAt.has(key)))
  const summaries = before.summaryIds.length
  const now = new Int32Array(summaries + before.paperKeys.length).fill(-1)
  const samePaper = (paper: PaperOutline, at: number | undefined) =>
    at !== undefined &&
    before.paperAdded[at] === paper.added &&
    before.paperYears[at] === (paper.year ?? null) &&
    before.paperTitles[at] === paper.title
  for (let i = 0; i < entries.length; i++) {
    const { paper, summary } = entries[i]!
    if (summary) {
      const at = summaryAt.get(summary.id)
      if (at === undefined || before.summaryCreated[at] !== summary.created || before.summaryPapers[at] !== summary.paper) continue
      if (samePaper(paper, paperAt.get(paper.key))) now[at] = i
    } else {
      const at = paperAt.get(paper.key)
      if (!summarised.has(paper.key) && samePaper(paper, at)) now[summaries + at!] = i
    }
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

/**
 * The positions of `count` entries in one order: those of `before` (that order's pairs) found in
 * `now` kept in turn, the others placed among them by `compare`, a tie going by position as a
 * stable sort's does. Null when `before` names an entry twice.
 */
function carriedPlaces(
  before: ArrayLike<number>,
  summaries: number,
  now: Int32Array,
  count: number,
  compare: (a: number, b: number) => number,
): Int32Array | null {
  const seen = new Uint8Array(count)
  const kept: number[] = []
  for (let i = 0; i + 1 < before.length; i += 2) {
    const summary = before[i]!
    const at = now[summary >= 0 ? summary : summaries + before[i + 1]!]
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

// The checks of what sections hold, each one loop over the values with no call or allocation per
// value where a read runs it over every record (once per process, unoptimised).
import type { LibraryStats } from '../../core/stats/stats-types.js'
import { STATS_ROWS } from './contents.js'
import { isCount, isText } from './columns.js'

/**
 * Whether `pairs` are [summary index or -1, paper index] pairs, each index one of a record (a forged
 * order lists wrong records, never missing ones). One loop of comparisons: an order holds every entry.
 */
export function areEntryPairs(pairs: Float64Array, summaries: number, papers: number): boolean {
  for (let i = 0; i < pairs.length; i += 2) {
    const summary = pairs[i]!
    const paper = pairs[i + 1]!
    // Whole numbers as `| 0` keeps them (the counts are far below 2^31): no call per value, in a loop a
    // search runs once over every entry, unoptimised.
    if (!((summary | 0) === summary && summary >= -1 && summary < summaries && (paper | 0) === paper && paper >= 0 && paper < papers))
      return false
  }
  return true
}

/** Whether every rank is a whole number below their count (two entries may share one). */
export const areRanks = (ranks: Float64Array) => ranksBelow(ranks, ranks.length)

/** Whether every rank is a whole number below `count`. */
export function ranksBelow(ranks: Float64Array, count: number): boolean {
  for (let i = 0; i < ranks.length; i++) {
    const rank = ranks[i]!
    if (!((rank | 0) === rank && rank >= 0 && rank < count)) return false // (whole as areEntryPairs checks)
  }
  return true
}

/** Whether every item of `values` passes `valid`: one loop, nothing allocated. */
export function everyItem(values: ArrayLike<unknown>, valid: (value: unknown) => boolean): boolean {
  for (let i = 0; i < values.length; i++) if (!valid(values[i])) return false
  return true
}

export const isTagRow = (row: unknown) => Array.isArray(row) && row.length === 3 && isText(row[0]) && isCount(row[1]) && isCount(row[2])
const isWhole = (value: unknown) => Number.isSafeInteger(value)
const isStatsRow = (fields: Record<string, (value: unknown) => boolean>) => (row: unknown) =>
  typeof row === 'object' && row !== null && Object.entries(fields).every(([name, valid]) => valid((row as Record<string, unknown>)[name]))
const isYearRow = isStatsRow({ year: isWhole, count: isCount })
const isNamedRow = isStatsRow({ name: isText, count: isCount })

/** Whether `value` is the statistics precis computes (core/stats/stats-types.ts), top lists of at most STATS_ROWS. */
export function isStats(value: unknown): value is LibraryStats {
  if (typeof value !== 'object' || value === null) return false
  const s = value as Record<string, unknown>
  const list = (name: string, row: (value: unknown) => boolean, most = Infinity) =>
    Array.isArray(s[name]) && (s[name] as unknown[]).length <= most && everyItem(s[name] as unknown[], row)
  return (
    ['papers', 'summaries', 'words', 'toSummarise', 'undated'].every((name) => isCount(s[name])) &&
    list('perYear', isYearRow) &&
    list('writtenPerYear', isYearRow) &&
    list('topTags', isNamedRow, STATS_ROWS) &&
    list('topVenues', isNamedRow, STATS_ROWS) &&
    list('longest', isStatsRow({ id: isText, title: isText, words: isCount }), STATS_ROWS) &&
    list('mostCited', isStatsRow({ key: isText, title: isText, citedBy: isCount }), STATS_ROWS)
  )
}

/** Whether every value is a count (isCount), in a loop over the floats with no call per value. */
export function allCounts(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!
    if (!(value >= 0 && value <= Number.MAX_SAFE_INTEGER && Math.floor(value) === value)) return false
  }
  return true
}

/**
 * Whether every value is NaN (no year) or a whole number, as the year column holds them: one loop, no
 * call per value. A year is a whole number `| 0` keeps; only another is tested with Math.floor (a call
 * per value cost ~200 ns in the loop a `year:` filter runs once, unoptimised: 2 ms at 10,000 papers).
 */
export function allYears(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!
    if (value !== value || (value | 0) === value) continue
    if (!(Math.floor(value) === value && value >= -Number.MAX_SAFE_INTEGER && value <= Number.MAX_SAFE_INTEGER)) return false
  }
  return true
}

/**
 * The order of search results: best score first; ties (every hit of a query with no words, many
 * hits of a prefix) most recently updated first, then by id.
 *
 * Ties are common enough that comparing timestamps with localeCompare was most of a keystroke in
 * browse. The timestamps precis writes (toISOString) sort as the instants they name, so they are
 * compared as numbers, read once per entry (when first tied); any other text falls back to localeCompare.
 */
import type { Entry } from '../records/entries.js'
import type { PaperOutline, SummaryOutline } from '../records/outline.js'
import type { Recency, SearchDoc } from './docs.js'
import type { Match } from './scan.js'

const CANONICAL_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

/** The entry's summary update time, or when its paper was added if it has no summary. */
export function recencyOf(entry: Pick<Entry<PaperOutline, SummaryOutline>, 'paper' | 'summary'>): Recency {
  const text = entry.summary?.updated ?? entry.paper.added
  return { text, time: CANONICAL_TIMESTAMP.test(text) ? Date.parse(text) : NaN }
}

function recency(doc: SearchDoc): Recency {
  return (doc.derived.recency ??= recencyOf(doc.entry))
}

/** Negative when `a` ranks before `b`: higher score, then newer, then smaller id (localeCompare). */
export function compareMatches(a: Match, b: Match): number {
  if (a.score !== b.score) return b.score - a.score
  return compareTied(recency(a.doc), recency(b.doc), a.doc.entry.id, b.doc.entry.id)
}

/** The order of two results of the same score: newer first, then by id (localeCompare). */
export function compareTied(x: Recency, y: Recency, xId: string, yId: string): number {
  // Different canonical instants are ordered as their texts would be; anything else by the texts.
  const newer = x.time !== y.time && !Number.isNaN(x.time - y.time) ? y.time - x.time : y.text.localeCompare(x.text)
  return newer || xId.localeCompare(yId)
}

/**
 * The `limit` best matches, best first. A list shows 50 of what may be thousands of matches, and
 * sorting them all compares each a dozen times; here most cost one comparison with the worst kept.
 * `compare` orders them (compareMatches for the scan's; the postings engine passes its own).
 */
export function bestMatches<M = Match>(matches: M[], limit: number, compare: (a: M, b: M) => number = compareMatches as never): M[] {
  if (limit < 1 || matches.length <= 2 * limit) return matches.sort(compare).slice(0, Math.max(0, limit))
  const best = matches.slice(0, limit).sort(compare)
  for (let i = limit; i < matches.length; i++) {
    const match = matches[i]!
    if (compare(match, best[limit - 1]!) >= 0) continue
    let lo = 0
    let hi = limit - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (compare(match, best[mid]!) < 0) hi = mid
      else lo = mid + 1
    }
    best.splice(lo, 0, match)
    best.pop()
  }
  return best
}

/**
 * Each entry's rank among results of equal score (compareTied: newer first, then by id), entries
 * compareTied calls equal ranked alike: ties then compare as these numbers. Null when an entry's time
 * is not one precis writes (compareTied then compares texts, which need not order as a ranking does).
 * An index keeps them, so that a search breaks its ties without decoding every entry's time and id.
 */
export function tieRanks(entries: readonly Pick<Entry<PaperOutline, SummaryOutline>, 'id' | 'paper' | 'summary'>[]): Uint32Array | null {
  const recencies = entries.map(recencyOf)
  if (recencies.some((recency) => Number.isNaN(recency.time))) return null
  const compare = (a: number, b: number) => compareTied(recencies[a]!, recencies[b]!, entries[a]!.id, entries[b]!.id)
  const newest = Array.from(entries.keys()).sort(compare)
  const ranks = new Uint32Array(entries.length)
  let rank = 0
  newest.forEach((at, i) => {
    if (i > 0 && compare(newest[i - 1]!, at) !== 0) rank++
    ranks[at] = rank
  })
  return ranks
}

/** Every doc, most recently updated first (then by id): the order of a query with no words. */
export function byRecency(docs: readonly SearchDoc[]): SearchDoc[] {
  return docs
    .map((doc) => ({ doc, tf: NO_COUNTS, offset: 0, score: 0 }))
    .sort(compareMatches)
    .map((match) => match.doc)
}

const NO_COUNTS = new Float64Array(0)

/**
 * BM25F (Robertson & Zaragoza): term frequencies of each field, weighted and length-normalised,
 * are added up before saturation, so a word in the title counts like several in the body.
 * Lengths are in characters (free to know, and proportional to words for prose).
 */
import type { CompiledQuery, ScoringTerm } from './compiled.js'
import { FIELD_NAMES, type SearchDoc } from './docs.js'
import { countTerm } from './match.js'
import type { Match } from './scan.js'
import { SEARCH_TUNING } from './tuning.js'

/** Exact-phrase occurrences weigh this much more than a single term of the same rarity. */
const PHRASE_BOOST = 1.5
/** Best-scoring matches that are looked at for the exact phrase. */
const PHRASE_CANDIDATES = 300

const FIELD_COUNT = FIELD_NAMES.length

/** Average length of each field over the library. */
export function averageFieldLengths(docs: readonly SearchDoc[]): Float64Array {
  const sums = new Float64Array(FIELD_COUNT)
  for (const doc of docs) for (let f = 0; f < FIELD_COUNT; f++) sums[f]! += doc.lengths[f]!
  return averagesOf(sums, docs.length)
}

/** Average field lengths from their sums over `count` documents. */
export function averagesOf(sums: Float64Array, count: number): Float64Array {
  return sums.map((sum) => Math.max(1, sum / Math.max(1, count)))
}

/** Inverse document frequency, never negative (BM25+ style: log(1 + ...)). */
export function inverseDocumentFrequency(df: number, total: number): number {
  return Math.log(1 + (total - df + 0.5) / (df + 0.5))
}

/**
 * The BM25F score of one term in one document: `tf` holds its per-field counts from `offset`
 * (FIELD_NAMES order), `lengths` the document's field lengths from `at`, `idf` its inverse document frequency.
 */
function termScore(lengths: ArrayLike<number>, at: number, tf: Float64Array, offset: number, idf: number, averages: Float64Array): number {
  const { fieldWeights, lengthNormalisation, k1 } = SEARCH_TUNING
  let weighted = 0
  for (let f = 0; f < FIELD_COUNT; f++) {
    const count = tf[offset + f]!
    if (count === 0) continue
    const b = lengthNormalisation[f]!
    weighted += (fieldWeights[f]! * count) / (1 - b + (b * lengths[at + f]!) / averages[f]!)
  }
  return (idf * weighted * (k1 + 1)) / (k1 + weighted)
}

/**
 * termScore of one term (its counts at `offset` among each match's `width`) added to each match's
 * score: the same sums. One loop with termScore written out: a fresh process called it for each of
 * tens of thousands of matches unoptimised.
 */
function addTermScores(
  scores: Float64Array,
  docs: ArrayLike<number>,
  lengths: ArrayLike<number>,
  tf: Float64Array,
  width: number,
  offset: number,
  idf: number,
  averages: Float64Array,
): void {
  const { fieldWeights, lengthNormalisation, k1 } = SEARCH_TUNING
  for (let i = 0; i < scores.length; i++) {
    const at = docs[i]! * FIELD_COUNT
    const counts = i * width + offset
    let weighted = 0
    for (let f = 0; f < FIELD_COUNT; f++) {
      const count = tf[counts + f]!
      if (count === 0) continue
      const b = lengthNormalisation[f]!
      weighted += (fieldWeights[f]! * count) / (1 - b + (b * lengths[at + f]!) / averages[f]!)
    }
    scores[i]! += (idf * weighted * (k1 + 1)) / (k1 + weighted)
  }
}

/**
 * Score every match: BM25F over the query's terms, document frequencies from the sample estimate
 * or the matches themselves (whichever is larger), plus a bonus where the plain words of the
 * query stand together as a phrase.
 */
export function scoreMatches(query: CompiledQuery, matches: Match[], total: number, averages: Float64Array): void {
  scoreWith(query, matches, total, averages, {
    lengths: (match) => match.doc.lengths,
    lengthsAt: () => 0,
    phrase: (phrase, match, tf) => countTerm(phrase, match.doc, tf, 0),
  })
}

/** What scoring reads of a match's document: its field lengths, and how often the phrase is in it. */
export interface ScoringReads<M> {
  /** The document's field lengths are lengths(match) from lengthsAt(match) (FIELD_NAMES order): a view of one array would be made per match. */
  lengths(match: M): ArrayLike<number>
  lengthsAt(match: M): number
  /** Count `phrase` in each of its fields into `tf`; whether it occurred at all. */
  phrase(phrase: ScoringTerm, match: M, tf: Float64Array): boolean
}

/** scoreMatches for matches of any kind of document. */
export function scoreWith<D, M extends Match<D>>(
  query: CompiledQuery<D>,
  matches: M[],
  total: number,
  averages: Float64Array,
  reads: ScoringReads<M>,
): void {
  const idfs = query.terms.map((term, t) => {
    // Every matching entry that contains the term proves it that common, whatever the sample said.
    let seen = 0
    for (const { tf, offset } of matches) {
      for (let f = offset + t * FIELD_COUNT; f < offset + (t + 1) * FIELD_COUNT; f++) {
        if (tf[f]! > 0) {
          seen++
          break
        }
      }
    }
    return inverseDocumentFrequency(Math.max(term.estimatedDf, seen), total)
  })
  for (const match of matches) {
    const lengths = reads.lengths(match)
    const at = reads.lengthsAt(match)
    for (let t = 0; t < idfs.length; t++)
      match.score += termScore(lengths, at, match.tf, match.offset + t * FIELD_COUNT, idfs[t]!, averages)
  }
  const phrase = query.phrase
  if (!phrase) return
  // The bonus reorders the leaders; looking for the phrase in every match would cost a second
  // scan of them all, for entries that could not come near the top anyway.
  const leaders = matches.length <= PHRASE_CANDIDATES ? matches : [...matches].sort((a, b) => b.score - a.score).slice(0, PHRASE_CANDIDATES)
  const counts = leaders.map((m) => {
    const tf = new Float64Array(FIELD_COUNT)
    return reads.phrase(phrase, m, tf) ? tf : null
  })
  const found = counts.filter(Boolean).length
  // No leader has the phrase: its estimate (costly for a phrase) is not needed.
  if (found === 0) return
  const idf = inverseDocumentFrequency(Math.max(phrase.estimatedDf, found), total)
  leaders.forEach((match, i) => {
    const tf = counts[i]
    if (tf) match.score += PHRASE_BOOST * termScore(reads.lengths(match), reads.lengthsAt(match), tf, 0, idf, averages)
  })
}

/**
 * The matches of a query as the postings engine counts them, without an object per match (a
 * prefix typed in browse matches most of a large library): match i is document docs[i], its term
 * counts (terms × fields) in `tf` from i × width.
 */
export interface CountedMatches {
  docs: ArrayLike<number>
  tf: Float64Array
  width: number
  /** Matches whose counts in `tf` are upper bounds, the exact ones costly to know (see Bounded). */
  bounded?: Bounded
  /** Terms every match holds, by place (a term that is a clause alone): their matches are not counted again for their idf. */
  held?: ReadonlySet<number>
  /** How many matches hold each term, by place, when already counted (partial.ts, presence): not counted again for their idf. */
  seen?: ArrayLike<number>
}

/**
 * Matches counted with upper bounds: a word that many words of different weights start (`com`),
 * more often in a field than the cap counts, is counted from the field's words in order (which of
 * them come first decides the weights counted), and most such entries could not be shown anyway.
 */
export interface Bounded {
  /** Their places among the matches, ascending. */
  matches: readonly number[]
  /** Write match `i`'s lower bounds into tf in place of the upper ones (the cap's lightest words). */
  lower(i: number): void
  /** Write match `i`'s exact counts into tf. */
  exact(i: number): void
}

/** Scores within this share of each other are not told apart when bounding (rounding can put a bound's score a little off). */
const BOUND_MARGIN = 1e-9

/**
 * scoreWith over counted matches: the same sums in the same order, so the same scores. `lengths`
 * holds every document's field lengths (document × FIELD_COUNT); `phrase` counts the phrase in a
 * document's fields into `tf` and says whether it occurred at all (`match`: the document's place among the matches).
 */
export function scoreCounted(
  query: CompiledQuery<number>,
  { docs, tf, width, bounded, held, seen: known }: CountedMatches,
  total: number,
  averages: Float64Array,
  lengths: ArrayLike<number>,
  phrase: (phrase: ScoringTerm, doc: number, tf: Float64Array, match: number) => boolean,
  /** How many of the best are shown: only the bounded matches that might be among them (or the phrase's leaders) are counted exactly. */
  shown = Infinity,
): Float64Array {
  const count = docs.length
  const scores = new Float64Array(count)
  const idfs: number[] = []
  for (let t = 0; t < query.terms.length; t++) {
    // Every matching entry that contains the term proves it that common, whatever the sample said.
    let seen = known ? known[t]! : held?.has(t) ? count : 0
    if (seen === 0 && !known)
      for (let at = t * FIELD_COUNT; at < count * width; at += width) {
        for (let f = at; f < at + FIELD_COUNT; f++) {
          if (tf[f]! > 0) {
            seen++
            break
          }
        }
      }
    const idf = inverseDocumentFrequency(Math.max(query.terms[t]!.estimatedDf, seen), total)
    idfs.push(idf)
    // Term after term, as scoreWith adds them: the same sums.
    addTermScores(scores, docs, lengths, tf, width, t * FIELD_COUNT, idf, averages)
  }
  if (bounded && bounded.matches.length > 0) {
    // Match i's score from its counts in tf now, summed as above.
    const scoreOf = (i: number) => {
      let score = 0
      for (let t = 0; t < idfs.length; t++)
        score += termScore(lengths, docs[i]! * FIELD_COUNT, tf, i * width + t * FIELD_COUNT, idfs[t]!, averages)
      return score
    }
    // At least `best` matches score at least `floor` (exact scores, and lower bounds): a bounded match
    // whose upper bound is below it is not among them, nor among the shown or the phrase's leaders.
    const best = query.phrase ? Math.max(shown, PHRASE_CANDIDATES) : shown
    let floor = -Infinity
    if (best >= 1 && best < count) {
      const lowest = Float64Array.from(scores)
      for (const i of bounded.matches) {
        bounded.lower(i)
        lowest[i] = scoreOf(i)
      }
      floor = highest(lowest, best)
    }
    for (const i of bounded.matches) {
      if (scores[i]! < floor * (1 - BOUND_MARGIN)) continue
      bounded.exact(i)
      scores[i] = scoreOf(i)
    }
  }
  if (!query.phrase) return scores
  const leaders = leadersOf(scores)
  // Looked for in document order (each leader's counts its own, whatever the order): where each word
  // is gets read forward through its lists, a leader's positions from the one before it in the same
  // run rather than from the run's first entry.
  const counts = Array.from({ length: leaders.length }, (): Float64Array | null => null)
  const inOrder = leaders.map((_, k) => k).sort((a, b) => docs[leaders[a]!]! - docs[leaders[b]!]!)
  for (const k of inOrder) {
    const counted = new Float64Array(FIELD_COUNT)
    if (phrase(query.phrase, docs[leaders[k]!]!, counted, leaders[k]!)) counts[k] = counted
  }
  const found = counts.filter(Boolean).length
  if (found === 0) return scores // as scoreWith: no estimate needed
  const idf = inverseDocumentFrequency(Math.max(query.phrase.estimatedDf, found), total)
  leaders.forEach((i, k) => {
    const counted = counts[k]
    if (counted) scores[i]! += PHRASE_BOOST * termScore(lengths, docs[i]! * FIELD_COUNT, counted, 0, idf, averages)
  })
  return scores
}

/**
 * The PHRASE_CANDIDATES best scores' places, those scoreWith looks at for the phrase (a stable
 * sort by score: of equal scores, the first ones), found without sorting every match.
 */
function leadersOf(scores: Float64Array): number[] {
  const count = scores.length
  const leaders: number[] = []
  if (count <= PHRASE_CANDIDATES) {
    for (let i = 0; i < count; i++) leaders.push(i)
    return leaders
  }
  // The leaders are among the contenders (in order; every place when a score is NaN or most are
  // tied), whose lowest score is the lowest leader's: one pass over the matches rather than three.
  const reached = contenders(scores, PHRASE_CANDIDATES)
  const among = reached.length < count ? reached : null
  let lowest = Infinity
  if (among) for (let k = 0; k < among.length; k++) lowest = Math.min(lowest, scores[among[k]!]!)
  else lowest = highest(scores, PHRASE_CANDIDATES)
  const places = among ?? reached
  // Above the lowest leader's score every match is a leader; at it, the first ones.
  for (let k = 0; k < places.length; k++) if (scores[places[k]!]! > lowest) leaders.push(places[k]!)
  for (let k = 0; k < places.length && leaders.length < PHRASE_CANDIDATES; k++) if (scores[places[k]!] === lowest) leaders.push(places[k]!)
  return leaders
}

/**
 * The places of the scores that may be among the `limit` highest: none below the limit-th highest
 * (what bestMatches then orders is a few, not every match). Every place when a score is NaN (which
 * only a damaged postings file could give): the order is then the comparison's alone.
 */
export function contenders(scores: Float64Array, limit: number): number[] {
  const all = () => Array.from(scores.keys())
  if (limit < 1 || scores.length <= 2 * limit) return all()
  // One pass, as `highest` finds the limit-th highest (a heap of the highest seen, lowest on top),
  // keeping each place whose score reached the heap's lowest when seen: the lowest only rises, so
  // every contender is among them (a few hundred of 100,000 matches), and the rest were below it.
  const heap = new Float64Array(limit)
  let size = 0
  const reached: number[] = []
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i]!
    if (Number.isNaN(score)) return all()
    if (size < limit) {
      siftUp(heap, size++, score)
      reached.push(i)
    } else if (score >= heap[0]!) {
      reached.push(i)
      if (score > heap[0]!) replaceLowest(heap, size, score)
    }
  }
  const floor = heap[0]!
  return reached.filter((i) => scores[i]! >= floor)
}

/**
 * The `k`-th highest score (counting equal ones apart; k ≤ scores.length), from a heap of the
 * highest seen, lowest on top: most scores cost one comparison with it. A NaN (which only a damaged
 * postings file could give) is ordered as sort orders it: above everything.
 */
export function highest(scores: Float64Array, k: number): number {
  const heap = new Float64Array(k)
  let size = 0
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i]!
    if (Number.isNaN(score)) return Float64Array.from(scores).sort()[scores.length - k]!
    if (size < k) siftUp(heap, size++, score)
    else if (score > heap[0]!) replaceLowest(heap, size, score)
  }
  return heap[0]!
}

/** `score` added at place `at` (the heap's size) of a heap of scores, lowest on top, moved up to its place. */
function siftUp(heap: Float64Array, at: number, score: number): void {
  while (at > 0 && heap[(at - 1) >> 1]! > score) {
    heap[at] = heap[(at - 1) >> 1]!
    at = (at - 1) >> 1
  }
  heap[at] = score
}

/** The lowest score of a heap of `size` scores, lowest on top, replaced by `score`, moved down to its place. */
function replaceLowest(heap: Float64Array, size: number, score: number): void {
  let at = 0
  for (;;) {
    let child = 2 * at + 1
    if (child >= size) break
    if (child + 1 < size && heap[child + 1]! < heap[child]!) child++
    if (heap[child]! >= score) break
    heap[at] = heap[child]!
    at = child
  }
  heap[at] = score
}

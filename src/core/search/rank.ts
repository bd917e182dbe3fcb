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
  /** Where match `i`'s counts are (terms × fields, from offsetOf(i)). */
  tf: Float64Array
  offsetOf(i: number): number
  /** Write match `i`'s lower bounds into tf in place of the upper ones (the cap's lightest words). */
  lower(i: number): void
  /** Write match `i`'s exact counts into tf. */
  exact(i: number): void
}

/** Scores within this share of each other are not told apart when bounding (rounding can put a bound's score a little off). */
const BOUND_MARGIN = 1e-9

/**
 * Each term's inverse document frequency: every matching entry that contains the term proves it
 * that common, whatever the sample said.
 */
export function idfsOf(query: CompiledQuery<number>, { docs, tf, width, held, seen: known }: CountedMatches, total: number): number[] {
  const count = docs.length
  return query.terms.map((term, t) => {
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
    return inverseDocumentFrequency(Math.max(term.estimatedDf, seen), total)
  })
}

/** What scoring reads besides the matches' counts (scoreCounted's arguments). */
export interface Scoring {
  query: CompiledQuery<number>
  /** The library's size. */
  total: number
  averages: Float64Array
  /** Every document's field lengths (document × FIELD_COUNT). */
  lengths: ArrayLike<number>
  /** Counts the phrase in a document's fields into `tf`; whether it occurred at all (`match`: the document's place among the matches). */
  phrase: (phrase: ScoringTerm, doc: number, tf: Float64Array, match: number) => boolean
  /** How many of the best are shown: only the bounded matches that might be among them (or the phrase's leaders) are counted exactly. */
  shown: number
}

/**
 * scoreWith over counted matches: the same sums in the same order, so the same scores. `lengths`
 * holds every document's field lengths (document × FIELD_COUNT); `phrase` counts the phrase in a
 * document's fields into `tf` and says whether it occurred at all (`match`: the document's place among the matches).
 */
export function scoreCounted(
  query: CompiledQuery<number>,
  found: CountedMatches,
  total: number,
  averages: Float64Array,
  lengths: ArrayLike<number>,
  phrase: Scoring['phrase'],
  shown = Infinity,
): Float64Array {
  const { docs, tf, width } = found
  const scores = new Float64Array(docs.length)
  const idfs = idfsOf(query, found, total)
  // Term after term, as scoreWith adds them: the same sums.
  for (let t = 0; t < idfs.length; t++) addTermScores(scores, docs, lengths, tf, width, t * FIELD_COUNT, idfs[t]!, averages)
  settle({ query, total, averages, lengths, phrase, shown }, docs, scores, idfs, found.bounded, null)
  return scores
}

/**
 * A term's counts where the postings engine keeps them (its FieldCounts): in field f of document d,
 * n = occurrences[d × FIELD_COUNT + f] words; where they all weigh the same (kind ≥ 0) their count
 * is sums[kind × stride + min(cap, n)], else the field's words decide (kind −1).
 */
export interface KeptCounts {
  occurrences: Uint8Array
  kind: Int8Array
  sums: Float64Array
  stride: number
  cap: number
  /** The fields it is counted in, a bit each. */
  fields: number
  /** Where words of several weights share a field: the weights, heaviest first, and how many of each are there (FieldCounts'). */
  classes: readonly number[]
  byClass: Uint16Array
}

/**
 * The count of a field where words of several weights are (kind −1 in FieldCounts), when all of them
 * are counted (no more than the cap): each weight (`classes`, heaviest first) added once for each of
 * its words there (`byClass` from `at`), one by one, as the scan adds them (the same rounding).
 */
export function countOfWeights(classes: readonly number[], byClass: Uint16Array, at: number): number {
  let total = 0
  for (let k = 0; k < classes.length; k++) for (let seen = byClass[at + k]!; seen > 0; seen--) total += classes[k]!
  return total
}

/**
 * scoreCounted for matches whose counts are read where they are kept (`kept`, by term) rather than
 * copied for every match first: one pass over the matches, scoring each, and keeping the places that
 * may be among the best (the phrase's leaders, else the shown), rather than a pass to count, one per
 * term to score and one to find the best. The same counts, added up in the same order: the same
 * scores. `seen`: how many of the matches hold each term, `held` which each holds (both null: every
 * match holds every term; a term not held adds nothing, and is not read). `mixed`
 * gives a count where words of different weights share a field (an upper bound, when `bounded` then
 * says so: see Bounded). Returns the scores, and the places that may be among the `shown` best, in
 * order (null: any may).
 */
export function scoreKept(
  scoring: Scoring,
  { docs, seen, held }: { docs: ArrayLike<number>; seen: ArrayLike<number> | null; held: HeldBits | null },
  kept: readonly KeptCounts[],
  mixed: (term: number, doc: number, field: number, match: number) => number,
  bounded: () => Bounded | undefined,
): { scores: Float64Array; best: number[] | null } {
  const { query, lengths, averages, shown } = scoring
  const known = seen ? { seen } : { held: new Set(kept.keys()) }
  const idfs = idfsOf(query, { docs, tf: NO_COUNTS, width: 0, ...known }, scoring.total)
  const count = docs.length
  const scores = new Float64Array(count)
  const k = query.phrase ? PHRASE_CANDIDATES : Math.min(shown, count)
  const reach = k >= 1 && count > 2 * k ? new Reach(k) : null
  // Matches with a count of mixed weights: fed to `reach` once their scores are settled (Bounded).
  const later: number[] = []
  addKeptScores(scores, docs, kept, held, idfs, lengths, averages, mixed, reach, later)
  const places = settle(scoring, docs, scores, idfs, bounded(), reach && { reach, later })
  if (!places || !query.phrase) return { scores, best: places }
  // The shown best are among the leaders' contenders: the bonus only raised leaders, each above every other match.
  return { scores, best: shown <= PHRASE_CANDIDATES ? contendersAmong(scores, places, shown) : null }
}

/** Which terms each match holds, a bit a term: match i's bits from i × stride, term t's in number t >>> 5. */
export interface HeldBits {
  bits: Uint32Array
  stride: number
}

/**
 * scoreKept's pass over the matches, a function of its own: the engine optimises a loop sooner, and
 * compiles it faster, in a small function (this one ran unoptimised for twice as long inside scoreKept).
 */
function addKeptScores(
  scores: Float64Array,
  docs: ArrayLike<number>,
  kept: readonly KeptCounts[],
  held: HeldBits | null,
  idfs: readonly number[],
  lengths: ArrayLike<number>,
  averages: Float64Array,
  mixed: (term: number, doc: number, field: number, match: number) => number,
  reach: Reach | null,
  later: number[],
): void {
  const { fieldWeights, lengthNormalisation, k1 } = SEARCH_TUNING
  let floor = -Infinity
  const bits = held?.bits ?? NO_BITS
  const every = held === null
  const perMatch = held?.stride ?? 0
  for (let i = 0; i < scores.length; i++) {
    const doc = docs[i]!
    const at = doc * FIELD_COUNT
    let score = 0
    let settled = true
    for (let t = 0; t < kept.length; t++) {
      if (!every && (bits[i * perMatch + (t >>> 5)]! & (1 << (t & 31))) === 0) continue
      const { occurrences, kind, sums, stride, cap, fields } = kept[t]!
      let weighted = 0
      for (let f = 0; f < FIELD_COUNT; f++) {
        const n = (fields >>> f) & 1 ? occurrences[at + f]! : 0
        if (n === 0) continue
        const given = kind[at + f]!
        let counted: number
        if (given >= 0) counted = sums[given * stride + (n < cap ? n : cap)]!
        // Words of several weights, each counted: the sum here, rather than a call out of the loop for each (a stem's words share many fields).
        else if (n <= cap) {
          const { classes, byClass } = kept[t]!
          counted = countOfWeights(classes, byClass, (at + f) * classes.length)
        } else {
          counted = mixed(t, doc, f, i)
          settled = false
        }
        const b = lengthNormalisation[f]!
        weighted += (fieldWeights[f]! * counted) / (1 - b + (b * lengths[at + f]!) / averages[f]!)
      }
      score += (idfs[t]! * weighted * (k1 + 1)) / (k1 + weighted)
    }
    scores[i] = score
    if (!reach) continue
    if (!settled) later.push(i)
    else if (!(score < floor)) floor = reach.add(i, score)
  }
}

const NO_COUNTS = new Float64Array(0)
const NO_BITS = new Uint32Array(0)

/**
 * What scoring does once each match's score from its terms is known: the bounded matches that
 * might be shown counted exactly (Bounded), then the phrase's bonus to its leaders. `reach`: the
 * places fed so far of those that may be among the leaders (or the shown), `later` the ones still
 * to feed; returns the places that may be (contenders), or null when unknown.
 */
function settle(
  { query, total, averages, lengths, phrase, shown }: Scoring,
  docs: ArrayLike<number>,
  scores: Float64Array,
  idfs: readonly number[],
  bounded: Bounded | undefined,
  reached: { reach: Reach; later: readonly number[] } | null,
): number[] | null {
  const count = docs.length
  if (bounded && bounded.matches.length > 0) {
    const { tf } = bounded
    // Match i's score from its counts in tf now, summed as above.
    const scoreOf = (i: number) => {
      let score = 0
      for (let t = 0; t < idfs.length; t++)
        score += termScore(lengths, docs[i]! * FIELD_COUNT, tf, bounded.offsetOf(i) + t * FIELD_COUNT, idfs[t]!, averages)
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
  let places: number[] | null = null
  if (reached) {
    for (const i of reached.later) reached.reach.add(i, scores[i]!)
    places = reached.reach.places(scores)
  }
  if (!query.phrase) return places
  const leaders = leadersOf(scores, places)
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
  if (found === 0) return places // as scoreWith: no estimate needed
  const idf = inverseDocumentFrequency(Math.max(query.phrase.estimatedDf, found), total)
  leaders.forEach((i, k) => {
    const counted = counts[k]
    if (counted) scores[i]! += PHRASE_BOOST * termScore(lengths, docs[i]! * FIELD_COUNT, counted, 0, idf, averages)
  })
  return places
}

/**
 * The PHRASE_CANDIDATES best scores' places, those scoreWith looks at for the phrase (a stable
 * sort by score: of equal scores, the first ones), found without sorting every match; among
 * `known`, when the contenders are known (what contenders(scores, PHRASE_CANDIDATES) gives).
 */
function leadersOf(scores: Float64Array, known: number[] | null): number[] {
  const count = scores.length
  const leaders: number[] = []
  if (count <= PHRASE_CANDIDATES) {
    for (let i = 0; i < count; i++) leaders.push(i)
    return leaders
  }
  // The leaders are among the contenders (in order; every place when a score is NaN or most are
  // tied), whose lowest score is the lowest leader's: one pass over the matches rather than three.
  const reached = known ?? contenders(scores, PHRASE_CANDIDATES)
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
  if (limit < 1 || scores.length <= 2 * limit) return Array.from(scores.keys())
  const reach = new Reach(limit)
  let floor = -Infinity
  for (let i = 0; i < scores.length; i++) if (!(scores[i]! < floor)) floor = reach.add(i, scores[i]!)
  return reach.places(scores) ?? Array.from(scores.keys())
}

/**
 * The places of scores fed one at a time (in any order) that may be among the `k` highest, as
 * `highest` finds the k-th highest (a heap of the highest seen, lowest on top): each place whose
 * score reached the heap's lowest when fed is kept; the lowest only rises, so every contender is
 * among them (a few hundred of 100,000 matches), and the rest were below it.
 */
class Reach {
  /** The k highest scores fed, lowest on top; −∞ where fewer were (each replaced as the first k come: one path from the first score on). */
  private readonly heap: Float64Array
  private readonly reached: number[] = []
  private nan = false

  constructor(k: number) {
    this.heap = new Float64Array(k).fill(-Infinity)
  }

  /**
   * Feeds place `i`; returns the heap's lowest (−∞ until k scores were fed): a score below it is not
   * one of the k highest, and add need not be called for it (most of the scores, each a call in a
   * fresh process). Returned, not kept in a field the callers read, and with every line run from the
   * first score on: the engine, optimising a caller's loop early, threw its work away when a field
   * was first written, and again when a line first ran once the heap was full.
   */
  add(i: number, score: number): number {
    const { heap } = this
    if (Number.isNaN(score)) this.nan = true
    else if (!(score < heap[0]!)) {
      if (score > heap[0]!) replaceLowest(heap, heap.length, score)
      this.reached.push(i)
    }
    return heap[0]!
  }

  /** The places fed that may be among the k highest of `scores`, in order; null when a score was NaN (every place may). */
  places(scores: Float64Array): number[] | null {
    if (this.nan) return null
    const floor = this.heap[0]!
    const places = this.reached.filter((i) => scores[i]! >= floor)
    // (Most often fed in order already: a sort of a few hundred places in order is one pass.)
    return places.sort((a, b) => a - b)
  }
}

/** The places of `places` (in order) whose scores may be among the `limit` highest of theirs (contenders). */
export function contendersAmong(scores: Float64Array, places: readonly number[], limit: number): number[] {
  const theirs = new Float64Array(places.length)
  for (let k = 0; k < places.length; k++) theirs[k] = scores[places[k]!]!
  return contenders(theirs, Math.min(limit, theirs.length)).map((k) => places[k]!)
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

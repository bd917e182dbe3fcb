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
  const needed = neededOf(slots.length)
  for (const match of matches) {
    const found = matchedSlots(match, slots).filter(Boolean).length
    const kind = kindOf(found, slots.length, needed)
    if (kind === WHOLE) whole.push(match)
    else if (kind === PARTIAL) {
      match.score *= (found / slots.length) ** SEARCH_TUNING.coordination
      partial.push(match)
    }
  }
  return { whole, partial }
}

/** What a match holding `count` of the query's `slots` plain words is (kindOf). */
const WHOLE = 2
const PARTIAL = 1

/**
 * The rule of partial matches, stated once for every engine and pass: a match holding `count` of
 * the `slots` plain words is WHOLE when it holds every one, PARTIAL when it holds at least `needed`
 * of them (neededOf), else neither (0).
 */
function kindOf(count: number, slots: number, needed: number): number {
  return count === slots ? WHOLE : count >= needed ? PARTIAL : 0
}

/** How many of `slots` plain words a partial match holds at least (minimumShouldMatch). */
const neededOf = (slots: number) => Math.max(1, Math.ceil(slots * SEARCH_TUNING.minimumShouldMatch))

/**
 * Of counted matches (rank.ts): how many hold each of the query's `terms` (`seen`, as scoreCounted
 * counts them for their idf) and how many of its plain words (`slots`) each holds (`words`), in one
 * pass over their counts (a pasted sentence in a small library has a thousand partial matches, each
 * looked at once here rather than once for each term and then again for its words).
 */
export function presence(found: CountedMatches, terms: number, slots: readonly number[]): { seen: Uint32Array; words: Uint32Array } {
  const { tf, width } = found
  const count = found.docs.length
  const plain = new Uint8Array(terms)
  for (const slot of slots) plain[slot] = 1
  const seen = new Uint32Array(terms)
  const words = new Uint32Array(count)
  for (let i = 0; i < count; i++) {
    let held = 0
    for (let t = 0; t < terms; t++) {
      const at = i * width + t * FIELD_COUNT
      for (let f = at; f < at + FIELD_COUNT; f++)
        if (tf[f]! > 0) {
          seen[t]!++
          held += plain[t]!
          break
        }
    }
    words[i] = held
  }
  return { seen, words }
}

/**
 * splitPartial over counted matches, by their places: `words` holds how many of the `slots` plain
 * words each contains (presence); the partial ones' `scores` scaled.
 */
export function splitCounted(words: ArrayLike<number>, scores: Float64Array, slots: number): { whole: number[]; partial: number[] } {
  const whole: number[] = []
  const partial: number[] = []
  const needed = neededOf(slots)
  for (let i = 0; i < words.length; i++) {
    const kind = kindOf(words[i]!, slots, needed)
    if (kind === WHOLE) whole.push(i)
    else if (kind === PARTIAL) {
      scores[i]! *= (words[i]! / slots) ** SEARCH_TUNING.coordination
      partial.push(i)
    }
  }
  return { whole, partial }
}

/**
 * splitCounted's count alone, for partial matches whose scores are not scaled (no coordination
 * factor): the places of the matches holding every plain word, and how many matches are partial.
 */
export function countSplit(words: ArrayLike<number>, slots: number): { whole: number[]; partials: number } {
  const whole: number[] = []
  const needed = neededOf(slots)
  let partials = 0
  for (let i = 0; i < words.length; i++) {
    const kind = kindOf(words[i]!, slots, needed)
    if (kind === WHOLE) whole.push(i)
    else if (kind === PARTIAL) partials++
  }
  return { whole, partials }
}

/** The partial matches (as splitCounted finds them) among `places`, in their order. */
export function partialAmong(words: ArrayLike<number>, slots: number, places: readonly number[]): number[] {
  const needed = neededOf(slots)
  return places.filter((i) => kindOf(words[i]!, slots, needed) === PARTIAL)
}

/**
 * Whether a match may hold the phrase of the query's plain words (`slots`, their terms) in one of
 * `fields`: only where each of them is (`holds(slot, field)`: whether the match holds the term in
 * the field). A pasted sentence's phrase leaders are mostly partial matches, each ruled out so rather
 * than its words read in order.
 */
export function mayHoldPlainWords(
  holds: (slot: number, field: number) => boolean,
  slots: readonly number[],
  fields: readonly number[],
): boolean {
  for (let k = 0; k < fields.length; k++) {
    let every = true
    for (let s = 0; s < slots.length && every; s++) every = holds(slots[s]!, fields[k]!)
    if (every) return true
  }
  return false
}

/** A document's FIELD_COUNT counts (bytes) read as pairs, one 16-bit number each. */
const PAIRS = (FIELD_COUNT satisfies 6) / 2

/**
 * Which of a query's terms each of a list of places (candidates, then matches) holds, a bit a term:
 * place i's bits from i × stride, term t's in number t >>> 5 (a pasted paragraph may have more than 32 words).
 */
export class HeldTerms {
  readonly stride: number
  readonly bits: Uint32Array
  /** How many places hold each term, as marked. */
  private readonly marked: Uint32Array

  constructor(
    readonly terms: number,
    places: number,
  ) {
    this.stride = Math.max(1, Math.ceil(terms / 32))
    this.bits = new Uint32Array(places * this.stride)
    this.marked = new Uint32Array(terms)
  }

  /**
   * Term `t` marked held by each candidate (document `candidates[i]`) whose counts (`occurrences`,
   * document × FIELD_COUNT) are not 0 in one of `fields`. Three reads a document rather than one a
   * field: most are 0, and a branch for each was mispredicted at every other. Once a term.
   */
  mark(t: number, occurrences: Uint8Array, fields: readonly number[], candidates: ArrayLike<number>): void {
    const pairs = new Uint16Array(occurrences.buffer, occurrences.byteOffset, occurrences.length / 2)
    // The fields' bytes within each pair, whatever the machine's byte order: written as bytes, read as pairs.
    const masks = new Uint16Array(PAIRS)
    const bytes = new Uint8Array(masks.buffer)
    for (const field of fields) bytes[field] = 0xff
    this.marked[t] = markPairs(this.bits, this.stride, t, pairs, masks[0]!, masks[1]!, masks[2]!, candidates)
  }

  /** A set of terms (by place) as bits, for some and among. */
  of(terms: readonly number[]): Uint32Array {
    const set = new Uint32Array(this.stride)
    for (const t of terms) set[t >>> 5]! |= 1 << (t & 31)
    return set
  }

  /** Whether place `i` holds a term of `set`. */
  some(i: number, set: Uint32Array): boolean {
    for (let w = 0; w < set.length; w++) if ((this.bits[i * this.stride + w]! & set[w]!) !== 0) return true
    return false
  }

  /** How many terms of `set` place `i` holds. */
  among(i: number, set: Uint32Array): number {
    let count = 0
    for (let w = 0; w < set.length; w++) count += bitCount(this.bits[i * this.stride + w]! & set[w]!)
    return count
  }

  /** Each term place `i` holds counted once less in `seen` (by term). */
  discount(i: number, seen: Uint32Array): void {
    for (let w = 0; w < this.stride; w++)
      for (let bits = this.bits[i * this.stride + w]!; bits !== 0; bits &= bits - 1) seen[w * 32 + 31 - Math.clz32(bits & -bits)]!--
  }

  /**
   * The candidates (document `candidates[c]`, place c) holding every clause: a term of
   * `clauseTerms[k]`, else `othersHold(k, document)` (its other conditions). Each is moved to its
   * place among the matches, in order: `matched` (their documents), `seen` (by term: how many of
   * them hold it), `words` (how many of `plain` each holds). A pass of its own: the engine compiles
   * a small function's loop soon enough to run it (inside holdingSome the compile of 10,000
   * candidates' loop ended after the loop, its CPU spent for nothing). Each term's count is the
   * places marked holding it less the candidates left out, most often none: no term counted a match.
   */
  keepHolding(
    candidates: ArrayLike<number>,
    clauseTerms: readonly Uint32Array[],
    othersHold: (clause: number, doc: number) => boolean,
    plain: Uint32Array,
  ): { matched: Uint32Array; seen: Uint32Array; words: Uint32Array } {
    const matched = new Uint32Array(candidates.length)
    const seen = this.marked.slice()
    const words = new Uint32Array(candidates.length)
    let count = 0
    candidates: for (let c = 0; c < candidates.length; c++) {
      const doc = candidates[c]!
      for (let k = 0; k < clauseTerms.length; k++)
        if (!this.some(c, clauseTerms[k]!) && !othersHold(k, doc)) {
          this.discount(c, seen)
          continue candidates
        }
      words[count] = this.among(c, plain)
      if (c !== count) this.move(c, count)
      matched[count++] = doc
    }
    return { matched: matched.subarray(0, count), seen, words: words.subarray(0, count) }
  }

  /** Place `from`'s bits copied to place `to` (≤ from: the candidates that match, moved to their places among the matches). */
  move(from: number, to: number): void {
    // (A loop, not copyWithin: a call of a built-in for each of 100,000 matches of a word or two.)
    for (let w = 0; w < this.stride; w++) this.bits[to * this.stride + w] = this.bits[from * this.stride + w]!
  }
}

/** HeldTerms.mark's loop, a function of its own (the engine optimises a loop in a small function sooner): how many places it marked. */
function markPairs(
  bits: Uint32Array,
  stride: number,
  t: number,
  pairs: Uint16Array,
  first: number,
  second: number,
  third: number,
  candidates: ArrayLike<number>,
): number {
  const word = t >>> 5
  const bit = 1 << (t & 31)
  let marked = 0
  for (let i = 0; i < candidates.length; i++) {
    const at = candidates[i]! * PAIRS
    if (((pairs[at]! & first) | (pairs[at + 1]! & second) | (pairs[at + 2]! & third)) !== 0) {
      bits[i * stride + word]! |= bit
      marked++
    }
  }
  return marked
}

/** The number of bits set in a 32-bit number. */
function bitCount(n: number): number {
  n = n - ((n >>> 1) & 0x55555555)
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333)
  return Math.imul((n + (n >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24
}

/**
 * The loops over the postings' word lists, of typed arrays and numbers alone (the engine optimises
 * them by their call sites): a cursor through a word's list, the fields a packed count has, marks
 * and-ed four documents at a time, and the counting of a list into a word table's counts
 * (PostingsSearch's fieldCounts), warmed before the first long list.
 */
import { FIELD_COUNT, FIELD_COUNT_MAX, fieldCount } from './postings.js'
import type { WordList } from './postings-view.js'
import type { ListPositions } from './positions.js'

/**
 * The fields (a bit each) whose count in `packed` (wordDocFields: four bits a field) is not 0: each
 * field's four bits or-ed into its lowest, then those six bits moved together. A few operations
 * rather than a loop of six (called for every entry of a phrase's word lists, in a fresh process
 * mostly before the engine optimises it).
 */
function fieldBits(packed: number): number {
  let bits = packed | (packed >>> 1)
  bits = (bits | (bits >>> 2)) & 0x111111
  bits = (bits | (bits >>> 3)) & 0x030303
  bits = (bits | (bits >>> 6)) & 0x03000f
  return (bits | (bits >>> 12)) & 0x3f
}

/** A list of documents holding a word (WordList), and the entry looked at last. */
export class WordCursor {
  readonly docs: Uint32Array
  readonly fields: Uint32Array
  readonly start: number
  readonly from: number
  readonly to: number
  readonly delta: boolean
  at = 0
  /** Where the word is in the list's documents, once asked (PostingsView.listPositions). */
  positions: ListPositions | null = null

  constructor(list: WordList) {
    this.docs = list.docs
    this.fields = list.fields
    this.start = list.start
    this.from = list.from
    this.to = list.to
    this.delta = list.delta
  }

  /**
   * Whether the list holds document `doc`, the cursor moved to it (else to where it would be): from
   * the entry looked at last when `doc` is past it (a scan asks in document order: each entry passed
   * once), by bisection otherwise.
   */
  seek(doc: number): boolean {
    if (!(doc >= this.from && doc < this.to)) return false
    const { docs } = this
    const local = doc - this.from
    let lo = 0
    let hi = docs.length
    if (this.at < docs.length && docs[this.at]! <= local) {
      // Galloping from the last entry: a few steps when the documents asked for are close.
      lo = this.at
      let step = 1
      while (lo + step < docs.length && docs[lo + step]! <= local) {
        lo += step
        step *= 2
      }
      hi = Math.min(docs.length, lo + step)
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (docs[mid]! < local) lo = mid + 1
      else hi = mid
    }
    this.at = lo
    return this.holds(doc)
  }

  /** Whether the cursor is at document `doc`. */
  holds(doc: number): boolean {
    return doc >= this.from && doc < this.to && this.at < this.docs.length && this.docs[this.at] === doc - this.from
  }
}

/**
 * `marks` and-ed with `some` (as long): four documents at a time, as 32-bit numbers over the same
 * bytes (a loop over every document ran cold in a fresh process: 100,000 of them at 100k).
 */
export function andInto(marks: Uint8Array, some: Uint8Array): void {
  const words = marks.length >>> 2
  const marked = new Uint32Array(marks.buffer, marks.byteOffset, words)
  const other = new Uint32Array(some.buffer, some.byteOffset, words)
  for (let i = 0; i < words; i++) marked[i] = marked[i]! & other[i]!
  for (let d = 4 * words; d < marks.length; d++) marks[d] = marks[d]! & some[d]!
}

/**
 * The fields (a bit each) where each document of `cursor`'s list has its word, or-ed into `bits`
 * (document × 1): of the entries with one of the follower bits `follows` only, unless it is 0.
 */
export function markFields(cursor: WordCursor, bits: Uint8Array, follows: number): void {
  const { docs, fields, from, to } = cursor
  for (let i = 0; i < docs.length; i++) {
    const doc = from + docs[i]!
    if (doc < to && (follows === 0 || (fields[i]! & follows) !== 0)) bits[doc] = bits[doc]! | fieldBits(fields[i]!)
  }
}

/**
 * Where a FieldCounts' count of occurrences stops (a byte's most): far above any cap a search counts
 * to (TF_CAP), so a count that stopped there is read as the true one would be (compared with the
 * cap, or taken up to it).
 */
const OCCURRENCES_MAX = 255

/** Mark each live document of a word list (its documents numbered from `from`), as eachDocument gives them. */
export function mark(docs: Uint32Array, from: number, positionOf: Int32Array, marked: Uint8Array): void {
  for (let i = 0; i < docs.length; i++) {
    const doc = from + docs[i]!
    if (doc < marked.length && positionOf[doc]! >= 0) marked[doc] = 1
  }
}

/**
 * Add one word list (its documents numbered from `from`, with their packed counts) to a table's
 * FieldCounts, its words weighing the `kind`-th of `classCount` weights. The hottest loop of a
 * search, over every entry holding a word: a function of typed arrays and numbers alone, which the
 * engine of a fresh process optimises within the first list (inside fieldCounts it ran unoptimised
 * at first, and again each time the tables' shapes changed).
 */
export function countList(
  docs: Uint32Array,
  fields: Uint32Array,
  from: number,
  positionOf: Int32Array,
  documents: number,
  kind: number,
  classCount: number,
  occurrences: Uint8Array,
  kinds: Int8Array,
  byClass: Uint16Array,
): void {
  if (classCount === 1) {
    // Words of one weight (most words, their plural among them): every kind is 0, the zeros `kinds`
    // starts with (the loop below would write 0 where a count begins, and find no other weight).
    for (let i = 0; i < docs.length; i++) {
      const doc = from + docs[i]!
      if (!(doc < documents && positionOf[doc]! >= 0)) continue // as below
      for (let packed = fields[i]!; packed !== 0;) {
        const f = (31 - Math.clz32(packed & -packed)) >>> 2
        if (f >= FIELD_COUNT) break
        const n = fieldCount(packed, f)
        packed &= ~(FIELD_COUNT_MAX << (4 * f))
        const at = doc * FIELD_COUNT + f
        // (Not Math.min: a call at every field in the interpreter, where a small library's lists are counted.)
        const sum = occurrences[at]! + n
        occurrences[at] = sum < OCCURRENCES_MAX ? sum : OCCURRENCES_MAX
      }
    }
    return
  }
  const classed = byClass.length > 0
  for (let i = 0; i < docs.length; i++) {
    const doc = from + docs[i]!
    if (!(doc < documents && positionOf[doc]! >= 0)) continue // dead, or beyond the library (not from a file precis wrote)
    // Only the fields the word is in (most words are in one or two): each lowest non-zero count in turn.
    for (let packed = fields[i]!; packed !== 0;) {
      const f = (31 - Math.clz32(packed & -packed)) >>> 2
      if (f >= FIELD_COUNT) break // counts of fields that do not exist (not from a file precis wrote)
      const n = fieldCount(packed, f)
      packed &= ~(FIELD_COUNT_MAX << (4 * f))
      const at = doc * FIELD_COUNT + f
      const was = kinds[at]!
      if (occurrences[at] === 0) kinds[at] = kind
      else if (was !== kind && was !== -1) {
        // Words of another weight there before: what they counted, then this one's, by weight from now on.
        kinds[at] = -1
        if (classed) byClass[at * classCount + was] = occurrences[at]!
      }
      const sum = occurrences[at]! + n
      occurrences[at] = sum < OCCURRENCES_MAX ? sum : OCCURRENCES_MAX
      // Only where words of different weights are: most fields of a prefix's many words are of one (3.6 MB at 100,000 entries, mostly untouched).
      if (classed && kinds[at] === -1) byClass[at * classCount + kind] = byClass[at * classCount + kind]! + n
    }
  }
}

let countListWarm = false

/**
 * A table whose words are in at least this many entries warms countList first (warmCountList): V8
 * optimises it within such lists. Warmed for shorter ones, it was optimised for nothing: two more
 * milliseconds of compiling for a pasted sentence at 1,000 summaries.
 */
export const WARMED_ENTRIES = 10_000

/**
 * countList run once over four made-up entries that take each of its paths (words of one weight; a
 * field where words of two weights are, with and without their counts by weight; an entry past the
 * documents; a dead one; counts of a seventh field), so that every comparison and array access of it has been seen when the
 * engine optimises it: a path first taken after that (words of another weight in a field, most
 * queries of two words or more) threw the optimised code away, and the loop went on unoptimised
 * until compiled again, three to five times over a query's lists.
 */
export function warmCountList(): void {
  if (countListWarm) return
  countListWarm = true
  const docs = Uint32Array.of(0, 1, 2, 3)
  const fields = Uint32Array.of(0x1 | (0x1 << (4 * FIELD_COUNT)), 0x11, 0x1, 0x1)
  const positionOf = Int32Array.of(0, 1, -1)
  // Four rounds: V8 gives a function somewhere to record what it sees only once it has run about
  // eight times its own size in bytecode (Node 20: --interrupt-budget-factor-for-feedback-allocation).
  for (let round = 0; round < 4; round++) {
    for (const classCount of [1, 2]) {
      const occurrences = new Uint8Array(3 * FIELD_COUNT)
      const kinds = new Int8Array(3 * FIELD_COUNT)
      const byClass = new Uint16Array(classCount > 1 ? 3 * FIELD_COUNT * classCount : 0)
      for (let kind = 0; kind < 2; kind++) countList(docs, fields, 0, positionOf, 3, kind, classCount, occurrences, kinds, byClass)
    }
  }
}

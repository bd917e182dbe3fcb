/**
 * Word tables: what each word of a query accepts, as a weight per vocabulary entry of the postings,
 * and where those words occur (their counts per entry and field, made when first asked), kept across
 * queries up to a bound in bytes.
 */
import { PREFIX_WEIGHT, type TermPattern, type WordSpec } from './pattern.js'
import { FIELD_COUNT } from './postings.js'
import type { PostingsView } from './postings-view.js'
import { countList, WARMED_ENTRIES, warmCountList } from './count-lists.js'
import { FOLLOWER_SHIFT, followerBit } from './positions.js'
import { stemOnce } from '../text/stem.js'
import { SEARCH_TUNING } from './tuning.js'

/**
 * What each query word accepts, as a weight per vocabulary entry (0: not at all; weightOf), and the
 * entries it accepts. A byte per entry names the weight (one of at most four) rather than a number of
 * eight bytes: at 100,000 summaries the vocabulary has ~420,000 entries, and a pasted sentence's
 * sixteen tables of 3.3 MB each (53 MB, most of it zeros) cost ~16 ms of CPU, three garbage
 * collections among it.
 */
export interface WordTable {
  /** The place in `weights` of each vocabulary entry's weight (0: weight 0). */
  codes: Uint8Array
  /**
   * The weights the codes name, 0 first. Typed: one kind of array for every table (an array of
   * numbers was of integers for some tables, of doubles for others, and the lookups slower for it).
   */
  weights: Float64Array
  accepted: number[]
  /**
   * The follower bits (FOLLOWER_SHIFT) its words set, one a term, for a row's place before it
   * (rowMarks): of the terms looked up, and of the words they do not give (a word as typed, a
   * prefix's completion), each stemmed from its text as the postings stem it; 0 when every bit is set
   * (or a word's text cannot be read).
   */
  follows: number
  /** Where the word occurs, from the word lists, filled when first asked (see FieldCounts); there from the start, as `spread`, so that filling them changes no table's shape. */
  counts: FieldCounts | undefined
  /** spreadOf, once asked. */
  spread: number | undefined
}

/**
 * Where the words a query word accepts occur, per entry and field (index doc × FIELD_COUNT + field):
 * how many times (each word's count saturating at FIELD_COUNT_MAX, their sum at OCCURRENCES_MAX (count-lists.ts):
 * both above any cap), and the weight they share (its place in `classes`), or -1 when words of
 * different weights are there (their order then decides which are counted, and the field's words
 * are read in order instead).
 */
export interface FieldCounts {
  /**
   * A byte, not two: a table's counts are new pages every search writes (at 100,000 entries 0.6 MB
   * rather than 1.2; a pasted sentence counts eleven words, and each page is a fault of the kernel).
   */
  occurrences: Uint8Array
  /** Every 0 for words of one weight: then one array of zeros shared by the tables (zerosOf), never written. */
  kind: Int8Array
  /**
   * The weights the word's words have, heaviest first, and how many of each are in each field of
   * kind -1 (index × classes.length + class): only those are read (a field of one weight counts `n`).
   */
  classes: number[]
  byClass: Uint16Array
}

/**
 * Word tables kept across queries (browse asks for the same words at every keystroke), the least
 * recently used let go past this many bytes: at 100,000 entries a table with its counts is ~1 MB
 * (~4 MB with counts by weight).
 */
const TABLE_BYTES = 48 * 2 ** 20

/** The bytes a word table holds (not the zeros its counts may share: zerosOf). */
function tableBytes(table: WordTable): number {
  const counts = table.counts
  const kindBytes = counts && counts.classes.length > 1 ? counts.kind.byteLength : 0
  const countBytes = counts ? counts.occurrences.byteLength + kindBytes + counts.byClass.byteLength : 0
  return table.codes.byteLength + 8 * table.accepted.length + countBytes
}

/**
 * The weight `table` gives vocabulary entry `word`: 0 for a number beyond the vocabulary (a postings
 * file precis did not write), which is no word.
 */
export function weightOf(table: WordTable, word: number): number {
  return table.weights[table.codes[word] ?? 0]!
}

/** The size of a page of memory (the kernel's, on the machines precis runs on), for FieldCounts' counts. */
const PAGE_BYTES = 4096

/** The word tables of a library's postings (PostingsSearch keeps one for its queries). */
export class WordTables {
  private readonly tables = new Map<string, WordTable>()
  private readonly patterns = new WeakMap<TermPattern, WordTable[]>()

  constructor(private readonly view: PostingsView) {}

  tablesOf(pattern: TermPattern): WordTable[] {
    let tables = this.patterns.get(pattern)
    if (!tables) {
      tables = pattern.words.map(({ spec }) => this.tableOf(spec))
      this.patterns.set(pattern, tables)
    }
    return tables
  }

  /** The table of `spec`, kept for later queries by what decides its weights. */
  tableOf(spec: WordSpec): WordTable {
    const alternatives = [...(spec.alternatives?.keys() ?? [])]
    const key = JSON.stringify([[...spec.keys], spec.exact ? [...spec.exact] : null, alternatives, spec.prefix])
    let table = this.tables.get(key)
    if (table)
      this.tables.delete(key) // set again below: the most recently used last
    else {
      table = this.wordTable(spec)
      let bytes = tableBytes(table)
      for (const kept of this.tables.values()) bytes += tableBytes(kept)
      for (const [oldest, kept] of this.tables) {
        if (bytes <= TABLE_BYTES) break
        bytes -= tableBytes(kept)
        this.tables.delete(oldest)
      }
    }
    this.tables.set(key, table)
    return table
  }

  /** The weight of each vocabulary entry as a word of `spec` (WordPattern.weigh), filled from the strongest reading down. */
  private wordTable(spec: WordSpec): WordTable {
    const { view } = this
    const codes = new Uint8Array(view.vocabulary)
    const named = [0]
    const accepted: number[] = []
    // Whether `word` was not accepted before.
    const give = (word: number, weight: number): boolean => {
      if (named[codes[word]!] !== 0) return false
      let code = named.indexOf(weight)
      if (code < 0) code = named.push(weight) - 1
      codes[word] = code
      accepted.push(word)
      return true
    }
    // The words as typed that no term looked up gives: of another term, stemmed from the word (the
    // table of every word's term, 1.6 MB at 100,000 summaries, is not read for them).
    const otherTerm = new Map<number, string>()
    for (const exact of spec.exact ?? [])
      view.exact(exact, (w) => {
        otherTerm.set(w, exact)
        give(w, 1)
      })
    const stemWeight = spec.exact ? SEARCH_TUNING.stemWeight : 1
    let bits = 0
    const withTerm = (key: string, weight: number) => {
      bits |= 1 << followerBit(key)
      view.withStem(key, (w) => {
        otherTerm.delete(w)
        give(w, weight)
      })
    }
    for (const key of spec.keys) withTerm(key, stemWeight)
    for (const key of spec.alternatives?.keys() ?? []) withTerm(key, SEARCH_TUNING.typoWeight)
    for (const word of otherTerm.values()) bits |= 1 << followerBit(stemOnce(word))
    // A prefix's completions no term gave, each stemmed from its text (until every bit is set: `com` has thousands).
    let unread = false
    if (spec.prefix !== null)
      view.withPrefix(spec.prefix, (w) => {
        if (!give(w, PREFIX_WEIGHT) || bits === 0xff) return
        const word = view.word(w)
        if (word === undefined) unread = true
        else bits |= 1 << followerBit(stemOnce(word))
      })
    const follows = unread || bits === 0xff ? 0 : bits << FOLLOWER_SHIFT
    return { codes, weights: Float64Array.from(named), accepted, follows, counts: undefined, spread: undefined }
  }

  fieldCounts(table: WordTable): FieldCounts {
    if (table.counts) return table.counts
    const { documents, positionOf } = this.view
    const occurrences = new Uint8Array(documents * FIELD_COUNT)
    // Counting reads each place before it writes it: on pages the kernel has not yet given, that is
    // two faults a page (a page of zeros to read, then its copy to write). Written once first, one:
    // where the lists are in about one entry a page or more (a common word's, at 100,000 entries
    // ~150 faults fewer a word; a rare word's lists touch few pages and are left to fault those).
    const spread = this.spreadOf(table)
    if (spread * PAGE_BYTES >= occurrences.length) occurrences.fill(0)
    // (At most four weights: whole word, stem, typo, prefix.)
    const classes = [...new Set(table.accepted.map((word) => weightOf(table, word)))].sort((a, b) => b - a)
    const kinds = classes.length > 1 ? new Int8Array(documents * FIELD_COUNT) : this.zerosOf(documents * FIELD_COUNT)
    const byClass = new Uint16Array(classes.length > 1 ? documents * FIELD_COUNT * classes.length : 0)
    // Lists long enough for the engine to optimise countList in them: warmed first (a small library's never are).
    if (spread >= WARMED_ENTRIES) warmCountList()
    for (const word of table.accepted) {
      const kind = classes.indexOf(weightOf(table, word))
      for (const { docs, fields, from } of this.view.listsOf(word))
        countList(docs, fields, from, positionOf, documents, kind, classes.length, occurrences, kinds, byClass)
    }
    table.counts = { occurrences, kind: kinds, classes, byClass }
    return table.counts
  }

  private zeros: Int8Array | null = null

  /** An array of `length` zeros, the same one each time: the kinds of every table of words of one weight. */
  private zerosOf(length: number): Int8Array {
    if (this.zeros?.length !== length) this.zeros = new Int8Array(length)
    return this.zeros
  }

  /** How many documents hold `table`'s words (counting a document once per word: a bound). */
  spreadOf(table: WordTable): number {
    table.spread ??= table.accepted.reduce((sum, word) => sum + this.view.documentsOf(word), 0)
    return table.spread
  }
}

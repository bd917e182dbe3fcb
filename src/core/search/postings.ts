/**
 * The search postings of a library: every word of every searchable field of every entry, read by
 * the tokenizer search reads queries with (text/words.ts), as numbers into one vocabulary. They are
 * what the scan would find, worked out once: the words in each field in order (counts with their
 * cap and prefixes come from them exactly as the scan reads the text), the field lengths BM25F
 * normalises by, for each word the entries holding it (the candidates of a query), and where it is
 * in each (positions.ts: words in a row, a phrase, are counted from those).
 *
 * Everything is in typed arrays and sorted string lists, so a file holds them as they are
 * (store/index/postings-format.ts) and a load allocates almost nothing.
 */
import { mayHoldCitations } from '../citations/citations.js'
import type { Entry } from '../records/entries.js'
import type { PaperOutline, SummaryOutline } from '../records/outline.js'
import { foldPlural } from '../text/plural.js'
import { stemOfSingular, stemOnce } from '../text/stem.js'
import { isWordCharBefore, nextToken } from '../text/words.js'
import { FIELD_NAMES, fieldTexts, hasFigure, hasMath } from './docs.js'
import { buildNearTable } from './near-table.js'
import { FIELD_COUNT_MAX, fieldCount, FOLLOWER_SHIFT, followerBit, PositionStarts, positionLists } from './positions.js'

export { FIELD_COUNT_MAX, fieldCount } from './positions.js'

export const FIELD_COUNT = FIELD_NAMES.length

/**
 * Each entry's field lengths in UTF-16 units (entry × FIELD_COUNT + field): whole numbers (no string
 * is 2^32 units long), held as four bytes each, and as two in a file where every one fits: a search
 * reads and checks them all, at 100,000 entries 1.2 MB rather than the 4.8 MB of doubles they were.
 */
export type FieldLengths = Uint16Array | Uint32Array

/** `features` bits. */
export const HAS_MATH = 1
export const HAS_FIGURE = 2
/** The body may hold citation markup (mayHoldCitations): without it, a summary's prose is its body as stored. */
export const MAY_CITE = 4

/**
 * A library's postings. A vocabulary entry is a word as the tokenizer reads it together with the
 * length of its spelling in the text (the same word spelled with accents or marks is another
 * entry): typo correction looks at that length, as the scan does.
 */
export interface Postings {
  /** Entries, in library order (libraryEntries). */
  count: number
  /** The vocabulary's words, sorted (code unit order), equal words by spelled length. */
  words: Texts
  /** The length of each vocabulary entry's spelling (UTF-16 units, at most 65,535). */
  spelled: Uint16Array
  /** The distinct stems of the words, sorted. */
  stems: Texts
  /** Each vocabulary entry's stem (an index into `stems`). */
  stemOf: Uint32Array
  /** The vocabulary entries of stem s are stemWords[stemStarts[s] .. stemStarts[s + 1]). */
  stemStarts: Uint32Array
  stemWords: Uint32Array
  /** The words and stems one edit from a word, by their keys (near-table.ts): bucket b's entries are nearEntries[nearStarts[b] .. nearStarts[b + 1]). */
  nearStarts: Uint32Array
  nearEntries: Uint32Array
  /** How many buckets the near table has (nearStarts.length - 1, known without reading them). */
  nearBuckets: number
  /**
   * Every field's words, entry after entry, field after field (FIELD_NAMES order). Read from a
   * file, they are loaded when first used (most searches never do); that throws
   * PostingsUnavailable when the file is no longer there as it was.
   */
  readonly tokens: Uint32Array
  /** Field f of entry d is tokens[fieldStarts[d * FIELD_COUNT + f] .. fieldStarts[d * FIELD_COUNT + f + 1]). */
  fieldStarts: Uint32Array
  /** Each field's length in UTF-16 units, entry after entry. */
  lengths: FieldLengths
  /** Each field's lengths added up over every entry, when known (a file's: kept in it, so a search does not add them up). */
  lengthSums?: Float64Array
  /** The entries holding vocabulary entry w are wordDocs[wordDocStarts[w] .. wordDocStarts[w + 1]), ascending. */
  wordDocStarts: Uint32Array
  readonly wordDocs: Uint32Array
  /**
   * For each of those entries, how often the word is in each field: 4 bits a field (fieldCount), at
   * most FIELD_COUNT_MAX; above them the bits of the words that follow it (FOLLOWER_SHIFT).
   */
  readonly wordDocFields: Uint32Array
  /**
   * wordDocs and wordDocFields from `start` to `end` only: read from a file, a search reads the lists
   * of its words and no others (the lists are most of the file after the tokens). Throws
   * PostingsUnavailable as `tokens` does.
   */
  lists?(start: number, end: number): { docs: Uint32Array; fields: Uint32Array }
  /** tokens from `start` to `end` only, read as `lists` reads (a search reads the words in order of its candidates, no others). */
  tokenRange?(start: number, end: number): Uint32Array
  /**
   * Read from a file: every block of the word lists and of the words in order read and its checksum
   * checked, none kept (reading `wordDocs` and `tokens` would hold them all); throws PostingsUnavailable as they do.
   */
  check?(): void
  /**
   * Read from a file: value `at` of a table a search looks its words up in, read a block at a time
   * (each block's checksum checked as it is first read, the value where it is used: undefined when
   * beyond the table or not one of what it indexes). Absent: the arrays themselves.
   */
  lookUp?(table: LookupTable, at: number): number | undefined
  /** Per entry: HAS_MATH, HAS_FIGURE, MAY_CITE. */
  features: Uint8Array
  /**
   * Where each word is in each entry holding it, one run of bytes per entry of the word lists, in
   * their order (positions.ts): words in a row are counted from them, not from the entries' words in order.
   */
  readonly positions: Uint8Array
  /** Where every POSITIONS_SKIP-th entry's positions start, then their end (positions.ts). */
  positionStarts: Uint32Array
  /** positions from `start` to `end` only (read from a file, those of the entries a search looks at); throws PostingsUnavailable as `tokens` does. */
  positionRange?(start: number, end: number): Uint8Array
}

/** The tables a search looks its words up in (Postings.lookUp). */
export type LookupTable = 'stemStarts' | 'stemWords' | 'wordDocStarts' | 'positionStarts' | 'nearStarts' | 'nearEntries' | 'spelled'

const MAX_SPELLED = 0xffff

/** A list of texts: an array, or (read from a file) one text with where each ends, cut when asked for. */
export interface Texts {
  readonly length: number
  at(index: number): string | undefined
  /**
   * The texts made ready to be read by the thousand (typo correction): from a file, read whole and
   * checked at once, then each cut from memory rather than a block at a time. Absent: read as they are.
   */
  whole?(): Texts
}

/** `texts` one after another in one string, and where each ends (UTF-16 units). */
export function joinedText(texts: Texts): { text: string; ends: Uint32Array } {
  const parts: string[] = []
  const ends = new Uint32Array(texts.length)
  let end = 0
  for (let i = 0; i < texts.length; i++) {
    const text = texts.at(i)!
    parts.push(text)
    end += text.length
    ends[i] = end
  }
  return { text: parts.join(''), ends }
}

/** The postings' words are no longer readable where they were (their file changed or was damaged): search another way. */
export class PostingsUnavailable extends Error {}

/** A list of numbers that grows, kept in one typed array (no per-item allocation). */
class Numbers {
  private items = new Uint32Array(1024)
  length = 0

  /** `room`: how many it grows to hold before it grows past (doubling then), so that a list cleared at about that many never doubles. */
  constructor(private readonly room = Infinity) {}

  push(value: number): void {
    if (this.length === this.items.length) {
      const size = this.items.length
      const grown = new Uint32Array(size < this.room ? Math.min(2 * size, this.room) : 2 * size)
      grown.set(this.items)
      this.items = grown
    }
    this.items[this.length++] = value
  }

  /** The numbers pushed: a view of the array they are in (no copy of what may be hundreds of megabytes). */
  done(): Uint32Array {
    return this.items.subarray(0, this.length)
  }

  /** None pushed any more, the room kept (a segmented build fills it again). */
  clear(): void {
    this.length = 0
  }
}

/**
 * The vocabulary met while building, numbered as met. Plain ASCII words, nearly every word, are
 * looked up by their letters without making a string for them (a hash of the lowercased letters,
 * compared letter by letter): building the postings of 10,000 summaries reads millions of words,
 * and a string per word was most of the time.
 */
class Vocabulary {
  readonly words: string[] = []
  readonly spelled: number[] = []
  private readonly ids = new Map<string, number>()
  private table = new Int32Array(1 << 16).fill(-1)
  private hashes: number[] = []

  /** The number of the word read from a token (any word, with the length of its spelling). */
  of(word: string, spelled: number): number {
    const key = spelled === word.length ? word : `${word}\u0000${spelled}`
    let id = this.ids.get(key)
    if (id === undefined) id = this.add(key, word, spelled)
    return id
  }

  /** The number of the plain ASCII word text[start, end), lowercased. */
  ascii(text: string, start: number, end: number, hash: number): number {
    const mask = this.table.length - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = this.table[slot]!
      if (id < 0) break
      if (this.hashes[id] === hash && this.sameAscii(this.words[id]!, text, start, end)) return id
    }
    return this.of(text.slice(start, end).toLowerCase(), end - start)
  }

  private sameAscii(word: string, text: string, start: number, end: number): boolean {
    if (word.length !== end - start) return false
    for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== lowerAscii(text.charCodeAt(start + i))) return false
    return true
  }

  private add(key: string, word: string, spelled: number): number {
    const id = this.words.length
    this.ids.set(key, id)
    this.words.push(word)
    this.spelled.push(spelled)
    // Only plain ASCII words spelled as they read go in the table (what `ascii` looks up).
    const hash = spelled === word.length && isPlainAscii(word) ? asciiHash(word, 0, word.length) : -1
    this.hashes.push(hash)
    if (hash >= 0) {
      if (2 * this.words.length > this.table.length) this.grow()
      this.place(id, hash)
    }
    return id
  }

  private place(id: number, hash: number): void {
    const mask = this.table.length - 1
    let slot = hash & mask
    while (this.table[slot]! >= 0) slot = (slot + 1) & mask
    this.table[slot] = id
  }

  private grow(): void {
    this.table = new Int32Array(this.table.length * 2).fill(-1)
    this.hashes.forEach((hash, id) => hash >= 0 && this.place(id, hash))
  }
}

const lowerAscii = (code: number) => (code >= 65 && code <= 90 ? code + 32 : code)
const isAsciiWordCode = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)
const isPlainAscii = (word: string) => /^[a-z0-9]+$/.test(word)
const BACKSLASH = 92

function asciiHash(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ lowerAscii(text.charCodeAt(i)), 0x01000193)
  return finish(hash)
}

/** The hash's bits mixed down (FNV-1a's low bits, which pick the slot, depend little on the last letters), never negative (-1 marks an empty slot). */
function finish(hash: number): number {
  hash = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b)
  return (hash ^ (hash >>> 16)) >>> 1
}

/**
 * Every word of `text` in order, as tokenize (text/words.ts) reads them, each given to `add` as
 * its vocabulary number. A run of ASCII letters and digits between ASCII separators is read here;
 * anything else (a backslash, a character beyond ASCII, a run right after a word) is left to
 * nextToken itself, from the same place, so the words are the same by construction.
 */
function readWords(text: string, vocabulary: Vocabulary, add: (id: number) => void): void {
  const n = text.length
  let i = 0
  while (i < n) {
    const code = text.charCodeAt(i)
    if (code < 128 && code !== BACKSLASH && !isAsciiWordCode(code)) {
      i++
      continue
    }
    if (code < 128 && code !== BACKSLASH && !(i > 0 && isWordCharBefore(text, i))) {
      let hash = 0x811c9dc5
      let j = i
      for (let c = code; j < n && isAsciiWordCode(c); c = text.charCodeAt(++j)) hash = Math.imul(hash ^ lowerAscii(c), 0x01000193)
      if (j >= n || text.charCodeAt(j) < 128) {
        add(vocabulary.ascii(text, i, j, finish(hash)))
        i = j
        continue
      }
    }
    const token = nextToken(text, i)
    if (!token) return
    add(vocabulary.of(token.word, Math.min(MAX_SPELLED, token.end - token.start)))
    i = token.end
  }
}

/** The postings of `entries` (whole records: bodies and abstracts are read); `known`: the words of some of their fields, known already. */
export function buildPostings(entries: readonly Entry[], known?: (entry: Entry) => KnownWords | undefined): Postings {
  const builder = new PostingsBuilder(entries.length)
  for (const entry of entries) builder.add(entry, known?.(entry))
  return builder.done()
}

/**
 * The words of field `field` of an entry whose text is `text`, when another document already holds
 * that field with that text (a save's delta, for the entries it held: postings-delta.ts): each told
 * to `add` in order, as readWords reads them, and true; else false, none told (the text is read).
 */
export type KnownWords = (field: number, text: string, add: (word: string, spelled: number) => void) => boolean

/**
 * Postings built an entry at a time, in library order: what buildPostings makes of the entries
 * added, without holding them all (a library read record by record lets each body go once read).
 */
export class PostingsBuilder {
  private vocabulary = new Vocabulary()
  private tokens: Numbers
  /** Words in order already taken out in segments (takeSegment): `tokens` holds those after them. */
  private taken = 0
  /** The first entry whose words are still in `tokens`. */
  private firstKept = 0
  private count = 0
  private fieldStarts: Uint32Array
  private lengths: Uint32Array
  private features: Uint8Array
  private readonly push = (id: number) => this.tokens.push(id)
  private readonly pushWord = (word: string, spelled: number) => this.tokens.push(this.vocabulary.of(word, spelled))

  /**
   * `expected`: how many entries will be added, if known (room is made for more as they come);
   * `room`: how many words in order are held at most before a segment is taken out, if any.
   */
  constructor(expected = 1024, room?: number) {
    this.tokens = new Numbers(room)
    this.fieldStarts = new Uint32Array(expected * FIELD_COUNT + 1)
    this.lengths = new Uint32Array(expected * FIELD_COUNT)
    this.features = new Uint8Array(expected)
  }

  /** Take the library's next entry: the words of its fields `known` tells are taken as told, the others read from its texts. */
  add(entry: Entry, known?: KnownWords): void {
    const doc = this.count++
    if (doc === this.features.length) this.grow()
    const texts = fieldTexts(entry)
    for (let f = 0; f < FIELD_COUNT; f++) {
      const text = texts[f]!
      this.fieldStarts[doc * FIELD_COUNT + f] = this.taken + this.tokens.length
      this.lengths[doc * FIELD_COUNT + f] = text.length
      if (!known?.(f, text, this.pushWord)) readWords(text, this.vocabulary, this.push)
    }
    const body = texts[FIELD_COUNT - 1]!
    this.features[doc] = (hasMath(body) ? HAS_MATH : 0) | (hasFigure(body) ? HAS_FIGURE : 0) | (mayHoldCitations(body) ? MAY_CITE : 0)
  }

  /** The postings of the entries added (none taken out in segments). */
  done(): Postings {
    if (this.taken > 0) throw new Error('postings taken out in segments are assembled by merging them')
    const { count, fieldStarts, lengths, features } = this.entries()
    const { words, spelled } = this.vocabulary
    return assemble(count, words, spelled, this.tokens.done(), fieldStarts, lengths, features)
  }

  /** Words in order held since the last segment was taken out. */
  get held(): number {
    return this.tokens.length
  }

  /**
   * The words in order of the entries added since the last segment (numbered as met), taken out: a
   * build that writes them out holds no more than a segment of them. Valid until the next `add`.
   */
  takeSegment(): TokenSegment {
    const { firstKept, count, taken } = this
    const fieldStarts = this.fieldStarts.slice(firstKept * FIELD_COUNT, count * FIELD_COUNT + 1)
    fieldStarts[fieldStarts.length - 1] = taken + this.tokens.length
    for (let i = 0; i < fieldStarts.length; i++) fieldStarts[i]! -= taken
    const tokens = this.tokens.done()
    this.taken += tokens.length
    this.firstKept = count
    this.tokens.clear()
    return { firstDoc: firstKept, count: count - firstKept, tokens, fieldStarts }
  }

  /** The words met (numbered as met): a segmented build's vocabulary. */
  met(): { words: readonly string[]; spelled: readonly number[] } {
    return this.vocabulary
  }

  /**
   * For a segmented build once every segment is taken out: the words met and what is kept of every
   * entry (`entries`); nothing is added after, and the room the words in order and the look-up of
   * the words took is let go (the vocabulary is then sorted, stemmed and merged).
   */
  finish(): { words: readonly string[]; spelled: readonly number[] } & ReturnType<PostingsBuilder['entries']> {
    const entries = this.entries()
    const { words, spelled } = this.vocabulary
    this.tokens = new Numbers()
    this.vocabulary = new Vocabulary()
    return { words, spelled, ...entries }
  }

  /** What is kept of every entry added: where its fields start among all words in order, their lengths, its features. */
  entries(): { count: number; fieldStarts: Uint32Array; lengths: Uint32Array; features: Uint8Array } {
    const { count } = this
    const fieldStarts = this.fieldStarts.slice(0, count * FIELD_COUNT + 1)
    fieldStarts[count * FIELD_COUNT] = this.taken + this.tokens.length
    return { count, fieldStarts, lengths: this.lengths.slice(0, count * FIELD_COUNT), features: this.features.slice(0, count) }
  }

  private grow(): void {
    const more = Math.max(1024, this.features.length)
    const fieldStarts = new Uint32Array((this.features.length + more) * FIELD_COUNT + 1)
    fieldStarts.set(this.fieldStarts)
    const lengths = new Uint32Array((this.features.length + more) * FIELD_COUNT)
    lengths.set(this.lengths)
    const features = new Uint8Array(this.features.length + more)
    features.set(this.features)
    this.fieldStarts = fieldStarts
    this.lengths = lengths
    this.features = features
  }
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** The words in order of a run of entries, numbered as the builder met the words (PostingsBuilder.takeSegment). */
export interface TokenSegment {
  /** Its first entry's number in the library. */
  firstDoc: number
  count: number
  tokens: Uint32Array
  /** Field f of its entry d is tokens[fieldStarts[d * FIELD_COUNT + f] .. fieldStarts[d * FIELD_COUNT + f + 1]). */
  fieldStarts: Uint32Array
}

/** The vocabulary of the words met (any order, numbered as met): sorted, each word's new number, and the stems. */
export type VocabularyTables = Pick<
  Postings,
  'words' | 'spelled' | 'stems' | 'stemOf' | 'stemStarts' | 'stemWords' | 'nearStarts' | 'nearEntries' | 'nearBuckets'
> & {
  /** The number in `words` of each word met. */
  renumbered: Uint32Array
}

/** The order postings number their words in: by text (code units), equal texts by spelled length. */
function vocabularyOrder(metWords: readonly string[], metSpelled: readonly number[], met: number[]): number[] {
  return met.sort((a, b) => compareText(metWords[a]!, metWords[b]!) || metSpelled[a]! - metSpelled[b]!)
}

/** The vocabulary's tables (VocabularyTables), as the whole build and a segmented one both make them. */
export function vocabularyTables(metWords: readonly string[], metSpelled: readonly number[]): VocabularyTables {
  const order = vocabularyOrder(
    metWords,
    metSpelled,
    Array.from(metWords, (_, i) => i),
  )
  const renumbered = new Uint32Array(order.length)
  order.forEach((met, id) => (renumbered[met] = id))
  const words = order.map((met) => metWords[met]!)
  const spelled = Uint16Array.from(order, (met) => metSpelled[met]!)

  // Stems: each distinct word stemmed once; numbered in their order by sorting the words by stem
  // (no set or map of the stems: at 100,000 summaries they were a hundred megabytes of garbage).
  // A word's singular kept where it is not its stem's text (nearTable's keys).
  const stemTexts: string[] = []
  const singulars: (string | undefined)[] = []
  let last: string | undefined
  for (const word of words) {
    if (word !== last) {
      const singular = foldPlural(word)
      const stem = stemOfSingular(singular)
      stemTexts.push(stem)
      singulars.push(singular === stem ? undefined : singular)
    } else {
      stemTexts.push(stemTexts.at(-1)!)
      singulars.push(singulars.at(-1))
    }
    last = word
  }
  const byStem = Array.from(stemTexts, (_, i) => i).sort((a, b) => compareText(stemTexts[a]!, stemTexts[b]!))
  const stems: string[] = []
  const stemOf = new Uint32Array(stemTexts.length)
  for (const word of byStem) {
    const stem = stemTexts[word]!
    if (stem !== stems.at(-1)) stems.push(stem)
    stemOf[word] = stems.length - 1
  }
  const { starts: stemStarts, items: stemWords } = groups(stems.length, (add) => stemOf.forEach((stem, word) => add(stem, word)))
  const near = buildNearTable(singulars, stems)
  return {
    renumbered,
    words,
    spelled,
    stems,
    stemOf,
    stemStarts,
    stemWords,
    nearStarts: near.starts,
    nearEntries: near.entries,
    nearBuckets: near.starts.length - 1,
  }
}

/**
 * Postings from the words met (any order, numbered as met) and each entry's fields' words in those
 * numbers: the vocabulary sorted and renumbered, stemmed, and each word's entry lists made.
 * `metTokens` is renumbered in place and becomes the postings' tokens.
 */
export function assemble(
  count: number,
  metWords: readonly string[],
  metSpelled: readonly number[],
  metTokens: Uint32Array,
  fieldStarts: Uint32Array,
  lengths: FieldLengths,
  features: Uint8Array,
): Postings {
  const { renumbered, ...vocabulary } = vocabularyTables(metWords, metSpelled)
  // Renumbered in place: the tokens are most of the postings' memory, and no caller uses them after.
  const tokens = metTokens
  for (let t = 0; t < tokens.length; t++) tokens[t] = renumbered[tokens[t]!]!
  const { stems, stemOf } = vocabulary
  const stemBits = Uint8Array.from({ length: stems.length }, (_, s) => followerBit(stems.at(s)!))
  const lists = wordLists(
    count,
    Uint8Array.from(stemOf, (s) => stemBits[s]!),
    tokens,
    fieldStarts,
  )
  const { bytes: positions } = positionLists(count, vocabulary.words.length, tokens, fieldStarts)
  const starts = new PositionStarts()
  starts.add(positions, lists.fields)
  return {
    count,
    ...vocabulary,
    tokens,
    fieldStarts,
    lengths,
    wordDocStarts: lists.starts,
    wordDocs: lists.docs,
    wordDocFields: lists.fields,
    features,
    positions,
    positionStarts: starts.done(),
  }
}

/** Room for `n` entries of word lists and their counts: fresh arrays, or views of arrays a caller reuses. */
export type ListRoom = (n: number) => { docs: Uint32Array; fields: Uint32Array }

const freshLists: ListRoom = (n) => ({ docs: new Uint32Array(n), fields: new Uint32Array(n) })

/**
 * A segment's word lists (the entries holding each word, and its counts in their fields), its words
 * in the order postings number them (by text, then spelled length): the lists of the same word in
 * segments one after another are that word's list in the postings, so segments merge word by word.
 * The segment's tokens are renumbered in place (the caller has written them out). `room`: where the
 * lists are made (a segmented build reuses one pair of arrays, written out before the next segment).
 * `known`: each met word's follower bit (its term's), filled as met: kept across segments, each word is stemmed once.
 */
export function segmentLists(
  segment: TokenSegment,
  metWords: readonly string[],
  metSpelled: readonly number[],
  room: ListRoom = freshLists,
  known: number[] = [],
): { words: Uint32Array; sizes: Uint32Array; docs: Uint32Array; fields: Uint32Array } {
  const { tokens } = segment
  const local = new Int32Array(metWords.length).fill(-1)
  const present: number[] = []
  for (let t = 0; t < tokens.length; t++) {
    const met = tokens[t]!
    if (local[met] === -1) {
      local[met] = 0
      present.push(met)
    }
  }
  const words = Uint32Array.from(vocabularyOrder(metWords, metSpelled, present))
  words.forEach((met, i) => (local[met] = i))
  for (let t = 0; t < tokens.length; t++) tokens[t] = local[tokens[t]!]!
  const followers = Uint8Array.from(words, (met) => (known[met] ??= followerBit(stemOnce(metWords[met]!))))
  const lists = wordLists(segment.count, followers, tokens, segment.fieldStarts, segment.firstDoc, room)
  const sizes = new Uint32Array(words.length)
  for (let i = 0; i < words.length; i++) sizes[i] = lists.starts[i + 1]! - lists.starts[i]!
  return { words, sizes, docs: lists.docs, fields: lists.fields }
}

function withOneMore(packed: number, field: number): number {
  return fieldCount(packed, field) < FIELD_COUNT_MAX ? packed + (1 << (4 * field)) : packed
}

/**
 * For each word, the entries holding it (ascending) and how often it is in each of their fields,
 * with the follower bits (FOLLOWER_SHIFT) of the words after it there (`followers`: each word's bit, its term's).
 */
function wordLists(count: number, followers: Uint8Array, tokens: Uint32Array, fieldStarts: Uint32Array, firstDoc = 0, room = freshLists) {
  const vocabulary = followers.length
  const starts = new Uint32Array(vocabulary + 1)
  const seenIn = new Int32Array(vocabulary).fill(-1)
  for (let doc = 0; doc < count; doc++) {
    for (let t = fieldStarts[doc * FIELD_COUNT]!; t < fieldStarts[(doc + 1) * FIELD_COUNT]!; t++) {
      const word = tokens[t]!
      if (seenIn[word] === doc) continue
      seenIn[word] = doc
      starts[word + 1]!++
    }
  }
  for (let w = 0; w < vocabulary; w++) starts[w + 1]! += starts[w]!
  const { docs, fields } = room(starts[vocabulary]!)
  const next = starts.slice(0, vocabulary)
  // Signed: with the top follower bit set the counts stay 32-bit integers (a Uint32Array's read back as doubles, slower).
  const packed = new Int32Array(vocabulary)
  const touched = new Uint32Array(vocabulary)
  for (let doc = 0; doc < count; doc++) {
    let touches = 0
    for (let f = 0; f < FIELD_COUNT; f++) {
      const end = fieldStarts[doc * FIELD_COUNT + f + 1]!
      for (let t = fieldStarts[doc * FIELD_COUNT + f]!; t < end; t++) {
        const word = tokens[t]!
        if (packed[word] === 0) touched[touches++] = word
        packed[word] = withOneMore(packed[word]!, f)
        if (t + 1 < end) packed[word] |= 1 << (FOLLOWER_SHIFT + followers[tokens[t + 1]!]!)
      }
    }
    for (let i = 0; i < touches; i++) {
      const word = touched[i]!
      const at = next[word]!++
      docs[at] = firstDoc + doc
      fields[at] = packed[word]!
      packed[word] = 0
    }
  }
  return { starts, docs, fields }
}

/**
 * Items grouped by key, in the order `each` gives them (twice: once to count, once to place):
 * group k is items[starts[k] .. starts[k + 1]).
 */
function groups(keys: number, each: (add: (key: number, item: number) => void) => void): { starts: Uint32Array; items: Uint32Array } {
  const starts = new Uint32Array(keys + 1)
  each((key) => starts[key + 1]!++)
  for (let k = 0; k < keys; k++) starts[k + 1]! += starts[k]!
  const items = new Uint32Array(starts[keys]!)
  const next = starts.slice(0, keys)
  each((key, item) => (items[next[key]!++] = item))
  return { starts, items }
}

/** The first index of sorted `list` whose item is not below `value`. */
export function lowerBoundText(list: Texts, value: string): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (list.at(mid)! < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** An entry of the outline, as the postings engine filters and orders by it. */
export type PostedEntry = Entry<PaperOutline, SummaryOutline>

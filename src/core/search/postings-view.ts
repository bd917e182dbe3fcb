/**
 * A library's postings as the postings engine reads them: one set built whole (the base), or the
 * base and a small delta a save made for the entries it changed (postings-delta.ts). Documents are
 * numbered base first, then delta: a base document whose entry a save replaced or removed is dead
 * (no entry holds it) and is never a candidate, and the statistics BM25F needs (the entry count,
 * the average field lengths, the sampled document frequencies) are taken over the live documents
 * in library order, so a search scores exactly as over postings built from the library afresh.
 */
import { ListPositions, type PositionSource } from './positions.js'
import { FIELD_COUNT, lowerBoundText, type FieldLengths, type LookupTable, type Postings, type Texts } from './postings.js'
import { nearCandidates } from './near-table.js'

/** The postings of the entries saves changed since the base was built, and where every entry's document is. */
export interface PostingsDelta {
  /** The changed entries' postings (their own vocabulary, documents numbered from 0). */
  postings: Postings
  /** Each entry of the library, in order: its document, a base one (below base.count) or base.count + a delta one. */
  order: Uint32Array
}

/** Bytes of word lists read from a file kept for later queries (a common word's at 100,000 entries: ~0.5 MB). */
const LISTS_BYTES = 48 * 2 ** 20

/** Entries of the vocabulary or the stems kept decoded (a few hundred kilobytes of short strings). */
const PROBES_KEPT = 20_000

/**
 * Texts whose entries once asked for are kept: each lookup's binary search passes through the same
 * entries in the middle, and texts read from a file decode each entry asked for (`related` looks up
 * the words of a few hundred terms).
 */
class ProbedTexts implements Texts {
  private readonly seen = new Map<number, string | undefined>()

  constructor(private readonly texts: Texts) {}

  get length(): number {
    return this.texts.length
  }

  at(index: number): string | undefined {
    if (this.seen.has(index)) return this.seen.get(index)
    if (this.seen.size >= PROBES_KEPT) this.seen.clear()
    const text = this.texts.at(index)
    this.seen.set(index, text)
    return text
  }
}

/**
 * A word's list of the documents holding it in the base or the delta (`delta`): their numbers
 * there, each plus `from` (below `to`) in the view, with the packed counts of each, and where the
 * list starts among all of that postings' lists (listPositions).
 */
export interface WordList {
  docs: Uint32Array
  fields: Uint32Array
  start: number
  from: number
  to: number
  delta: boolean
}

/** A word's list of the entries holding it, and where it starts among every word's. */
interface BaseList {
  docs: Uint32Array
  fields: Uint32Array
  start: number
}

/** A vocabulary entry of the delta the base lacks. */
interface ExtraWord {
  word: string
  spelled: number
  stem: string
}

export class PostingsView {
  /** Entries of the library. */
  readonly count: number
  /** Documents: the base's, then the delta's. */
  readonly documents: number
  /** Each entry's document, in library order. */
  readonly order: Uint32Array
  /** Each document's entry (its place in library order), -1 when none holds it. */
  readonly positionOf: Int32Array
  /** Each document's field lengths (document × FIELD_COUNT + field). */
  readonly lengths: FieldLengths
  /** Each field's lengths added up over the live documents, when the base knows them and there is no delta (every document is then live). */
  readonly lengthSums: Float64Array | null
  /** Each document's features (HAS_MATH, HAS_FIGURE, MAY_CITE). */
  readonly features: Uint8Array
  /** Vocabulary entries: the base's, then the delta's words the base lacks. */
  readonly vocabulary: number

  private readonly baseCount: number
  private readonly baseWords: number
  /** The base's vocabulary and stems, as looked up. */
  private readonly words: Texts
  private readonly stems: Texts
  private readonly extras: ExtraWord[] = []
  /** For each vocabulary entry, the delta's number for it, or -1. */
  private readonly deltaWord: Int32Array
  private readonly deltaTokens: Uint32Array
  /** The delta's word lists, read whole as the view is made (small; read later, its file may have been replaced). */
  private readonly deltaDocs: Uint32Array
  private readonly deltaFields: Uint32Array
  private readonly deltaPositionBytes: Uint8Array
  private readonly deltaPositionStarts: Uint32Array

  constructor(
    readonly base: Postings,
    readonly delta: PostingsDelta | null = null,
  ) {
    this.baseCount = base.count
    this.baseWords = base.words.length
    this.words = new ProbedTexts(base.words)
    this.stems = new ProbedTexts(base.stems)
    if (!delta) {
      this.count = base.count
      this.documents = base.count
      // Counted into a local array and copied whole: a loop storing into this.order and this.positionOf ran unoptimised in a fresh process (~3 ms at 100,000 entries).
      const order = new Uint32Array(base.count)
      for (let i = 0; i < order.length; i++) order[i] = i
      this.order = order
      this.positionOf = new Int32Array(base.count)
      this.positionOf.set(order)
      this.lengths = base.lengths
      this.lengthSums = base.lengthSums ?? null
      this.features = base.features
      this.vocabulary = this.baseWords
      this.deltaWord = new Int32Array(0)
      this.deltaTokens = this.deltaDocs = this.deltaFields = this.deltaPositionStarts = new Uint32Array(0)
      this.deltaPositionBytes = new Uint8Array(0)
      return
    }
    const added = delta.postings
    this.count = delta.order.length
    this.documents = base.count + added.count
    this.order = delta.order
    this.positionOf = new Int32Array(this.documents).fill(-1)
    delta.order.forEach((doc, position) => {
      if (doc < this.documents) this.positionOf[doc] = position
    })
    const lengths = new Uint32Array(this.documents * FIELD_COUNT)
    lengths.set(base.lengths)
    lengths.set(added.lengths, base.count * FIELD_COUNT)
    this.lengths = lengths
    this.lengthSums = null
    this.features = new Uint8Array(this.documents)
    this.features.set(base.features)
    this.features.set(added.features, base.count)
    // The delta's words: the base's number when the base has the word (spelled alike), else a new one after the base's.
    const combined = new Uint32Array(added.words.length)
    for (let w = 0; w < added.words.length; w++) {
      const word = added.words.at(w)!
      const spelled = added.spelled[w]!
      let at = lowerBoundText(this.words, word)
      while (this.words.at(at) === word && base.spelled[at]! < spelled) at++
      if (this.words.at(at) === word && base.spelled[at] === spelled) combined[w] = at
      else {
        combined[w] = this.baseWords + this.extras.length
        this.extras.push({ word, spelled, stem: added.stems.at(added.stemOf[w]!) ?? '' })
      }
    }
    this.vocabulary = this.baseWords + this.extras.length
    this.deltaWord = new Int32Array(this.vocabulary).fill(-1)
    combined.forEach((word, w) => (this.deltaWord[word] = w))
    this.deltaTokens = added.tokens.map((w) => combined[w] ?? this.vocabulary)
    this.deltaDocs = added.wordDocs
    this.deltaFields = added.wordDocFields
    this.deltaPositionBytes = added.positions
    this.deltaPositionStarts = added.positionStarts
  }

  /** The vocabulary entries spelled `word` (however long their spelling). */
  exact(word: string, give: (w: number) => void): void {
    const { words } = this
    for (let w = lowerBoundText(words, word); words.at(w) === word; w++) give(w)
    this.extras.forEach((extra, i) => extra.word === word && give(this.baseWords + i))
  }

  /** The vocabulary entries whose stem is `stem`. */
  withStem(stem: string, give: (w: number) => void): void {
    const { stems } = this
    const s = lowerBoundText(stems, stem)
    if (stems.at(s) === stem) this.eachWordOfStem(s, give)
    this.extras.forEach((extra, i) => extra.stem === stem && give(this.baseWords + i))
  }

  /** Value `at` of one of the base's lookup tables: read a block at a time from a file (Postings.lookUp). */
  private lookUp(table: LookupTable, at: number): number | undefined {
    const { base } = this
    return base.lookUp ? base.lookUp(table, at) : base[table][at]
  }

  /** The vocabulary entries beginning with `prefix`. */
  withPrefix(prefix: string, give: (w: number) => void): void {
    const { words } = this
    for (let w = lowerBoundText(words, prefix); w < words.length && words.at(w)!.startsWith(prefix); w++) give(w)
    this.extras.forEach((extra, i) => extra.word.startsWith(prefix) && give(this.baseWords + i))
  }

  /**
   * The base's vocabulary entries and stems whose key forms (a word's singular, a stem) may be one
   * edit from one of `forms` (near-table.ts): a superset, each once, ascending. The table is read a
   * block at a time from a file: a few blocks for each of the forms' deletions.
   */
  nearCandidates(forms: readonly string[]): { words: number[]; stems: number[] } {
    const { base, baseWords } = this
    const numbers = nearCandidates(
      { buckets: base.nearBuckets, start: (b) => this.lookUp('nearStarts', b), entry: (at) => this.lookUp('nearEntries', at) },
      baseWords + base.stems.length,
      forms,
    )
    const cut = numbers.findIndex((n) => n >= baseWords)
    return cut < 0 ? { words: numbers, stems: [] } : { words: numbers.slice(0, cut), stems: numbers.slice(cut).map((n) => n - baseWords) }
  }

  /** The base's stem `s`. */
  stemText(s: number): string | undefined {
    return this.base.stems.at(s)
  }

  /** The base's vocabulary entries whose stem is the base's stem `s`. */
  eachWordOfStem(s: number, give: (w: number) => void): void {
    const end = this.lookUp('stemStarts', s + 1) ?? 0
    for (let i = this.lookUp('stemStarts', s) ?? end; i < end; i++) {
      const w = this.lookUp('stemWords', i)
      if (w !== undefined) give(w)
    }
  }

  /** Each vocabulary entry of the delta the base lacks, with its word and stem. */
  eachExtra(give: (w: number, word: string, stem: string) => void): void {
    this.extras.forEach((extra, i) => give(this.baseWords + i, extra.word, extra.stem))
  }

  /**
   * Make the vocabulary ready to be read by the thousand (related looks up every word of a paper, in
   * every spelling): from a file, read whole once (Texts.whole) rather than a block at a time, word by word.
   */
  readWordsWhole(): void {
    this.base.words.whole?.()
  }

  word(w: number): string | undefined {
    return w < this.baseWords ? this.base.words.at(w) : this.extras[w - this.baseWords]?.word
  }

  spelled(w: number): number {
    return w < this.baseWords ? (this.lookUp('spelled', w) ?? 0) : (this.extras[w - this.baseWords]?.spelled ?? 0)
  }

  stem(w: number): string | undefined {
    return w < this.baseWords ? this.base.stems.at(this.base.stemOf[w]!) : this.extras[w - this.baseWords]?.stem
  }

  /** How many documents hold vocabulary entry `w` (dead ones included: a bound, for choosing the rarest word). */
  documentsOf(w: number): number {
    let n = w < this.baseWords ? Math.max(0, (this.lookUp('wordDocStarts', w + 1) ?? 0) - (this.lookUp('wordDocStarts', w) ?? 0)) : 0
    const d = this.deltaWord[w] ?? -1
    if (d >= 0) n += this.delta!.postings.wordDocStarts[d + 1]! - this.delta!.postings.wordDocStarts[d]!
    return n
  }

  /**
   * The lists of the documents holding vocabulary entry `w`: the base's and the delta's, each with
   * what its numbers are added to (dead and out-of-range documents included: check positionOf).
   */
  listsOf(w: number): WordList[] {
    const lists: WordList[] = []
    if (w < this.baseWords) lists.push({ ...this.baseLists(w), from: 0, to: this.baseCount, delta: false })
    const d = this.deltaWord[w] ?? -1
    if (d >= 0) {
      const { wordDocStarts } = this.delta!.postings
      const [start, end] = [wordDocStarts[d]!, wordDocStarts[d + 1]!]
      const [docs, fields] = [this.deltaDocs.subarray(start, end), this.deltaFields.subarray(start, end)]
      lists.push({ docs, fields, start, from: this.baseCount, to: this.documents, delta: true })
    }
    return lists
  }

  /**
   * Each live document holding vocabulary entry `w`, with its packed counts per field (fieldCount).
   * A document number beyond the library (a postings file precis did not write) is skipped.
   */
  eachDocument(w: number, visit: (doc: number, packed: number) => void): void {
    const { positionOf } = this
    if (w < this.baseWords) {
      const { docs, fields } = this.baseLists(w)
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!
        if (doc < this.baseCount && positionOf[doc]! >= 0) visit(doc, fields[i]!)
      }
    }
    const d = this.deltaWord[w] ?? -1
    if (d < 0) return
    const { wordDocStarts } = this.delta!.postings
    for (let i = wordDocStarts[d]!, end = wordDocStarts[d + 1]!; i < end; i++) {
      const doc = this.baseCount + this.deltaDocs[i]!
      if (doc < this.documents && positionOf[doc]! >= 0) visit(doc, this.deltaFields[i]!)
    }
  }

  /** Whether `test` holds for some live document holding vocabulary entry `w` (eachDocument's, in its order, stopping at the first). */
  someDocument(w: number, test: (doc: number) => boolean): boolean {
    const { positionOf } = this
    if (w < this.baseWords) {
      const { docs } = this.baseLists(w)
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!
        if (doc < this.baseCount && positionOf[doc]! >= 0 && test(doc)) return true
      }
    }
    const d = this.deltaWord[w] ?? -1
    if (d < 0) return false
    const { wordDocStarts } = this.delta!.postings
    for (let i = wordDocStarts[d]!, end = wordDocStarts[d + 1]!; i < end; i++) {
      const doc = this.baseCount + this.deltaDocs[i]!
      if (doc < this.documents && positionOf[doc]! >= 0 && test(doc)) return true
    }
    return false
  }

  /** Word lists read from a file, kept (browse reads the same words at every keystroke), the least recently used let go past LISTS_BYTES. */
  private readonly lists = new Map<number, BaseList>()
  private listBytes = 0

  /** The base's list of the entries holding word `w` (read from the file, when the base was, and kept), and where it starts among all. */
  private baseLists(w: number): BaseList {
    // (Not destructured: read from a file, wordDocs and wordDocFields read the whole lists.)
    const { base } = this
    const end = this.lookUp('wordDocStarts', w + 1) ?? 0
    const start = Math.min(end, this.lookUp('wordDocStarts', w) ?? end)
    if (!base.lists) return { docs: base.wordDocs.subarray(start, end), fields: base.wordDocFields.subarray(start, end), start }
    let read = this.lists.get(w)
    if (read)
      this.lists.delete(w) // set again below: the most recently used last
    else {
      read = { ...base.lists(start, end), start }
      this.listBytes += read.docs.byteLength + read.fields.byteLength
      for (const [oldest, kept] of this.lists) {
        if (this.listBytes <= LISTS_BYTES) break
        this.listBytes -= kept.docs.byteLength + kept.fields.byteLength
        this.lists.delete(oldest)
      }
    }
    this.lists.set(w, read)
    return read
  }

  private lastDoc = -1
  private lastTokens: Uint32Array = new Uint32Array(0)

  /** The words of document `doc`, every field in order (vocabulary numbers); field f is fieldStart(doc, f) .. fieldStart(doc, f + 1) of them. */
  tokensOf(doc: number): Uint32Array {
    if (doc === this.lastDoc) return this.lastTokens // a document's fields are read one after another
    const start = this.fieldStart(doc, 0, true)
    const end = this.fieldStart(doc, FIELD_COUNT, true)
    const { base } = this
    this.lastTokens =
      doc >= this.baseCount
        ? this.deltaTokens.subarray(start, end)
        : base.tokenRange
          ? base.tokenRange(start, end)
          : base.tokens.subarray(start, end)
    this.lastDoc = doc
    return this.lastTokens
  }

  private basePositions: PositionSource | undefined
  private deltaPositions: PositionSource | undefined

  /**
   * Where the word of `list` (listsOf) is in each document of it, read from the postings' positions
   * (not the documents' words in order): `whole` (a scan reads most of them) at once, else a run of
   * entries at a time as they are asked for.
   */
  listPositions(list: WordList, whole: boolean): ListPositions {
    const source = list.delta
      ? (this.deltaPositions ??= {
          entries: this.deltaDocs.length,
          start: (run) => this.deltaPositionStarts[run],
          bytes: (from, to) => this.deltaPositionBytes.subarray(from, to),
          fields: (from, to) => this.deltaFields.subarray(from, to),
        })
      : (this.basePositions ??= this.baseSource())
    return new ListPositions(source, list.start, list.docs.length, whole)
  }

  /** Where the base's positions are read from: its file a block at a time, when read from one. */
  private baseSource(): PositionSource {
    const { base } = this
    return {
      entries: this.lookUp('wordDocStarts', this.baseWords) ?? 0,
      start: (run) => this.lookUp('positionStarts', run),
      bytes: (start, end) => (base.positionRange ? base.positionRange(start, end) : base.positions.subarray(start, end)),
      fields: (start, end) => (base.lists ? base.lists(start, end).fields : base.wordDocFields.subarray(start, end)),
    }
  }

  /** Where field `field` of document `doc` starts in tokensOf(doc) (or, `absolute`, in all of its segment's). */
  fieldStart(doc: number, field: number, absolute = false): number {
    const starts = doc < this.baseCount ? this.base.fieldStarts : this.delta!.postings.fieldStarts
    const at = (doc < this.baseCount ? doc : doc - this.baseCount) * FIELD_COUNT
    return starts[at + field]! - (absolute ? 0 : starts[at]!)
  }
}

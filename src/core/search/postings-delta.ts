/**
 * How a save keeps a library's postings current at the cost of what it changed: the base (built
 * whole) stays as it is, and a delta holds the postings of the entries changed since, with where
 * every entry's document now is (postings-view.ts). An entry whose searchable texts are as they
 * were keeps its base document; any other (new, edited, or already in the delta) is built into
 * the new delta; a base document no entry keeps is dead.
 */
import type { Entry } from '../records/entries.js'
import { assemble, buildPostings, FIELD_COUNT, PostingsUnavailable, type KnownWords, type Postings, type Texts } from './postings.js'
import { fieldTexts } from './docs.js'
import type { PostingsDelta, PostingsView } from './postings-view.js'

/** Each entry of a library before a change, by id: its place in library order and its searchable texts. */
export type EntriesBefore = Map<string, { position: number; texts: string[] }>

/** What a change must remember of `entries` (taken before the change: a change edits the records in place). */
export function entriesBefore(entries: readonly Entry[]): EntriesBefore {
  return new Map(entries.map((entry, position) => [entry.id, { position, texts: fieldTexts(entry) }]))
}

/**
 * Most entries a delta holds over a base of `count` entries: a delta is built again at every save
 * (its entries read afresh), so past this the postings are left to be built whole by the next
 * search, as after a hand edit.
 */
export function deltaLimit(count: number): number {
  return Math.max(64, Math.ceil(count / 64))
}

const sameTexts = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((text, i) => text === b[i])

/**
 * The delta of the library `after` (its entries, whole, in order) over a base of `baseCount`
 * documents, given each entry's document before the change (`order`, in the order of `before`'s
 * positions) and the delta then (`previous`, when there was one). Null when more entries than
 * deltaLimit would be in it. An entry the delta held before is built into it again, its fields as
 * they were taken from `previous` (the same words as its texts give, none read again: a body is
 * most of the cost of building a delta, and saves change tags and titles more than bodies).
 */
export function deltaAfterChange(
  baseCount: number,
  order: Uint32Array,
  before: EntriesBefore,
  after: readonly Entry[],
  previous?: Postings,
): PostingsDelta | null {
  const kept: KeptDocument = (entry) => {
    const was = before.get(entry.id)
    return was && sameTexts(was.texts, fieldTexts(entry)) ? order[was.position] : undefined
  }
  const word = previous && wordsOf(previous)
  const known =
    previous &&
    ((entry: Entry) => {
      const was = before.get(entry.id)
      const doc = was && order[was.position]
      return doc !== undefined && doc >= baseCount ? documentWords(previous, word!, doc - baseCount, was!.texts) : undefined
    })
  return deltaOver(baseCount, after, kept, deltaLimit(baseCount), known)
}

/**
 * Word `w` of `postings`' vocabulary, each read once (a body says most of its words many times), from
 * the section read whole when first used (the vocabulary of a delta, small); throws PostingsUnavailable as the section does.
 */
function wordsOf(postings: Postings): (w: number) => string | undefined {
  let words: Texts | undefined
  const read = new Array<string | undefined>(postings.words.length)
  return (w) => (read[w] ??= (words ??= postings.words.whole?.() ?? postings.words).at(w))
}

/**
 * The words of document `doc` of `postings` (`word` reads its vocabulary), whose fields' texts were `texts`: a field's,
 * when its text is still the same (readWords made them of it), as they lie; none when a word cannot be read.
 */
function documentWords(postings: Postings, word: (w: number) => string | undefined, doc: number, texts: readonly string[]): KnownWords {
  return (field, text, add) => {
    if (text !== texts[field]) return false
    const words: string[] = []
    const spelled: number[] = []
    try {
      const start = postings.fieldStarts[doc * FIELD_COUNT + field]!
      const end = postings.fieldStarts[doc * FIELD_COUNT + field + 1]!
      for (const w of postings.tokenRange ? postings.tokenRange(start, end) : postings.tokens.subarray(start, end)) {
        const spelling = word(w)
        if (spelling === undefined || w >= postings.spelled.length) return false
        words.push(spelling)
        spelled.push(postings.spelled[w]!)
      }
    } catch (error) {
      if (error instanceof PostingsUnavailable) return false // the file read changed meanwhile: the text is read
      throw error
    }
    for (let i = 0; i < words.length; i++) add(words[i]!, spelled[i]!)
    return true
  }
}

/**
 * The delta of the library `after` over a base of `baseCount` documents, where `kept` says which
 * documents hold an entry's texts as they are (a base document is used once; any other entry is
 * built into the delta). Null when more entries than deltaLimit would be in it.
 */
export function deltaOver(
  baseCount: number,
  after: readonly Entry[],
  kept: KeptDocument,
  limit = deltaLimit(baseCount),
  known?: (entry: Entry) => KnownWords | undefined,
): PostingsDelta | null {
  const delta = new DeltaBuilder(baseCount, kept, limit, known)
  for (const entry of after) if (!delta.add(entry)) return null
  return delta.done()
}

/** Which free base document holds `entry`'s texts as they are (entry `position` of the library), if one does. */
export type KeptDocument = (entry: Entry, position: number, free: (doc: number) => boolean) => number | undefined

/** deltaOver an entry at a time, in library order: the entries kept are let go at once, only the changed ones are held. */
export class DeltaBuilder {
  private readonly used: Uint8Array
  private readonly changed: Entry[] = []
  private readonly next: number[] = []

  constructor(
    private readonly baseCount: number,
    private readonly kept: KeptDocument,
    private readonly limit = deltaLimit(baseCount),
    /** The words of some fields of the entries built into the delta, known already (buildPostings). */
    private readonly known?: (entry: Entry) => KnownWords | undefined,
  ) {
    this.used = new Uint8Array(baseCount)
  }

  private readonly free = (doc: number) => doc < this.baseCount && this.used[doc] === 0

  /** Take the library's next entry; false when more entries than the limit changed (there is no delta then). */
  add(entry: Entry): boolean {
    const doc = this.kept(entry, this.next.length, this.free)
    if (doc !== undefined && this.free(doc)) {
      this.used[doc] = 1
      this.next.push(doc)
      return true
    }
    if (this.changed.length === this.limit) return false
    this.next.push(this.baseCount + this.changed.length)
    this.changed.push(entry)
    return true
  }

  /** How many entries are in the delta so far. */
  get size(): number {
    return this.changed.length
  }

  done(): PostingsDelta {
    return { postings: buildPostings(this.changed, this.known), order: Uint32Array.from(this.next) }
  }
}

/**
 * The postings of a view's entries as one base, in library order (what buildPostings would make of
 * them), from the words of their documents as they are: nothing is read or tokenised again, and the
 * words only dead documents held are dropped.
 */
export function compacted(view: PostingsView): Postings {
  const { count, order } = view
  let total = 0
  for (const doc of order) total += view.fieldStart(doc, FIELD_COUNT) - view.fieldStart(doc, 0)
  const tokens = new Uint32Array(total)
  const fieldStarts = new Uint32Array(count * FIELD_COUNT + 1)
  const lengths = new Uint32Array(count * FIELD_COUNT)
  const features = new Uint8Array(count)
  let at = 0
  order.forEach((doc, position) => {
    const words = view.tokensOf(doc)
    for (let f = 0; f < FIELD_COUNT; f++) fieldStarts[position * FIELD_COUNT + f] = at + view.fieldStart(doc, f)
    tokens.set(words, at)
    at += words.length
    lengths.set(view.lengths.subarray(doc * FIELD_COUNT, (doc + 1) * FIELD_COUNT), position * FIELD_COUNT)
    features[position] = view.features[doc]!
  })
  fieldStarts[count * FIELD_COUNT] = at
  // Only the words the live documents hold, numbered as met; a number beyond the vocabulary (a file precis did not write) reads as the first.
  const renumbered = new Int32Array(view.vocabulary).fill(-1)
  const words: string[] = []
  const spelled: number[] = []
  for (let t = 0; t < tokens.length; t++) {
    const w = tokens[t]!
    if (w >= view.vocabulary) {
      tokens[t] = 0
      continue
    }
    if (renumbered[w] === -1) {
      renumbered[w] = words.length
      words.push(view.word(w)!)
      spelled.push(view.spelled(w))
    }
    tokens[t] = renumbered[w]!
  }
  if (words.length === 0 && tokens.length > 0) {
    words.push('')
    spelled.push(0)
  }
  return assemble(count, words, spelled, tokens, fieldStarts, lengths, features)
}

/**
 * The search postings of a library: every word of every searchable field of every entry, read by
 * the tokenizer search reads queries with (text/words.ts), as numbers into one vocabulary. They are
 * what the scan would find, worked out once: the words in each field in order (counts with their
 * cap, phrases and prefixes come from them exactly as the scan reads the text), the field lengths
 * BM25F normalises by, and for each word the entries holding it (the candidates of a query).
 *
 * Everything is in typed arrays and sorted string lists, so a file holds them as they are
 * (store/index/postings-format.ts) and a load allocates almost nothing.
 */
import type { Entry } from '../records/entries.js'
import type { PaperOutline, SummaryOutline } from '../records/outline.js'
import { stemWord } from '../text/stem.js'
import { nextToken } from '../text/words.js'
import { FIELD_NAMES, fieldTexts, hasFigure, hasMath } from './docs.js'

export const FIELD_COUNT = FIELD_NAMES.length

/** `features` bits. */
export const HAS_MATH = 1
export const HAS_FIGURE = 2

/**
 * A library's postings. A vocabulary entry is a word as the tokenizer reads it together with the
 * length of its spelling in the text (the same word spelled with accents or marks is another
 * entry): typo correction looks at that length, as the scan does.
 */
export interface Postings {
  /** Entries, in library order (libraryEntries). */
  count: number
  /** The vocabulary's words, sorted (code unit order), equal words by spelled length. */
  words: readonly string[]
  /** The length of each vocabulary entry's spelling (UTF-16 units, at most 65,535). */
  spelled: Uint16Array
  /** The distinct stems of the words, sorted. */
  stems: readonly string[]
  /** Each vocabulary entry's stem (an index into `stems`). */
  stemOf: Uint32Array
  /** The vocabulary entries of stem s are stemWords[stemStarts[s] .. stemStarts[s + 1]). */
  stemStarts: Uint32Array
  stemWords: Uint32Array
  /** Every field's words, entry after entry, field after field (FIELD_NAMES order). */
  tokens: Uint32Array
  /** Field f of entry d is tokens[fieldStarts[d * FIELD_COUNT + f] .. fieldStarts[d * FIELD_COUNT + f + 1]). */
  fieldStarts: Uint32Array
  /** Each field's length in UTF-16 units, entry after entry. */
  lengths: Float64Array
  /** The entries holding vocabulary entry w are wordDocs[wordDocStarts[w] .. wordDocStarts[w + 1]), ascending. */
  wordDocStarts: Uint32Array
  wordDocs: Uint32Array
  /** Per entry: HAS_MATH, HAS_FIGURE. */
  features: Uint8Array
}

const MAX_SPELLED = 0xffff

/** A list of numbers that grows, kept in one typed array (no per-item allocation). */
class Numbers {
  private items = new Uint32Array(1024)
  length = 0

  push(value: number): void {
    if (this.length === this.items.length) {
      const grown = new Uint32Array(this.items.length * 2)
      grown.set(this.items)
      this.items = grown
    }
    this.items[this.length++] = value
  }

  done(): Uint32Array {
    return this.items.slice(0, this.length)
  }
}

/** The postings of `entries` (whole records: bodies and abstracts are read). */
export function buildPostings(entries: readonly Entry[]): Postings {
  // First numbered as met; renumbered in vocabulary order at the end.
  const ids = new Map<string, number>()
  const metWords: string[] = []
  const metSpelled: number[] = []
  const tokens = new Numbers()
  const fieldStarts = new Uint32Array(entries.length * FIELD_COUNT + 1)
  const lengths = new Float64Array(entries.length * FIELD_COUNT)
  const features = new Uint8Array(entries.length)
  entries.forEach((entry, doc) => {
    const texts = fieldTexts(entry)
    for (let f = 0; f < FIELD_COUNT; f++) {
      const text = texts[f]!
      fieldStarts[doc * FIELD_COUNT + f] = tokens.length
      lengths[doc * FIELD_COUNT + f] = text.length
      for (let token = nextToken(text, 0); token; token = nextToken(text, token.end)) {
        const spelled = Math.min(MAX_SPELLED, token.end - token.start)
        const key = spelled === token.word.length ? token.word : `${token.word}\u0000${spelled}`
        let id = ids.get(key)
        if (id === undefined) {
          id = metWords.length
          ids.set(key, id)
          metWords.push(token.word)
          metSpelled.push(spelled)
        }
        tokens.push(id)
      }
    }
    const body = texts[FIELD_COUNT - 1]!
    features[doc] = (hasMath(body) ? HAS_MATH : 0) | (hasFigure(body) ? HAS_FIGURE : 0)
  })
  fieldStarts[entries.length * FIELD_COUNT] = tokens.length
  return assemble(entries.length, metWords, metSpelled, tokens.done(), fieldStarts, lengths, features)
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

function assemble(
  count: number,
  metWords: readonly string[],
  metSpelled: readonly number[],
  metTokens: Uint32Array,
  fieldStarts: Uint32Array,
  lengths: Float64Array,
  features: Uint8Array,
): Postings {
  const order = Array.from(metWords, (_, i) => i).sort((a, b) => compareText(metWords[a]!, metWords[b]!) || metSpelled[a]! - metSpelled[b]!)
  const renumbered = new Uint32Array(order.length)
  order.forEach((met, id) => (renumbered[met] = id))
  const words = order.map((met) => metWords[met]!)
  const spelled = Uint16Array.from(order, (met) => metSpelled[met]!)
  const tokens = metTokens.map((met) => renumbered[met]!)

  // Stems: each distinct word stemmed once.
  const stemTexts: string[] = []
  let last: string | undefined
  for (const word of words) {
    if (word !== last) stemTexts.push(stemWord(word))
    else stemTexts.push(stemTexts.at(-1)!)
    last = word
  }
  const stems = [...new Set(stemTexts)].sort(compareText)
  const stemIds = new Map(stems.map((stem, i) => [stem, i]))
  const stemOf = Uint32Array.from(stemTexts, (stem) => stemIds.get(stem)!)
  const { starts: stemStarts, items: stemWords } = groups(stems.length, (add) => stemOf.forEach((stem, word) => add(stem, word)))

  // The entries holding each word, once each, ascending.
  const lastDoc = new Int32Array(words.length).fill(-1)
  const { starts: wordDocStarts, items: wordDocs } = groups(words.length, (add) => {
    lastDoc.fill(-1)
    for (let doc = 0; doc < count; doc++) {
      for (let t = fieldStarts[doc * FIELD_COUNT]!; t < fieldStarts[(doc + 1) * FIELD_COUNT]!; t++) {
        const word = tokens[t]!
        if (lastDoc[word] === doc) continue
        lastDoc[word] = doc
        add(word, doc)
      }
    }
  })
  return { count, words, spelled, stems, stemOf, stemStarts, stemWords, tokens, fieldStarts, lengths, wordDocStarts, wordDocs, features }
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
export function lowerBoundText(list: readonly string[], value: string): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (list[mid]! < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** An entry of the outline, as the postings engine filters and orders by it. */
export type PostedEntry = Entry<PaperOutline, SummaryOutline>

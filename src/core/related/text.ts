/**
 * Text similarity for `related`, "more like this" style: the words that best characterise the
 * paper's text (frequent in it, rare in the library) are looked for in every other text, and the
 * texts are ranked by BM25 over those words. Tokenizing every body into term vectors would cost
 * seconds on a large library; one scan for a handful of words, with the search module's patterns,
 * costs a fraction. Words are the search module's own (core/text/words.ts, core/search/pattern.ts), so `related`
 * and `search` agree on what a word is.
 */
import { beforeLeadingMarks } from '../search/fold.js'
import { WordPattern } from '../search/pattern.js'
import { ScanText } from '../search/text.js'
import { inverseDocumentFrequency } from '../search/rank.js'
import { foldPlural } from '../text/plural.js'
import { stemWord } from '../text/stem.js'
import { textKeys, tokenAt } from '../text/words.js'
import { largest } from '../lists.js'

/** A characteristic word and its weight in the text (tf·idf). */
export interface WeightedTerm {
  term: string
  weight: number
}

/** Documents read to estimate how common a word is (all of them in smaller libraries). */
export const SAMPLE_SIZE = 300

const NUMBER = /^\d+$/

/**
 * English function words, which say nothing about a topic. The idf weighting discounts them in a
 * library of any size, but in a small one (the demo's five papers) they would still be picked and
 * shown as "similar text". A short list here rather than a stop-word package: only these few
 * words of one language matter, and words under three letters are dropped anyway.
 */
const FUNCTION_WORDS = new Set(
  (
    'the and but for with from are was were been being its this that these those which who whom what when where how than then ' +
    'there their they them our you your she his her not can could would should may might will also into over under each all any ' +
    'some such more most other only one two has have had does did about after before between both very via too use used using'
  )
    .split(' ')
    .flatMap(textKeys),
)

/** The words of a text that can carry meaning: search keys of three characters or more, not numbers or function words. */
export function similarityTerms(text: string): string[] {
  return textKeys(text).filter((term) => term.length >= 3 && !NUMBER.test(term) && !FUNCTION_WORDS.has(term))
}

/** The places of up to `size` items spread evenly over `count` items. */
export function evenPlaces(count: number, size: number): number[] {
  if (count <= size) return Array.from({ length: count }, (_, i) => i)
  const step = count / size
  return Array.from({ length: size }, (_, i) => Math.floor(i * step))
}

/** How often each word meaning something (similarityTerms) is in `text`. */
export function termFrequencies(text: string): Map<string, number> {
  const tf = new Map<string, number>()
  for (const term of similarityTerms(text)) tf.set(term, (tf.get(term) ?? 0) + 1)
  return tf
}

/** In how many of `sets` (the words each text of a sample holds) each word is. */
export function documentFrequencies(sets: Iterable<ReadonlySet<string>>): Map<string, number> {
  const df = new Map<string, number>()
  for (const set of sets) for (const term of set) df.set(term, (df.get(term) ?? 0) + 1)
  return df
}

/**
 * The `count` words that best characterise a text whose word counts are `tf`: (1 + ln tf) · idf,
 * the idf estimated on a sample of `n` other texts of the library, `df` how many of them hold each
 * word. When the sample is every other text (`exhaustive`), a word none of them uses is left out:
 * it cannot make anything similar. Ties by the word.
 */
export function characteristicTerms(
  tf: ReadonlyMap<string, number>,
  df: ReadonlyMap<string, number>,
  n: number,
  count: number,
  exhaustive: boolean,
): WeightedTerm[] {
  return [...tf]
    .filter(([term]) => !exhaustive || df.has(term))
    .map(([term, f]) => ({ term, weight: (1 + Math.log(f)) * Math.log(1 + (n + 1) / ((df.get(term) ?? 0) + 0.5)) }))
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
    .slice(0, count)
}

const K1 = 1.2
const B = 0.75
/** Occurrences counted per word and text; more add almost nothing after saturation. */
export const TF_CAP = 10

/**
 * How often each of `keys` occurs in `text`, read as search reads it: the pattern's expressions
 * propose places (every spelling of the words, accented ones included) and the tokenizer confirms
 * the word there: exactly the words of the text (textKeys) that are one of `keys`.
 */
function countKeys(text: string, pattern: WordPattern, keys: ReadonlySet<string>): Map<string, number> {
  const counts = new Map<string, number>()
  const seen = new Set<number>()
  const field = new ScanText(text)
  for (const places of pattern.places) {
    for (let at = places.next(field, 0); at >= 0; at = places.next(field, at + 1)) {
      const token = tokenAt(text, beforeLeadingMarks(text, at))
      if (!token || seen.has(token.start)) continue
      const key = foldPlural(token.word)
      if (!keys.has(key)) continue
      seen.add(token.start)
      counts.set(key, Math.min(TF_CAP, (counts.get(key) ?? 0) + 1))
    }
  }
  return counts
}

/** What BM25 needs of the library's texts for a few words, each text named by a K (`related`: the paper's place). */
export interface Occurrences<K = string> {
  /** Texts read (every paper's), and their total length in characters. */
  texts: number
  totalLength: number
  /** By text, for the texts holding one of the words: how often each (at most TF_CAP), and the text's length. */
  found: Map<K, { counts: ReadonlyMap<string, number>; length: number }>
}

/** The occurrences of `keys` in `texts` (by name), each text scanned for them. */
export function textOccurrences<K>(texts: ReadonlyMap<K, string>, keys: ReadonlySet<string>): Occurrences<K> {
  // Places are proposed by the words' stems, whose beginnings cover every spelling of every word
  // folding to a key (`analyses` for analysis); the tokenizer then keeps only the keys themselves.
  const pattern = new WordPattern({ keys: new Set([...keys].map(stemWord)), prefix: null })
  const found: Occurrences<K>['found'] = new Map()
  let totalLength = 0
  for (const [key, text] of texts) {
    totalLength += text.length
    const counts = keys.size > 0 ? countKeys(text, pattern, keys) : new Map<string, number>()
    if (counts.size > 0) found.set(key, { counts, length: text.length })
  }
  return { texts: texts.size, totalLength, found }
}

/**
 * How similar each text is to the words `terms`, from 0 to 1: its BM25 score for them (lengths in
 * characters, as search measures them), relative to the score of the text `self` they came from.
 * Texts without any of the words are absent; `self` is left out. Each score adds the words' parts
 * in the order of `terms`, so every way of counting the occurrences gives the same number to the bit.
 */
export function bm25Similarity<K>(occurrences: Occurrences<K>, terms: readonly WeightedTerm[], self: K): Map<K, number> {
  const scores = new Map<K, number>()
  if (terms.length === 0) return scores
  const df = new Map<string, number>()
  for (const { counts } of occurrences.found.values()) for (const term of counts.keys()) df.set(term, (df.get(term) ?? 0) + 1)
  const average = Math.max(1, occurrences.totalLength / Math.max(1, occurrences.texts))
  const idf = new Map([...df].map(([term, n]) => [term, inverseDocumentFrequency(n, occurrences.texts)]))
  for (const [key, { counts, length }] of occurrences.found) {
    let score = 0
    for (const { term } of terms) {
      const tf = counts.get(term)
      if (tf !== undefined) score += (idf.get(term)! * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / average))
    }
    scores.set(key, score)
  }
  const reference = scores.get(self) ?? largest(scores.values(), 0)
  scores.delete(self)
  for (const [key, score] of scores) scores.set(key, reference > 0 ? Math.min(1, score / reference) : 0)
  return scores
}

/** bm25Similarity over `texts` (by paper key), each scanned for the words. */
export function textSimilarity(texts: ReadonlyMap<string, string>, terms: readonly WeightedTerm[], self: string): Map<string, number> {
  return bm25Similarity(textOccurrences(texts, new Set(terms.map((t) => t.term))), terms, self)
}

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
import { textKeys, tokenAt } from '../text/words.js'

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

/** Up to `size` items spread evenly over `items`. */
export function evenSample<T>(items: readonly T[], size: number): readonly T[] {
  if (items.length <= size) return items
  const step = items.length / size
  return Array.from({ length: size }, (_, i) => items[Math.floor(i * step)]!)
}

/**
 * The `count` words that best characterise `text`: (1 + ln tf) · idf, the idf estimated on
 * `sample` (other texts of the library). When the sample is every other text (`exhaustive`), a
 * word none of them uses is left out: it cannot make anything similar. Ties by the word.
 */
export function characteristicTerms(text: string, sample: readonly string[], count: number, exhaustive: boolean): WeightedTerm[] {
  const tf = new Map<string, number>()
  for (const term of similarityTerms(text)) tf.set(term, (tf.get(term) ?? 0) + 1)
  const df = new Map<string, number>()
  for (const other of sample) {
    for (const term of new Set(similarityTerms(other))) if (tf.has(term)) df.set(term, (df.get(term) ?? 0) + 1)
  }
  const n = sample.length
  return [...tf]
    .filter(([term]) => !exhaustive || df.has(term))
    .map(([term, f]) => ({ term, weight: (1 + Math.log(f)) * Math.log(1 + (n + 1) / ((df.get(term) ?? 0) + 0.5)) }))
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
    .slice(0, count)
}

const K1 = 1.2
const B = 0.75
/** Occurrences counted per word; more add almost nothing after saturation. */
const TF_CAP = 10

/**
 * How often each of `keys` occurs in `text`, read as search reads it: the pattern's expressions
 * propose places (every spelling of the words, accented ones included) and the tokenizer confirms
 * the word there.
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

/**
 * How similar each text is to the words `terms`, from 0 to 1: its BM25 score for them (lengths in
 * characters, as search measures them), relative to the score of the text `self` they came from.
 * Texts without any of the words are absent; `self` is left out.
 */
export function textSimilarity(texts: ReadonlyMap<string, string>, terms: readonly WeightedTerm[], self: string): Map<string, number> {
  const scores = new Map<string, number>()
  if (terms.length === 0) return scores
  const keys = new Set(terms.map((t) => t.term))
  const pattern = new WordPattern({ keys, prefix: null })
  const found: { key: string; counts: Map<string, number>; length: number }[] = []
  const df = new Map<string, number>()
  let totalLength = 0
  for (const [key, text] of texts) {
    totalLength += text.length
    const counts = countKeys(text, pattern, keys)
    if (counts.size === 0) continue
    found.push({ key, counts, length: text.length })
    for (const term of counts.keys()) df.set(term, (df.get(term) ?? 0) + 1)
  }
  const average = Math.max(1, totalLength / Math.max(1, texts.size))
  const idf = new Map([...df].map(([term, n]) => [term, inverseDocumentFrequency(n, texts.size)]))
  for (const { key, counts, length } of found) {
    let score = 0
    for (const [term, tf] of counts) score += (idf.get(term)! * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / average))
    scores.set(key, score)
  }
  const reference = scores.get(self) ?? Math.max(0, ...scores.values())
  scores.delete(self)
  for (const [key, score] of scores) scores.set(key, reference > 0 ? Math.min(1, score / reference) : 0)
  return scores
}

/**
 * The search terms of words: Porter2 (Snowball English) stems of their singulars, so that
 * `homelessness` meets `homeless`, `decreasing` meets `decrease` and `vertices` meets `vertex`.
 * One pure function from text to terms (`textTerms`) serves the query, the scan and any index.
 *
 * Irregular plurals are folded first (text-plural.ts: Porter2 alone leaves `analyses` and
 * `analysis`, `vertices` and `vertex` apart). Only ASCII words are stemmed; any other word is its
 * own term. Words that only share a stem still differ in rank: search scores the word as typed
 * above a word of the same stem (search/pattern.ts), so `general` does not drown in `generation`.
 */
import stem from 'wink-porter2-stemmer'
import { foldPlural, irregularPlurals } from './plural.js'
import { tokenize } from './words.js'

const ASCII_WORD = /^[a-z]+$/
// A scan reads a word at each place a query word may begin, and stems it: the same few thousand
// words again and again. Remembered, up to a bound.
const stems = new Map<string, string>()
const STEMS_KEPT = 200_000

/** The term of one (normalised, lowercase) word: `networks` → network, `studies` → studi. */
export function stemWord(word: string): string {
  let term = stems.get(word)
  if (term === undefined) {
    term = stemOnce(word)
    if (stems.size >= STEMS_KEPT) stems.clear()
    stems.set(word, term)
  }
  return term
}

/**
 * stemWord without remembering: for words each stemmed once (a vocabulary's), which would only
 * fill and clear the memory of stems (at 100,000 summaries, 400,000 words: tens of megabytes of garbage).
 */
export function stemOnce(word: string): string {
  return stemOfSingular(foldPlural(word))
}

/** stemOnce of a word whose singular (foldPlural) is `singular`. */
export function stemOfSingular(singular: string): string {
  return ASCII_WORD.test(singular) ? stem(singular) : singular
}

/** The search terms of a text, in order: `Message-passing networks` → messag, pass, network. */
export function textTerms(text: string): string[] {
  return tokenize(text).map((token) => stemWord(token.word))
}

/** The irregular plurals by their singular's term, by the term's first letter (irregularOf). */
const irregularByFirst = new Map<string, Map<string, string[]>>()

/**
 * The irregular plurals whose singular's term is `term`. A term begins with its word's first letter
 * (Porter2 changes endings; test/unit/search/pattern.test.ts holds it for every irregular plural):
 * only the singulars beginning like `term` are stemmed, a few rather than all, at a search's first word.
 */
function irregularOf(term: string): readonly string[] {
  const first = term.charAt(0)
  let byTerm = irregularByFirst.get(first)
  if (!byTerm) {
    byTerm = new Map()
    for (const [plural, singular] of irregularPlurals()) {
      if (!singular.startsWith(first)) continue
      const key = stemWord(singular)
      byTerm.set(key, [...(byTerm.get(key) ?? []), plural])
    }
    irregularByFirst.set(first, byTerm)
  }
  return byTerm.get(term) ?? []
}

/**
 * What every word whose term is `term` begins with, so that a scan can find them all by looking
 * for few beginnings: the term without a last e, i or y that Porter2 may have put there
 * (`happy` → happi, `hoping` → hope), `possib` for possibl (`possibility`), the first letter of
 * `lie` (`lying`), and the irregular plurals whole (`vertices` for vertex).
 */
export function termStarts(term: string): string[] {
  let start = term.replace(/[eiy]$/, '').replace(/bl$/, 'b')
  if (/^[dlt]ie$/.test(term)) start = term[0]! // dying, lying, tying
  if (start === '') start = term
  return [start, ...irregularOf(term)]
}

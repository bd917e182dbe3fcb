/**
 * Typo tolerance (`precis help query`): a word of 5+ letters that occurs nowhere in the library may
 * be mistyped, so the library's words within one edit of it (Damerau-Levenshtein: one letter
 * inserted, deleted, replaced, or two neighbours swapped, compared stem to stem) are searched for
 * too, as weaker alternatives: the word keeps its own meaning (`tocopheryl` is a word, not a typo
 * of `tocopherol`), and a document that has it still ranks first.
 *
 * Only absent words are corrected, as Typesense does by default: a word that exists is meant, so
 * `model` never also matches `modal`. That keeps precision, and the costly neighbour scan runs
 * only for the rare mistyped word (a word that exists is usually confirmed by the first entry).
 * The library has no word list to compare against, so neighbours are found by scanning the text
 * for pieces of the word that an edit cannot both break.
 */
import { withinOneEdit } from '../text/similar.js'
import { BODY, FIELD_NAMES, type SearchDoc } from './docs.js'
import { occurs } from './match.js'
import { pieceSource } from './fold.js'
import { TermPattern, type WordSpec } from './pattern.js'
import { foldPlural } from '../text/plural.js'
import { stemWord } from '../text/stem.js'
import { isWordCharBefore, tokenAt, type Token } from '../text/words.js'

/** Shortest key that gets typo tolerance. */
const MIN_TYPO_LENGTH = 5

/** Whether a query key may be corrected: letters only, long enough. */
export function correctable(key: string): boolean {
  return key.length >= MIN_TYPO_LENGTH && /^[a-z]+$/.test(key)
}

function occursAnywhere(pattern: TermPattern, docs: readonly SearchDoc[], fields: readonly number[]): boolean {
  return docs.some((doc) => occurs({ pattern, fields }, doc))
}

// The texts to read for `fields`: with every field asked for, the short ones on one line (the same words).
function textsOf(doc: SearchDoc, fields: readonly number[]): readonly string[] {
  return fields.length === FIELD_NAMES.length
    ? [doc.short.of(doc).text, doc.fields[BODY]!.text]
    : fields.map((field) => doc.fields[field]!.text)
}

// Every word within one edit of `key` keeps one of these two pieces intact (pigeonhole: an edit
// touches at most two neighbouring letters, and one letter is left out between the pieces). The
// last letter is left out of the second piece when it is a `y`, which plurals change (study, studies).
export function pieces(key: string): [string, string] {
  const half = Math.floor(key.length / 2)
  const end = key.endsWith('y') ? key.length - 1 : key.length
  return [key.slice(0, half), key.slice(half + 1, end)]
}

/** Endings add a few letters (-ations): words spelled longer than this many letters more than the query word cannot be within one edit. */
export const NEAR_LENGTH = 6

/**
 * The two ways a library word is within one edit of the query word `word` (nearWords): its singular
 * near `word`'s singular, or its term (`stem`) near `word`'s term (`key`), never equal to it.
 */
export function nearTests(word: string): {
  key: string
  singular: (seen: string) => boolean
  /** `singular` of a word whose singular (foldPlural) is `folded`. */
  folded: (folded: string) => boolean
  stem: (stem: string) => boolean
} {
  const key = stemWord(word)
  const singular = foldPlural(word)
  const near = (a: string, b: string) => a !== b && Math.abs(a.length - b.length) <= 1 && withinOneEdit(a, b)
  return {
    key,
    singular: (seen) => near(foldPlural(seen), singular),
    folded: (folded) => near(folded, singular),
    stem: (stem) => near(stem, key),
  }
}

/**
 * Which words of a text are within one edit of the query word `word`: given a word of the text and
 * the length of its spelling there, its term when it is, else null. Each word is compared once.
 */
export function nearWords(word: string): (seen: string, spelled: number, stem?: string) => string | null {
  const tests = nearTests(word)
  const checked = new Map<string, string | null>()
  return (seen, spelled, stem) => {
    if (spelled > word.length + NEAR_LENGTH) return null
    let found = checked.get(seen)
    if (found === undefined) {
      const candidate = stem ?? stemWord(seen)
      found = candidate !== tests.key && (tests.singular(seen) || tests.stem(candidate)) ? candidate : null
      checked.set(seen, found)
    }
    return found
  }
}

/**
 * Terms of library words within one edit of the query word `word` (whose term is `key`), found in
 * `fields` of `docs`, with a word seen for each. Words are compared as singulars (`tranformers`,
 * `transformer`) and as terms: a typo can change the stem (`diffrence` → diffrenc, `difference` → differ).
 */
export function neighbours(word: string, docs: readonly SearchDoc[], fields: readonly number[]): Map<string, string> {
  const near = nearWords(word)
  const found = new Map<string, string>()
  const consider = (token: Token | null) => {
    if (!token) return
    const candidate = near(token.word, token.end - token.start)
    if (candidate !== null && !found.has(candidate)) found.set(candidate, token.word)
  }
  const singular = foldPlural(word)
  const finder = new RegExp(pieces(singular).map(pieceSource).join('|'), 'gi')
  for (const doc of docs) {
    for (const text of textsOf(doc, fields)) {
      finder.lastIndex = 0
      for (let hit = finder.exec(text); hit; hit = finder.exec(text)) {
        let start = hit.index
        while (isWordCharBefore(text, start)) start--
        const token = tokenAt(text, start)
        finder.lastIndex = token ? Math.max(token.end, hit.index + 1) : hit.index + 1
        consider(token)
      }
    }
  }
  return found
}

/** Where to look for a word and its corrections. */
export interface TypoScope {
  /** The whole library. */
  docs: readonly SearchDoc[]
  /** A part of it that every entry containing the word is in (browse knows one from the keystrokes before). */
  mayContain: readonly SearchDoc[]
  /** A sample of it, where corrections are looked for first. */
  sample: readonly SearchDoc[]
}

/**
 * The word of `spec` as typed when it may be a typo: a word that may be corrected (correctable)
 * and that no entry of `mayContain` (all those that may have it) has in `fields`; else null.
 */
export function mayBeTypo(spec: WordSpec, fields: readonly number[], mayContain: readonly SearchDoc[]): string | null {
  const [key] = spec.keys
  const word = spec.exact ? [...spec.exact][0] : key // the word as typed comes first
  if (spec.keys.size !== 1 || word === undefined || !correctable(word)) return null
  return occursAnywhere(new TermPattern([spec]), mayContain, fields) ? null : word
}

/**
 * The spec to search for: `spec` itself when its word occurs in the library (or cannot be
 * corrected), otherwise with the library's words within one edit of it as alternatives.
 * Corrections are looked for in the sample first (a typo is most often of a common word) and in
 * all docs if none is there.
 */
export function correctTypo(spec: WordSpec, fields: readonly number[], { docs, mayContain, sample }: TypoScope): WordSpec {
  const word = mayBeTypo(spec, fields, mayContain)
  if (word === null) return spec
  let found = neighbours(word, sample, fields)
  if (found.size === 0 && sample.length < docs.length) found = neighbours(word, docs, fields)
  // A last word being typed keeps its prefix: it is a typo only if nothing starts with it either.
  return found.size === 0 ? spec : { ...spec, alternatives: found }
}

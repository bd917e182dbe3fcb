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
import { foldPlural, irregularPlurals } from '../text/plural.js'
import type { Texts } from './postings.js'
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
  return { key, singular: (seen) => near(foldPlural(seen), singular), folded: (folded) => near(folded, singular), stem: (stem) => near(stem, key) }
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
 * What a library word is first compared with for nearWords(`word`), by its first letters
 * (textsNear): the singular of `word` (with the word itself: one near by its singular is found so)
 * and its term (with the word's stem: one near by its term); null when that cannot rule a word out.
 * A plural folds at its end (foldPlural), so it begins with its singular less the singular's last
 * letter (studies, study); irregular plurals do not, so none may be near.
 */
export function nearStarts(word: string): { singular: string; key: string } | null {
  const singular = foldPlural(word)
  const key = stemWord(word)
  const irregular = [...irregularPlurals().values()].some((folded) => withinOneEdit(folded, singular))
  return singular.length >= 5 && key.length >= 4 && !irregular ? { singular, key } : null
}

/** Texts at most this many, among those sharing the units before an edit, are given all rather than looked up further. */
const FEW_TEXTS = 256

/** Units of a string one edit from the typo looked up, from its first to past the edited one. */
const LOOKED_UP_UNITS = 4

/**
 * Each index of `texts` (sorted in code unit order) whose text begins with a string within one
 * edit of `near`, or, with `ending` (a plural's ending may change a word's last letter: `studies`,
 * `study`), with such a string less its last unit; some more than once, some others too. Found as
 * ranges of the sorted texts, never looking at each (the vocabulary of 100,000 summaries is 400,000
 * words): for each place of the edit, from the first, the texts sharing the units before it are
 * split by the unit they have there (any unit may be inserted or put there), and the strings so
 * edited looked up by their first few units; once those texts are few (`few`), they are all given.
 */
export function textsNear(texts: Texts, near: string, ending: boolean, give: (index: number) => void, few = FEW_TEXTS): void {
  const each = ([start, end]: [number, number]) => {
    for (let i = start; i < end; i++) give(i)
  }
  const cut = ending ? 1 : 0
  // The texts from `from` to `to` beginning with `edited` (a string one edit from `near`, at `at`): with its first few units.
  const lookUp = (edited: string, at: number, from: number, to: number) =>
    each(prefixRange(texts, edited.slice(0, Math.min(at + LOOKED_UP_UNITS, edited.length - cut)), from, to))
  let [from, to] = [0, texts.length]
  // Every string edited at `at` or later begins with the units before it, and (less its last unit) is that long.
  for (let at = 0; ; at++) {
    if (at >= near.length - 1 - cut || to - from <= few) return each([from, to])
    const kept = near.slice(0, at)
    const rest = near.slice(at + 1)
    lookUp(kept + rest, at, from, to) // the unit at `at` deleted
    lookUp(kept + near[at + 1]! + near[at]! + near.slice(at + 2), at, from, to) // swapped with the next
    // Replaced by another unit, or one inserted before it.
    eachUnit(texts, at, from, to, (prefix, start, end) => {
      lookUp(prefix + rest, at, start, end)
      lookUp(prefix + near.slice(at), at, start, end)
    })
    ;[from, to] = prefixRange(texts, kept + near[at]!, from, to)
  }
}

/** Whether text `index` begins with `prefix`: from its bytes when the texts can tell (Texts.begins), else cut. */
function begins(texts: Texts, index: number, prefix: string): boolean {
  return texts.begins ? texts.begins(index, prefix) : texts.at(index)!.startsWith(prefix)
}

/** The first index from `lo` to `hi` of the sorted texts whose text is not below `value`: from their bytes when the texts can tell (Texts.lowerBound), else cut. */
function lowerBound(texts: Texts, value: string, lo: number, hi: number): number {
  const found = texts.lowerBound?.(value, lo, hi)
  if (found !== undefined) return found
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (texts.at(mid)! < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Where the texts from `lo` to `hi` (sorted) that begin with `prefix` (1+ units) start and end: the
 * end found from the start in steps doubling in length, since most strings looked up begin no text
 * or a few (one text looked at when none does, rather than a second search of the whole range).
 */
function prefixRange(texts: Texts, prefix: string, lo: number, hi: number): [number, number] {
  const start = lowerBound(texts, prefix, lo, hi)
  let before = start - 1 // begins with `prefix` (or is the start's predecessor)
  let after = start // where to look next
  for (let step = 1; after < hi && begins(texts, after, prefix); step *= 2) {
    before = after
    after += step
  }
  // The end: past `before`, at `after` or before it.
  let end = Math.min(after, hi)
  while (before + 1 < end) {
    const mid = (before + 1 + end) >>> 1
    if (begins(texts, mid, prefix)) before = mid
    else end = mid
  }
  return [start, end]
}

/** Where the texts beginning with `prefix` (1+ units) end, from `start` (where they begin) to `hi`. */
function prefixEnd(texts: Texts, prefix: string, start: number, hi: number): number {
  const last = prefix.charCodeAt(prefix.length - 1)
  if (last < 0xffff) return lowerBound(texts, prefix.slice(0, -1) + String.fromCharCode(last + 1), start, hi)
  let end = start // no unit follows the last one: its texts counted one by one (a file precis did not write)
  while (end < hi && begins(texts, end, prefix)) end++
  return end
}

/** For each unit the texts from `lo` to `hi` (sorted, sharing their first `depth` units) have after those, the texts with it, and their first `depth` + 1 units. */
function eachUnit(texts: Texts, depth: number, lo: number, hi: number, visit: (prefix: string, from: number, to: number) => void): void {
  for (let i = lo; i < hi;) {
    const text = texts.at(i)!
    if (text.length <= depth) {
      i++ // the shared units themselves, first
      continue
    }
    const prefix = text.slice(0, depth + 1)
    const end = prefixEnd(texts, prefix, i, hi)
    visit(prefix, i, end)
    i = Math.max(end, i + 1)
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

/**
 * Typo tolerance (`precis help query`): a word of 5+ letters that occurs nowhere in the library is
 * taken as mistyped and replaced by the library's words within one edit (Damerau-Levenshtein:
 * one letter inserted, deleted, replaced, or two neighbours swapped).
 *
 * Only absent words are corrected, as Typesense does by default: a word that exists is meant, so
 * `model` never also matches `modal`. That keeps precision, and the costly neighbour scan runs
 * only for the rare mistyped word (a word that exists is usually confirmed by the first entry).
 * The library has no word list to compare against, so neighbours are found by scanning the text
 * for pieces of the word that an edit cannot both break.
 */
import { editDistance } from '../text/similar.js'
import { BODY, FIELD_NAMES, type SearchDoc } from './docs.js'
import { occurs } from './match.js'
import { pieceSource } from './fold.js'
import { TermPattern, type WordSpec } from './pattern.js'
import { foldPlural } from '../text/plural.js'
import { isWordCharBefore, tokenAt, type Token } from '../text/words.js'

/** Shortest key that gets typo tolerance. */
const MIN_TYPO_LENGTH = 5

/** Whether a query key may be corrected: letters only, long enough. */
function correctable(key: string): boolean {
  return key.length >= MIN_TYPO_LENGTH && /^[a-z]+$/.test(key)
}

function occursAnywhere(pattern: TermPattern, docs: readonly SearchDoc[], fields: readonly number[]): boolean {
  return docs.some((doc) => occurs({ pattern, fields }, doc))
}

// The texts to read for `fields`: with every field asked for, the short ones on one line (the same words).
function textsOf(doc: SearchDoc, fields: readonly number[]): readonly string[] {
  return fields.length === FIELD_NAMES.length ? [doc.short.of(doc).text, doc.fields[BODY]!.text] : fields.map((field) => doc.fields[field]!.text)
}

// Every word within one edit of `key` keeps one of these two pieces intact (pigeonhole: an edit
// touches at most two neighbouring letters, and one letter is left out between the pieces). The
// last letter is left out of the second piece when it is a `y`, which plurals change (study, studies).
function pieces(key: string): [string, string] {
  const half = Math.floor(key.length / 2)
  const end = key.endsWith('y') ? key.length - 1 : key.length
  return [key.slice(0, half), key.slice(half + 1, end)]
}

/** Library words (as keys) within one edit of `key`, found in `fields` of `docs`. */
export function neighbours(key: string, docs: readonly SearchDoc[], fields: readonly number[]): Set<string> {
  const found = new Set<string>()
  const checked = new Map<string, boolean>() // a word is compared once, however often it occurs
  const consider = (token: Token | null) => {
    // Plural endings add at most three letters (-ies): much longer words cannot be within one edit.
    if (!token || token.end - token.start > key.length + 4) return
    const candidate = foldPlural(token.word)
    let near = checked.get(candidate)
    if (near === undefined) {
      near = Math.abs(candidate.length - key.length) <= 1 && editDistance(candidate, key) <= 1
      checked.set(candidate, near)
    }
    if (near) found.add(candidate)
  }
  const finder = new RegExp(pieces(key).map(pieceSource).join('|'), 'gi')
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
 * The spec to search for: `spec` itself when its word occurs in the library (or cannot be
 * corrected), otherwise also the library's words within one edit of it. Corrections are looked
 * for in the sample first (a typo is most often of a common word) and in all docs if none is there.
 */
export function correctTypo(spec: WordSpec, fields: readonly number[], { docs, mayContain, sample }: TypoScope): WordSpec {
  const [key] = spec.keys
  if (spec.keys.size !== 1 || key === undefined || !correctable(key)) return spec
  if (occursAnywhere(new TermPattern([spec]), mayContain, fields)) return spec
  let found = neighbours(key, sample, fields)
  if (found.size === 0 && sample.length < docs.length) found = neighbours(key, docs, fields)
  // A last word being typed keeps its prefix: it is a typo only if nothing starts with it either.
  return { keys: new Set([key, ...found]), prefix: spec.prefix }
}

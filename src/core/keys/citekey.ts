/**
 * Citekeys: first author's family name (ASCII-folded, lowercase) + year + first significant title
 * word, e.g. `gilmer2017neural`. Collisions get `a`, `b`, ... . Keys in use
 * come as a `KeySet`, which compares them ignoring case, as BibTeX does.
 */
import { literalNameText } from '../papers/author-names.js'
import type { KeySet } from './key-rules.js'

/** Words a title can do without: not significant for a key, nor for telling two titles apart. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the of on in at to for from by with and or but nor is are was were be being been do does what which who ' +
    'whom whose why how when where this that these those it its as into onto via towards toward up down not no ' +
    'we our you your can should would will shall may might must very more most less some any all'
  ).split(' '),
)

const LIGATURES: ReadonlyMap<string, string> = new Map([
  ['ß', 'ss'],
  ['æ', 'ae'],
  ['œ', 'oe'],
  ['ø', 'o'],
  ['ł', 'l'],
  ['đ', 'd'],
  ['ð', 'd'],
  ['þ', 'th'],
  ['ı', 'i'],
])

/** Lowercase ASCII letters and digits only: accents folded, ligatures spelled out, the rest dropped. */
export function asciiFold(text: string): string {
  const lower = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
  let folded = ''
  for (const ch of lower) folded += LIGATURES.get(ch) ?? ch
  return folded.replace(/[^a-z0-9]+/g, '')
}

/**
 * The family name of a name written "Given Family", "Family, Given" or "Given van der Family".
 * Lowercase particles before the last word belong to the family name (BibTeX's "von" part).
 * A name stored whole (`{ATLAS Collaboration}`) is its own family name, up to a first comma.
 */
export function familyName(name: string): string {
  const literal = literalNameText(name)
  if (literal !== null) return literal.split(',')[0]!.trim()
  const trimmed = name.trim()
  const comma = trimmed.indexOf(',')
  if (comma >= 0) return trimmed.slice(0, comma).trim()
  const words = trimmed.split(/\s+/).filter(Boolean)
  if (words.length === 0) return ''
  let start = words.length - 1
  while (start > 1 && /^\p{Ll}/u.test(words[start - 1]!)) start--
  return words.slice(start).join(' ')
}

/**
 * `text` folded and cut to MAX_KEY_PART. Only a bounded start is folded (accents and marks
 * rarely take more than three characters per letter), so a hostile megabyte word costs nothing.
 */
export function keyPart(text: string): string {
  return asciiFold(text.slice(0, MAX_KEY_PART * 4)).slice(0, MAX_KEY_PART)
}

/** The title's first word that is not a stop word or a number, folded as `keyPart` folds; '' when none. */
export function firstSignificantWord(title: string): string {
  for (const word of title.split(/[\s\-–—:;,.!?()[\]{}"'`/\\$]+/)) {
    const folded = keyPart(word)
    if (folded && !STOP_WORDS.has(folded) && !/^\d+$/.test(folded)) return folded
  }
  return ''
}

/**
 * Longest family name and title word a key takes: the longest real family names fold to about 30
 * letters, and with a 4-digit year and collision letters a key stays far below the 200 characters
 * a key may have (and `<key>-<n>` below the 210 of a summary id), whatever the title or name.
 */
export const MAX_KEY_PART = 40

/** What a key is made from. */
export type KeyFields = { authors: readonly string[]; year: number | null; title: string }

/** How a paper's key is made before collisions are settled (src/core/keys/key-pattern.ts compiles the user's). */
export type KeyPattern = (paper: KeyFields) => string

/** The citekey a paper would get in an empty library, by the default pattern `{author}{year}{title}`. */
export function baseCitekey(paper: KeyFields): string {
  const family = keyPart(familyName(paper.authors[0] ?? '')) || 'anon'
  const year = paper.year === null ? 'nd' : String(paper.year)
  return family + year + (firstSignificantWord(paper.title) || 'untitled')
}

/** A citekey unique among `taken`: the base key, then the base key + `a`, `b`, ..., `z`, `aa`, ... */
export function makeCitekey(paper: KeyFields, taken: KeySet, pattern: KeyPattern = baseCitekey): string {
  return uniqueKey(pattern(paper), taken)
}

/** `base` when it is free (ignoring case), else `base` with the first free letter suffix (`a`, `b`, ..., `aa`, ...). */
export function uniqueKey(base: string, taken: KeySet): string {
  if (!taken.has(base)) return base
  for (let n = taken.takenSuffixes(base); ; n++) {
    const key = base + letterSuffix(n)
    if (taken.has(key)) continue
    taken.noteTakenSuffixes(base, n)
    return key
  }
}

/** 0 → a, 25 → z, 26 → aa, ... */
function letterSuffix(n: number): string {
  let suffix = ''
  for (let i = n + 1; i > 0; i = Math.floor((i - 1) / 26)) suffix = String.fromCharCode(97 + ((i - 1) % 26)) + suffix
  return suffix
}

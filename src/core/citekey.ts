/**
 * Citekeys: first author's family name (ASCII-folded, lowercase) + year + first significant title
 * word, e.g. `gilmer2017neural` (DESIGN.md section 3). Collisions get `a`, `b`, ... .
 */

/** Words a title can do without: not significant for a key, nor for telling two titles apart. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  ('a an the of on in at to for from by with and or but nor is are was were be being been do does what which who ' +
    'whom whose why how when where this that these those it its as into onto via towards toward up down not no ' +
    'we our you your can should would will shall may might must very more most less some any all')
    .split(' '),
)

const LIGATURES: ReadonlyMap<string, string> = new Map([
  ['ß', 'ss'], ['æ', 'ae'], ['œ', 'oe'], ['ø', 'o'], ['ł', 'l'], ['đ', 'd'], ['ð', 'd'], ['þ', 'th'], ['ı', 'i'],
])

/** Lowercase ASCII letters and digits only: accents folded, ligatures spelled out, the rest dropped. */
export function asciiFold(text: string): string {
  const lower = text.toLowerCase().normalize('NFKD').replace(/\p{M}+/gu, '')
  let folded = ''
  for (const ch of lower) folded += LIGATURES.get(ch) ?? ch
  return folded.replace(/[^a-z0-9]+/g, '')
}

/**
 * The family name of a name written "Given Family", "Family, Given" or "Given van der Family".
 * Lowercase particles before the last word belong to the family name (BibTeX's "von" part).
 */
export function familyName(name: string): string {
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
function keyPart(text: string): string {
  return asciiFold(text.slice(0, MAX_KEY_PART * 4)).slice(0, MAX_KEY_PART)
}

function firstSignificantWord(title: string): string {
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

/** The citekey a paper would get in an empty library. */
export function baseCitekey(paper: { authors: readonly string[]; year: number | null; title: string }): string {
  const family = keyPart(familyName(paper.authors[0] ?? '')) || 'anon'
  const year = paper.year === null ? 'nd' : String(paper.year)
  return family + year + (firstSignificantWord(paper.title) || 'untitled')
}

/** A citekey unique among `taken`: the base key, then the base key + `a`, `b`, ..., `z`, `aa`, ... */
export function makeCitekey(
  paper: { authors: readonly string[]; year: number | null; title: string },
  taken: ReadonlySet<string>,
): string {
  const base = baseCitekey(paper)
  if (!taken.has(base)) return base
  for (let n = 0; ; n++) {
    const key = base + letterSuffix(n)
    if (!taken.has(key)) return key
  }
}

/** 0 → a, 25 → z, 26 → aa, ... */
function letterSuffix(n: number): string {
  let suffix = ''
  for (let i = n + 1; i > 0; i = Math.floor((i - 1) / 26)) suffix = String.fromCharCode(97 + ((i - 1) % 26)) + suffix
  return suffix
}

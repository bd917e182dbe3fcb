/**
 * Words as search sees them, read straight from stored text (which is never altered).
 *
 * A word is a run of letters, digits and combining marks, lowercased, decomposed (NFKD) with its
 * marks dropped, so `Schrödinger` reads `schrodinger` and `ﬁt` reads `fit`. LaTeX is read through
 * (see latex.ts): `\mathcal{GP}` gives the word `gp`, `\Sigma` gives `sigma`. A Greek letter
 * standing alone reads as its name, so `θ` and `\theta` are the same word. Everything else
 * separates words. The same reader serves the query and the documents, so both agree by construction.
 */
import { foldPlural } from './plural.js'
import { greekName, latexWord } from './latex.js'

/** A word found in a text: its normalised form and where its characters are. */
export interface Token {
  /** Normalised word (before plural folding). */
  word: string
  /** Index of its first character in the text (for a command: after the backslash). */
  start: number
  /** Index just after its last character. */
  end: number
}

// Made with the first text beyond ASCII: `u` patterns with \p classes cost ~0.1 ms to make, at the
// start of every read that loads this module otherwise.
let unicodeWords: { wordChar: RegExp; marks: RegExp } | undefined
const unicodePatterns = () => (unicodeWords ??= { wordChar: /[\p{L}\p{N}\p{M}]/u, marks: /\p{M}+/gu })
const ASCII_LETTER = /[A-Za-z]/

function isAsciiWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122)
}

/** Whether the code point at `index` of `text` belongs to a word. */
export function isWordCharAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index)
  if (code < 128) return isAsciiWordCode(code)
  if (Number.isNaN(code)) return false
  return unicodePatterns().wordChar.test(String.fromCodePoint(text.codePointAt(index) ?? code))
}

/** Whether the character just before `index` belongs to a word (false at the start). */
export function isWordCharBefore(text: string, index: number): boolean {
  if (index <= 0) return false
  const code = text.charCodeAt(index - 1)
  // The second half of a surrogate pair: look at the whole pair.
  const from = code >= 0xdc00 && code <= 0xdfff && index >= 2 ? index - 2 : index - 1
  return isWordCharAt(text, from)
}

/** Letters with a stroke, which Unicode does not decompose but readers see as the plain letter. */
const STROKED_LETTERS: ReadonlyMap<string, string> = new Map([
  ['ø', 'o'],
  ['ł', 'l'],
  ['đ', 'd'],
  ['ħ', 'h'],
  ['ı', 'i'],
  ['ŧ', 't'],
  ['ƀ', 'b'],
  ['ɨ', 'i'],
])
const STROKED = new RegExp(`[${[...STROKED_LETTERS.keys()].join('')}]`, 'g')

/** Lowercase, compatibility-decomposed, marks and strokes removed: `Émile` → `emile`, `Łukasz` → `lukasz`. */
export function foldLetters(raw: string): string {
  const lower = raw.toLowerCase()
  if (/^\p{ASCII}*$/u.test(lower)) return lower
  return lower
    .normalize('NFKD')
    .replace(unicodePatterns().marks, '')
    .toLowerCase()
    .replace(STROKED, (c) => STROKED_LETTERS.get(c)!)
}

/**
 * foldLetters of each of `words` (none holding a line break), folded as one text: a line break ends
 * what every rule looking at neighbours sees (a final sigma's lowercase, the order of marks), so
 * each word folds as it does alone, for a tenth of the cost of folding them one by one.
 */
export function foldEach(words: readonly string[]): string[] {
  return foldLetters(words.join('\n')).split('\n')
}

/** A word as search reads it: its letters folded (foldLetters), and a Greek letter standing alone read as its name. */
export function normalizeWord(raw: string): string {
  return wordOfFolded(foldLetters(raw))
}

/** The word folded letters read as: themselves, or a Greek letter's name when it stands alone. */
export function wordOfFolded(folded: string): string {
  return folded.length === 1 ? (greekName(folded) ?? folded) : folded
}

// After an odd run of backslashes: `\\alpha` is a command, `\\\\alpha` a line break then the word alpha.
function isCommandStart(text: string, start: number): boolean {
  let slashes = 0
  while (start - slashes > 0 && text[start - slashes - 1] === '\\') slashes++
  return slashes % 2 === 1
}

/**
 * The word that starts exactly at `start`, or null when none does: the position is inside a word,
 * on a separator, or on a formatting command. A position right after a backslash reads the command.
 */
export function tokenAt(text: string, start: number): Token | null {
  if (isCommandStart(text, start)) {
    let end = start
    while (end < text.length && ASCII_LETTER.test(text[end]!)) end++
    if (end > start) {
      const word = latexWord(text.slice(start, end))
      return word === null ? null : { word, start, end }
    }
  }
  if (isWordCharBefore(text, start) || !isWordCharAt(text, start)) return null
  // Search reads a word at every place a query word may start: plain ASCII letters, the common
  // case, are stepped over and lowercased without the general Unicode path.
  let end = start
  let ascii = true
  for (let code = text.charCodeAt(end); end < text.length; code = text.charCodeAt(end)) {
    if (code < 128) {
      if (!isAsciiWordCode(code)) break
      end++
    } else {
      if (!isWordCharAt(text, end)) break
      ascii = false
      end += text.codePointAt(end)! > 0xffff ? 2 : 1
    }
  }
  const raw = text.slice(start, end)
  const word = ascii ? raw.toLowerCase() : normalizeWord(raw)
  return word === '' ? null : { word, start, end } // marks with no letter make no word
}

/** The next word at or after `from` (formatting commands skipped), or null at the end of the text. */
export function nextToken(text: string, from: number): Token | null {
  let index = from
  while (index < text.length) {
    if (text[index] === '\\' && index + 1 < text.length && ASCII_LETTER.test(text[index + 1]!)) {
      const command = tokenAt(text, index + 1)
      if (command) return command
      index++
      while (index < text.length && ASCII_LETTER.test(text[index]!)) index++ // a formatting command
      continue
    }
    if (isWordCharAt(text, index) && !isWordCharBefore(text, index)) {
      const token = tokenAt(text, index)
      if (token) return token
    }
    index++
  }
  return null
}

/** Every word of a text, in order. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  for (let token = nextToken(text, 0); token; token = nextToken(text, token.end)) tokens.push(token)
  return tokens
}

/** The search keys of a text: its words, plural-folded (`Message-passing networks` → message, passing, network). */
export function textKeys(text: string): string[] {
  return tokenize(text).map((token) => foldPlural(token.word))
}

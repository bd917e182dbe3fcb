/**
 * Query words as regular expressions that read through accents: a word compiles to one expression
 * that also matches its spellings with accented letters (`Schrödinger`, `Schro\u0308dinger`),
 * stroked letters (`Łukasz`), ligatures (`eﬃcient`) and, at the start of a word, a Greek letter
 * standing alone for its name (`θ` for theta), exactly as the tokenizer folds them (text.ts).
 *
 * Why one expression per word instead of a plain ASCII one plus a list of each text's accented
 * words: the list costs a scan of every text for accented letters (about as long as the search
 * itself at 10k summaries, on every run of the command), while folding the letters into character
 * classes costs the regex engine only a little more than the plain word.
 */
import { escapeRegex } from './regex.js'
import { foldLetters, isWordCharAt, normalizeWord } from './text.js'

// The characters a plain spelling cannot match (the others fold to themselves): accented and
// stroked Latin letters, combining marks, Greek letters, Latin ligatures.
const FOLDING_RANGES: readonly (readonly [number, number])[] = [
  [0x00b5, 0x00b5],
  [0x00c0, 0x02af],
  [0x0300, 0x036f],
  [0x0370, 0x03ff],
  [0x1e00, 0x1fff],
  [0xfb00, 0xfb06],
]

/** Combining marks, which the tokenizer drops: any number may follow any letter. */
const MARKS = '[\\u0300-\\u036f]*'

interface FoldTable {
  /** A letter → the characters that fold to it alone (`e` → `éèÊ…`). */
  single: Map<string, string>
  /** Characters that fold to several letters (ligatures: `ﬃ` → ffi), by what they fold to. */
  several: Map<string, string>
  /** Characters that, standing alone, read as a word other than their folded letter (`θ` → theta). */
  alone: Map<string, string>
}

let table: FoldTable | null = null

function add(map: Map<string, string>, key: string, char: string): void {
  map.set(key, (map.get(key) ?? '') + char)
}

// Built once per process, from the tokenizer's own folding (about 1,300 characters).
function foldTable(): FoldTable {
  if (table) return table
  const built: FoldTable = { single: new Map(), several: new Map(), alone: new Map() }
  for (const [from, to] of FOLDING_RANGES) {
    for (let code = from; code <= to; code++) {
      const char = String.fromCharCode(code)
      if (!isWordCharAt(char, 0)) continue
      const folded = foldLetters(char)
      if ([...folded].length === 1) add(built.single, folded, char)
      else if (folded.length > 1) add(built.several, folded, char)
      const word = normalizeWord(char)
      if (word !== folded) add(built.alone, word, char)
    }
  }
  table = built
  return table
}

const charClass = (chars: string) => `[${[...chars].map(escapeRegex).join('')}]`

/**
 * Source of an expression matching text whose folded letters begin with `word` from `from` on:
 * each letter as itself or as a character folding to it, marks allowed after each, ligatures
 * standing for the letters they fold to (also one that runs past the end of `word`).
 */
function lettersSource(word: string, from: number, folds: FoldTable): string {
  if (from >= word.length) return ''
  const letter = word[from]!
  const alternatives = [`${charClass(letter + (folds.single.get(letter) ?? ''))}${MARKS}${lettersSource(word, from + 1, folds)}`]
  for (const [folded, chars] of folds.several) {
    if (word.startsWith(folded, from)) alternatives.push(`${charClass(chars)}${MARKS}${lettersSource(word, from + folded.length, folds)}`)
    else if (folded.startsWith(word.slice(from))) alternatives.push(charClass(chars))
  }
  return alternatives.length === 1 ? alternatives[0]! : `(?:${alternatives.join('|')})`
}

/**
 * An expression source (for the `i` flag) matching wherever a word whose folded reading begins
 * with `start` begins. It proposes places only: the word there is read and checked after.
 */
export function wordStartSource(start: string): string {
  const folds = foldTable()
  const alternatives = [lettersSource(start, 0, folds)]
  for (const [word, chars] of folds.alone) if (word.startsWith(start)) alternatives.push(charClass(chars))
  return alternatives.length === 1 ? alternatives[0]! : `(?:${alternatives.join('|')})`
}

/**
 * Where the word whose first letter is at `index` begins: before the combining marks in front of
 * it, if any. A word may begin with a mark in damaged text (the tokenizer reads marks as part of a
 * word); matching marks at the start in the expression itself would slow every search by a third.
 */
export function beforeLeadingMarks(text: string, index: number): number {
  let start = index
  while (start > 0 && text.charCodeAt(start - 1) >= 0x300 && text.charCodeAt(start - 1) <= 0x36f) start--
  return start
}

/**
 * An expression source (for the `i` flag) matching `piece` anywhere inside a word, read through
 * accents like wordStartSource; a ligature may also begin before the piece (`ﬃ` for the `fi` of
 * `ficient`), and a lone letter may read as a word containing it (`ϵ` for the `psi` of epsilon).
 */
export function pieceSource(piece: string): string {
  const folds = foldTable()
  const alternatives = [lettersSource(piece, 0, folds)]
  for (const [folded, chars] of folds.several) {
    for (let cut = 1; cut < folded.length; cut++) {
      const rest = folded.slice(cut)
      if (piece.startsWith(rest)) alternatives.push(`${charClass(chars)}${MARKS}${lettersSource(piece, rest.length, folds)}`)
    }
  }
  for (const [word, chars] of folds.alone) if (word.includes(piece)) alternatives.push(charClass(chars))
  return alternatives.length === 1 ? alternatives[0]! : `(?:${alternatives.join('|')})`
}

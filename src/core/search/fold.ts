/**
 * Query words as regular expressions that read through accents, built from the tokenizer's own
 * folding (core/text/words.ts): accented letters (`Schrödinger`, `Schro\u0308dinger`), stroked letters
 * (`Łukasz`), ligatures (`eﬃcient`) and, at the start of a word, a Greek letter standing alone for
 * its name (`θ` for theta).
 *
 * Why not a plain ASCII expression plus a list of each text's accented words, as before: the list
 * cost a scan of every text for accented letters on each run of the command, about as long as the
 * search itself at 10k summaries. Latin-1 letters cost V8 little inside an expression's character
 * classes; only the rarer words with a character beyond Latin-1 are listed (text.ts), and
 * tried with the full expression (wordStartSources says why there are two).
 */
import { escapeRegex } from '../text/regex.js'
import { FOLD_TABLE_JSON } from './fold-table.js'

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

/** Build the table of folded letters now (browse, as it opens), not at the first query word. */
export function prepareFolding(): void {
  foldTable()
}

// Built once per process, from the table the tokenizer's folding gives (fold-table.ts, which its test
// holds to the tokenizer): computing it at every run cost ~3 ms of code running once.
function foldTable(): FoldTable {
  if (table) return table
  const lists = JSON.parse(FOLD_TABLE_JSON) as Record<keyof FoldTable, [string, string][]>
  table = { single: new Map(lists.single), several: new Map(lists.several), alone: new Map(lists.alone) }
  return table
}

// Escaped whole, not character by character: the same text (only ASCII characters are escaped), one
// replace instead of one per folded character, each run once in a fresh process (~0.3 ms of a search).
const charClass = (chars: string) => `[${escapeRegex(chars)}]`
const either = (alternatives: readonly string[]): string | null =>
  alternatives.length <= 1 ? (alternatives[0] ?? null) : `(?:${alternatives.join('|')})`

/** Which characters an expression may match (see wordStartSources). */
type Accepted = (char: string) => boolean
const ANY: Accepted = () => true
const LATIN1: Accepted = (char) => char.charCodeAt(0) <= 0xff

/**
 * Source of an expression matching text whose folded letters begin with `word` from `from` on:
 * each letter as itself or as a character folding to it, ligatures standing for the letters they
 * fold to (also one that runs past the end of `word`), `marks` after each; only characters
 * `accepted`. Null when some letter has no such character.
 */
function lettersSource(word: string, from: number, folds: FoldTable, accepted: Accepted, marks: string): string | null {
  if (from >= word.length) return ''
  const alternatives: string[] = []
  const add = (chars: string, rest: string | null) => {
    const kept = accepted === ANY ? chars : [...chars].filter(accepted).join('')
    if (kept && rest !== null) alternatives.push(`${charClass(kept)}${rest}`)
  }
  const after = (next: number) => {
    const rest = lettersSource(word, next, folds, accepted, marks)
    return rest === null ? null : marks + rest
  }
  const letter = word[from]!
  add(letter + (folds.single.get(letter) ?? ''), after(from + 1))
  for (const [folded, chars] of folds.several) {
    if (word.startsWith(folded, from)) add(chars, after(from + folded.length))
    else if (folded.startsWith(word.slice(from))) add(chars, '')
  }
  return either(alternatives)
}

/**
 * Expression sources (for the `i` flag) matching wherever a word whose folded reading begins with
 * `start` begins. `full` matches every such word. `latin1` matches those written in Latin-1 alone
 * (`graph`, `Gödel`), with no combining marks; null when there are none (a Cyrillic word). They
 * propose places only: the word there is read and checked after.
 *
 * Why two: V8 finds where an expression may match by skipping along the text with a table of the
 * characters it can have at its first few places, which marks between letters and characters beyond
 * Latin-1 make useless: `attention` took three times as long as its plain spelling, and six in
 * strings with a character beyond Latin-1. So `latin1` is left to V8, and `full` is tried only at
 * the words with a character beyond Latin-1 (pattern.ts), which are few.
 */
export function wordStartSources(start: string): WordStartSources {
  let sources = sourcesByStart.get(start)
  if (!sources) {
    if (sourcesByStart.size >= SOURCES_KEPT) sourcesByStart.clear()
    sources = buildWordStartSources(start)
    sourcesByStart.set(start, sources)
  }
  return sources
}

export interface WordStartSources {
  latin1: string | null
  full: string
}

// Browse compiles every word of the query again at each keystroke: building a source costs more
// than the scan of a narrowed list.
const sourcesByStart = new Map<string, WordStartSources>()
const SOURCES_KEPT = 1000

function buildWordStartSources(start: string): WordStartSources {
  const folds = foldTable()
  const alone = [...folds.alone]
    .filter(([word]) => word.startsWith(start))
    .map(([, chars]) => chars)
    .join('')
  const source = (accepted: Accepted, marks: string) => {
    const loneLetters = [...alone].filter(accepted).join('')
    const alternatives = [lettersSource(start, 0, folds, accepted, marks), loneLetters ? charClass(loneLetters) : null]
    return either(alternatives.filter((part): part is string => part !== null))
  }
  return { latin1: source(LATIN1, ''), full: source(ANY, MARKS)! }
}

/**
 * An expression source (for the `i` flag) matching `piece` anywhere inside a word, read through
 * accents like wordStartSources; a ligature may also begin before the piece (`ﬃ` for the `fi` of
 * `ficient`), and a lone letter may read as a word containing it (`ϵ` for the `psi` of epsilon).
 */
export function pieceSource(piece: string): string {
  const folds = foldTable()
  const alternatives = [lettersSource(piece, 0, folds, ANY, MARKS)!]
  for (const [folded, chars] of folds.several) {
    for (let cut = 1; cut < folded.length; cut++) {
      const rest = folded.slice(cut)
      if (piece.startsWith(rest)) alternatives.push(`${charClass(chars)}${MARKS}${lettersSource(piece, rest.length, folds, ANY, MARKS)}`)
    }
  }
  for (const [word, chars] of folds.alone) if (word.includes(piece)) alternatives.push(charClass(chars))
  return either(alternatives)!
}

/**
 * Where the word whose first letter is at `index` begins: before the combining marks in front of
 * it, if any. A word may begin with a mark in damaged text (the tokenizer reads marks as part of a
 * word); matching marks at the start in the expression itself would slow every search by a third.
 */
export function beforeLeadingMarks(text: string, index: number): number {
  let start = index
  while (start > 0 && isMark(text.charCodeAt(start - 1))) start--
  return start
}

/** The first character at or after `index` that is not a combining mark. */
export function afterLeadingMarks(text: string, index: number): number {
  let letter = index
  while (letter < text.length && isMark(text.charCodeAt(letter))) letter++
  return letter
}

const isMark = (code: number) => code >= 0x300 && code <= 0x36f

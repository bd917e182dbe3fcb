/**
 * What a paper key must be when precis chooses it or is told to take it (`rekey`, a key pattern):
 * a name every citation form reads back whole. `[@key]` (Pandoc), `\cite{key}` (LaTeX) and a
 * BibTeX entry all end a key at other punctuation, so a key is letters, digits and `_`, with single
 * `:` `.` `-` `/` inside. Keys are compared ignoring case, as BibTeX compares them: a library
 * never holds two keys that differ only in case.
 */
import { FIELD_LIMITS, isUsableName } from '../records/field-rules.js'

// Made when first used: a `u` pattern with \p classes costs ~0.1 ms to make, at the start of every command otherwise.
let citable: RegExp | undefined
const citablePattern = () => (citable ??= /^[\p{L}\p{N}_]+(?:[:.\-/][\p{L}\p{N}_]+)*$/u)

/** Why `key` cannot name a paper, in the user's words; null when it can. */
export function keyProblem(key: string): string | null {
  if (key === '') return 'is empty'
  if (key.length > FIELD_LIMITS.key) return `is longer than ${FIELD_LIMITS.key} characters (${key.length})`
  if (!isUsableName(key, 'key') || !citablePattern().test(key)) {
    return 'may hold only letters, digits and _, with single : . - / between them (so [@key] and \\cite{key} read it whole)'
  }
  return null
}

/** A set of keys compared ignoring case: `Chen_2017` is taken once `chen_2017` is. */
export class KeySet {
  private readonly folded = new Set<string>()
  /**
   * For a base key (folded) that uniqueKey suffixed, how many of its suffixes (`a`, `b`, ...) are
   * known taken: keys are never removed from the set, so they stay taken, and the next search for a
   * free suffix starts past them. An import of 10,000 papers with the same base key tried every
   * suffix from `a` again for each (14 s); now each suffix is tried once.
   */
  private readonly suffixesTaken = new Map<string, number>()

  constructor(keys: Iterable<string> = []) {
    for (const key of keys) this.add(key)
  }

  has(key: string): boolean {
    return this.folded.has(key.toLowerCase())
  }

  add(key: string): this {
    this.folded.add(key.toLowerCase())
    return this
  }

  /** How many of `base`'s suffixes are known taken (see suffixesTaken). */
  takenSuffixes(base: string): number {
    return this.suffixesTaken.get(base.toLowerCase()) ?? 0
  }

  /** Records that `base`'s first `count` suffixes are taken. */
  noteTakenSuffixes(base: string, count: number): void {
    this.suffixesTaken.set(base.toLowerCase(), count)
  }
}

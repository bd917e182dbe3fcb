/**
 * A stored text prepared for scanning: the text itself, untouched, plus where its few words with
 * accents, ligatures or Greek letters start. Query words are looked for with plain ASCII
 * expressions, which regex engines run several times faster than ones full of character classes;
 * the words a plain spelling cannot see (`Schrödinger`, `eﬃcient`, `θ`) are the ones listed here,
 * and are read one by one.
 */
import { Buffer } from 'node:buffer'
import { isWordCharBefore, tokenAt, type Token } from './text.js'

// What a plain ASCII spelling cannot match: accented and stroked Latin letters, combining marks,
// Greek letters (θ reads as theta) and ligatures.
const ACCENT = /[\u00b5\u00c0-\u02af\u0300-\u036f\u0370-\u03ff\u1e00-\u1fff\ufb00-\ufb06]/g

const NONE: readonly Token[] = []

/** A text ready to scan. */
export class ScanText {
  private accented: readonly Token[] | null = null

  constructor(readonly text: string) {}

  /** The words containing a character outside plain ASCII spelling, in order (found on first use, then kept). */
  get accentedWords(): readonly Token[] {
    this.accented ??= findAccentedWords(this.text)
    return this.accented
  }
}

function findAccentedWords(text: string): readonly Token[] {
  // Pure ASCII (the common case) is recognised without a regex: its UTF-8 length equals its length.
  if (Buffer.byteLength(text, 'utf8') === text.length) return NONE
  const words: Token[] = []
  ACCENT.lastIndex = 0
  for (let hit = ACCENT.exec(text); hit; hit = ACCENT.exec(text)) {
    let start = hit.index
    while (isWordCharBefore(text, start)) start--
    const token = tokenAt(text, start)
    if (!token) continue
    words.push(token)
    ACCENT.lastIndex = Math.max(ACCENT.lastIndex, token.end)
  }
  return words
}

/** Index of the first word starting at or after `index` (words in text order). */
export function firstWordFrom(words: readonly Token[], index: number): number {
  let lo = 0
  let hi = words.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (words[mid]!.start < index) lo = mid + 1
    else hi = mid
  }
  return lo
}

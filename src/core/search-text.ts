/**
 * A stored text prepared for scanning: the text itself, untouched, plus where its few words with
 * accents, ligatures or Greek letters start. Query words are looked for with plain ASCII
 * expressions, which regex engines run several times faster than ones full of character classes;
 * the words a plain spelling cannot see (`Schrödinger`, `eﬃcient`, `θ`) are the ones listed here,
 * and are read one by one.
 */
import { Buffer } from 'node:buffer'
import { isWordCharAt, isWordCharBefore } from './text.js'

// What a plain ASCII spelling cannot match: accented and stroked Latin letters, combining marks,
// Greek letters (θ reads as theta) and ligatures.
const ACCENT = /[\u00b5\u00c0-\u02af\u0300-\u036f\u0370-\u03ff\u1e00-\u1fff\ufb00-\ufb06]/g

const NONE: readonly number[] = []

/** A text ready to scan. */
export class ScanText {
  private accented: readonly number[] | null = null

  constructor(readonly text: string) {}

  /**
   * Where the words containing a character outside plain ASCII spelling start, in order (found on
   * first use, then kept). They are read (`tokenAt`) only when a query word could be one of them.
   */
  get accentedWords(): readonly number[] {
    this.accented ??= findAccentedWords(this.text)
    return this.accented
  }
}

function findAccentedWords(text: string): readonly number[] {
  // Pure ASCII (the common case) is recognised without a regex: its UTF-8 length equals its length.
  if (Buffer.byteLength(text, 'utf8') === text.length) return NONE
  const starts: number[] = []
  ACCENT.lastIndex = 0
  for (let hit = ACCENT.exec(text); hit; hit = ACCENT.exec(text)) {
    let start = hit.index
    while (isWordCharBefore(text, start)) start--
    if (starts.at(-1) !== start && isWordCharAt(text, start)) starts.push(start)
  }
  return starts
}

/** Index of the first entry of a sorted list that is >= `value`. */
export function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]! < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

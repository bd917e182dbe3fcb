/**
 * A stored text prepared for scanning: the text itself, untouched, plus where its words with a
 * character beyond Latin-1 start (`ĝraph`, `eﬃcient`, `θ`, a decomposed `Gödel`). A query word's
 * expression for those (fold.ts) is tried only there: V8 looks for such an expression far
 * more slowly than for one of Latin-1 letters. The list is made on first use and kept, so each
 * text is looked through for such characters once per process (browse searches it again at every
 * keystroke), and a one-byte string, which holds none, is known at once.
 */
import { afterLeadingMarks } from './fold.js'
import { isWordCharBefore } from '../text/words.js'

const BEYOND_LATIN1 = /[\u0100-\uffff]/g // any UTF-16 code unit beyond Latin-1 (no u flag: surrogate halves count)
const NONE: readonly number[] = []

/** A text ready to scan. */
export class ScanText {
  private wide: readonly number[] | null = null

  constructor(readonly text: string) {}

  /** Where the words containing a character beyond Latin-1 start (after any marks in front), in order. */
  get wideWords(): readonly number[] {
    this.wide ??= findWideWords(this.text)
    return this.wide
  }
}

function findWideWords(text: string): readonly number[] {
  BEYOND_LATIN1.lastIndex = 0
  let hit = BEYOND_LATIN1.exec(text)
  if (!hit) return NONE
  const starts: number[] = []
  for (; hit; hit = BEYOND_LATIN1.exec(text)) {
    let start = hit.index
    while (isWordCharBefore(text, start)) start--
    start = afterLeadingMarks(text, start) // expressions begin with a letter (the scan steps back over marks)
    if (start !== starts.at(-1) && start < text.length) starts.push(start)
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

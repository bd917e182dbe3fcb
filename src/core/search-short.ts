/**
 * The short fields (title, authors, tags, venue, ids) of every entry of a library on one text, a
 * line per field. A word looked for in every field is first looked for here, with one pass of its
 * expression over the whole library: the entries where it is not found (most, for most words)
 * need only their body read, instead of five looks each.
 */
import type { SearchDoc } from './search-docs.js'
import type { TermPattern } from './search-pattern.js'

/** How many fields come before the body (search-docs.ts BODY). */
const SHORT_FIELD_COUNT = 5

export class ShortFields {
  private joined: { text: string; starts: Int32Array } | null = null
  // Per term, the entries whose short fields it may occur in (1) or not (0), by line.
  private readonly found = new WeakMap<TermPattern, Uint8Array>()

  constructor(private readonly docs: () => readonly SearchDoc[]) {}

  /**
   * Whether `pattern` may occur in a short field of `doc`: false means it does not. A phrase may
   * be found across the end of a field here and then not in any one field; that only costs a look.
   */
  mayContain(pattern: TermPattern, doc: SearchDoc): boolean {
    let lines = this.found.get(pattern)
    if (!lines) {
      lines = this.linesWith(pattern)
      this.found.set(pattern, lines)
    }
    return lines[doc.line] === 1
  }

  /** The short fields of `doc`, one per line (where a word of them reads as it does in its field). */
  of(doc: SearchDoc): string {
    const { text, starts } = this.text()
    return text.slice(starts[doc.line], starts[doc.line + 1]! - 1)
  }

  private linesWith(pattern: TermPattern): Uint8Array {
    const { text, starts } = this.text()
    const lines = new Uint8Array(starts.length - 1)
    let line = 0
    for (let span = pattern.find(text); span; span = pattern.find(text, starts[line + 1])) {
      while (starts[line + 1]! <= span.start) line++
      lines[line] = 1
    }
    return lines
  }

  private text(): { text: string; starts: Int32Array } {
    if (this.joined) return this.joined
    const docs = this.docs()
    const starts = new Int32Array(docs.length + 1)
    const parts: string[] = []
    let length = 0
    docs.forEach((doc, line) => {
      starts[line] = length
      for (let f = 0; f < SHORT_FIELD_COUNT; f++) {
        parts.push(doc.fields[f]!)
        length += doc.fields[f]!.length + 1
      }
    })
    starts[docs.length] = length
    this.joined = { text: parts.join('\n') + '\n', starts }
    return this.joined
  }
}

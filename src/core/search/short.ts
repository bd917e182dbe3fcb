/**
 * The short fields (title, authors, tags, venue, ids) of every entry of a library on one text, a
 * line per field. A word looked for in every field is first looked for in an entry's short fields
 * together: where it is not there (most entries, for most words) only the body is left to read.
 * A term asked about for many entries is looked for in the whole library's at once, with one pass
 * of its expression instead of one per entry.
 */
import type { TermPattern } from './pattern.js'
import { ScanText } from './text.js'

/** What the short fields are read from: an entry's field texts (title first, body last) and its line. */
export interface ShortDoc {
  fields: readonly ScanText[]
  line: number
}

/** How many fields come before the body (docs.ts BODY). */
const SHORT_FIELD_COUNT = 5
/** Entries a term is looked for in one by one before it is looked for in all at once. */
const ONE_BY_ONE = 500

interface Asked {
  count: number
  /** Per line: whether the term may occur there (1) or not (0), once looked for in all. */
  lines: Uint8Array | null
}

export class ShortFields {
  private joined: { all: ScanText; starts: Int32Array } | null = null
  private readonly lines: (ScanText | undefined)[] = []
  private readonly asked = new WeakMap<TermPattern, Asked>()

  constructor(private readonly docs: () => readonly ShortDoc[]) {}

  /**
   * Whether `pattern` may occur in a short field of `doc`: false means it does not. A phrase may
   * be found across the end of a field here and then not in any one field; that only costs a look.
   */
  mayContain(pattern: TermPattern, doc: ShortDoc): boolean {
    let asked = this.asked.get(pattern)
    if (!asked) {
      asked = { count: 0, lines: null }
      this.asked.set(pattern, asked)
    }
    if (!asked.lines && ++asked.count > ONE_BY_ONE) asked.lines = this.linesWith(pattern)
    return asked.lines ? asked.lines[doc.line] === 1 : pattern.find(this.of(doc)) !== null
  }

  /** Join the whole library's short fields now rather than when a term is first asked about in many entries. */
  prepare(): void {
    void this.all().all.wideWords
  }

  /** The short fields of `doc`, one per line (where a word of them reads as it does in its field). */
  of(doc: ShortDoc): ScanText {
    let line = this.lines[doc.line]
    if (!line) {
      line = new ScanText(shortTexts(doc).join('\n'))
      this.lines[doc.line] = line
    }
    return line
  }

  private linesWith(pattern: TermPattern): Uint8Array {
    const { all, starts } = this.all()
    const lines = new Uint8Array(starts.length - 1)
    let line = 0
    for (let span = pattern.find(all); span; span = pattern.find(all, starts[line + 1])) {
      while (starts[line + 1]! <= span.start) line++
      lines[line] = 1
    }
    return lines
  }

  private all(): { all: ScanText; starts: Int32Array } {
    if (this.joined) return this.joined
    const docs = this.docs()
    const starts = new Int32Array(docs.length + 1)
    const parts: string[] = []
    let length = 0
    docs.forEach((doc, line) => {
      starts[line] = length
      for (const text of shortTexts(doc)) {
        parts.push(text)
        length += text.length + 1
      }
    })
    starts[docs.length] = length
    this.joined = { all: new ScanText(parts.join('\n') + '\n'), starts }
    return this.joined
  }
}

const shortTexts = (doc: ShortDoc) => doc.fields.slice(0, SHORT_FIELD_COUNT).map((field) => field.text)

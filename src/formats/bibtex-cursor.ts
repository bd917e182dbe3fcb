/**
 * A reader of BibTeX's grammar that follows @retorquere/bibtex-parser's tokenizer step for step
 * (its verbatim.js: what counts as white space, a key, a braced or quoted value, an item's
 * brackets), so that a scan built on it sees the items, values and errors the parser will see.
 * It only moves through the text; what to do with it is the subclass's (bibtex-limits.ts).
 */

/** Thrown where the parser throws its ParsingError: the item cannot be read and is skipped. */
export class Unreadable extends Error {}

/** A literal piece of a value. */
export interface Literal {
  text: string
  /** Where the text begins in the file's. */
  start: number
  /** The deepest brace nesting inside it. */
  braces: number
}

const GUARDS = [
  ['{', '}'],
  ['(', ')'],
] as const
const KEY_CHAR = /[+'a-zA-Z0-9&;_:\\./-]|[\p{Lu}\p{Lt}\p{Ll}\p{Lm}\p{Lo}]/u

export class BibtexCursor {
  /** Where the reading is. */
  protected pos = 0

  constructor(protected readonly text: string) {}

  /** A `{...}` literal: its text, and how deep braces nest inside it. */
  protected braced(): Literal {
    this.match('{', false)
    const start = this.pos
    let depth = 0
    let braces = 0
    let math = false
    for (;;) {
      const ch = this.text[this.pos]
      if (ch === '\\') this.pos++
      else if (ch === '{') braces = Math.max(braces, ++depth)
      else if (ch === '$') math = !math
      else if (ch === '}') {
        if (depth === 0) {
          if (math) throw new Unreadable()
          this.pos++
          return { text: this.text.slice(start, this.pos - 1), start, braces }
        }
        depth--
      }
      if (++this.pos >= this.text.length) throw new Unreadable()
    }
  }

  /** A `"..."` literal: its text, and how deep braces nest inside it. */
  protected quoted(): Literal {
    this.match('"', false)
    const start = this.pos
    let depth = 0
    let braces = 0
    for (;;) {
      const ch = this.text[this.pos]
      if (ch === '\\') this.pos++
      else if (ch === '{') braces = Math.max(braces, ++depth)
      else if (ch === '}') depth--
      else if (ch === '"' && depth <= 0) {
        this.pos++
        return { text: this.text.slice(start, this.pos - 1), start, braces }
      }
      if (++this.pos >= this.text.length) throw new Unreadable()
    }
  }

  /** An `@comment`: a braced block, or the rest of the line. */
  protected comment(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++
    if (this.text[this.pos] === '{') this.braced()
    else this.skipLine()
  }

  /** A name (entry type, key, field, macro): letters, digits and `+'&;_:\\./-`, plus `allow`. */
  protected key(allow = ''): string {
    const start = this.pos
    for (;;) {
      if (this.pos === this.text.length) throw new Unreadable()
      const ch = this.text[this.pos]!
      if (!KEY_CHAR.test(ch) && !allow.includes(ch)) return this.text.slice(start, this.pos)
      this.pos++
    }
  }

  /** The closing bracket of an item that opens with `{` or `(`. */
  protected guard(): string {
    for (const [open, close] of GUARDS) {
      if (!this.tryMatch(open)) continue
      this.match(open)
      return close
    }
    throw new Unreadable()
  }

  /** `token` must come next (after white space). */
  protected expect(token: string): void {
    if (!this.tryMatch(token)) throw new Unreadable()
    this.match(token)
  }

  /** Step over `token`, which must come next, and the white space after it unless told not to. */
  protected match(token: string, thenSkip = true): void {
    this.skipWhitespace()
    if (!this.text.startsWith(token, this.pos)) throw new Unreadable()
    this.pos += token.length
    if (thenSkip) this.skipWhitespace()
  }

  /** Whether `token` comes next (after white space), stepping over it when `consume`. */
  protected tryMatch(token: string, consume = false): boolean {
    this.skipWhitespace()
    const found = this.text.startsWith(token, this.pos)
    if (found && consume) this.pos += token.length
    return found
  }

  /** White space and `%` comments. */
  protected skipWhitespace(): void {
    for (let ch = this.text[this.pos]; ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n' || ch === '%'; ch = this.text[this.pos]) {
      if (ch === '%') this.skipLine()
      else this.pos++
    }
  }

  protected skipLine(): void {
    while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++
  }
}

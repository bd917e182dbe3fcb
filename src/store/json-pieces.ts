// JSON text too long to be one JavaScript string (V8 caps strings at ~512 MiB, which a library of
// ~100,000 summaries passes) parsed a piece at a time: the top-level object's members one by one,
// and each element of a top-level array on its own. The skeleton between the pieces is checked
// here; each piece is decoded and checked by JSON.parse itself, so the result is what JSON.parse
// would give for the whole text (the last of duplicate keys wins, `__proto__` stays a plain key).
// Hand-written because no JSON stream parser is among the dependencies, and this needs only the
// byte positions of one object's members and arrays' elements.

export const QUOTE = 0x22
export const BACKSLASH = 0x5c
export const COMMA = 0x2c
export const COLON = 0x3a
export const OPEN_OBJECT = 0x7b
export const CLOSE_OBJECT = 0x7d
export const OPEN_ARRAY = 0x5b
export const CLOSE_ARRAY = 0x5d

export function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09
}

/** What a piece of the text becomes: by default its value. */
type PieceValue = (bytes: Buffer, start: number, end: number) => unknown

const parsePiece: PieceValue = (bytes, start, end) => JSON.parse(bytes.toString('utf8', start, end))

class Pieces {
  private at = 0

  constructor(
    private readonly bytes: Buffer,
    private readonly value: PieceValue = parsePiece,
  ) {}

  fail(what: string): never {
    throw new SyntaxError(`${what} at byte ${this.at} of the JSON text`)
  }

  private skipSpace(): number | undefined {
    while (isSpace(this.bytes[this.at])) this.at++
    return this.bytes[this.at]
  }

  private expect(byte: number, what: string): void {
    if (this.skipSpace() !== byte) this.fail(`Expected ${what}`)
    this.at++
  }

  /** Index just past the string starting at `start` (its opening quote). */
  private stringEnd(start: number): number {
    for (let quote = this.bytes.indexOf(QUOTE, start + 1); quote >= 0; quote = this.bytes.indexOf(QUOTE, quote + 1)) {
      let backslashes = 0
      while (this.bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++
      if (backslashes % 2 === 0) return quote + 1
    }
    this.at = start
    return this.fail('Unterminated string')
  }

  /** Index just past the value starting here; nesting and strings skipped, not checked (JSON.parse does). */
  private valueEnd(): number {
    let depth = 0
    let i = this.at
    for (;;) {
      const byte = this.bytes[i]
      if (byte === undefined) {
        if (depth === 0) return i
        this.at = i
        this.fail('Unexpected end')
      }
      if (byte === QUOTE) i = this.stringEnd(i)
      else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
        depth++
        i++
      } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        if (depth === 0) return i // the end of the enclosing array or object
        depth--
        i++
      } else if (depth === 0 && (byte === COMMA || byte === COLON || isSpace(byte))) return i
      else i++
      // A string, object or array at the top is complete once closed.
      if (depth === 0 && (byte === QUOTE || byte === CLOSE_OBJECT || byte === CLOSE_ARRAY)) return i
    }
  }

  /** The value starting here, from its own piece of text (by default parsed by JSON.parse). */
  private piece(value = this.value): unknown {
    this.skipSpace()
    const start = this.at
    const end = this.valueEnd()
    if (end === start) this.fail('Expected a value')
    this.at = end
    return value(this.bytes, start, end)
  }

  private array(): unknown[] {
    this.expect(OPEN_ARRAY, '"["')
    const items: unknown[] = []
    if (this.skipSpace() === CLOSE_ARRAY) return (this.at++, items)
    for (;;) {
      items.push(this.piece())
      const next = this.skipSpace()
      this.at++
      if (next === CLOSE_ARRAY) return items
      if (next !== COMMA) {
        this.at--
        this.fail('Expected "," or "]"')
      }
    }
  }

  /** The whole text: one object whose array members are read element by element. */
  document(): unknown {
    this.expect(OPEN_OBJECT, '"{"')
    const members = new Map<string, unknown>()
    if (this.skipSpace() === CLOSE_OBJECT) this.at++
    else {
      for (;;) {
        if (this.skipSpace() !== QUOTE) this.fail('Expected a member name')
        const key = this.piece(parsePiece)
        this.expect(COLON, '":"')
        members.set(key as string, this.skipSpace() === OPEN_ARRAY ? this.array() : this.piece())
        const next = this.skipSpace()
        this.at++
        if (next === CLOSE_OBJECT) break
        if (next !== COMMA) {
          this.at--
          this.fail('Expected "," or "}"')
        }
      }
    }
    if (this.skipSpace() !== undefined) this.fail('Unexpected text after the end')
    return Object.fromEntries(members) // defines own keys, as JSON.parse does: `__proto__` is a plain key
  }
}

/**
 * Parse UTF-8 JSON `bytes` (already checked to be valid UTF-8) without making one string of them.
 * The text must be an object; anything JSON.parse would refuse throws a SyntaxError.
 */
export function parseJsonPieces(bytes: Buffer): unknown {
  return new Pieces(bytes).document()
}

/** Where a piece lies in the text: its first byte and the byte just past it. */
export type ByteRange = readonly [start: number, end: number]

/**
 * Where each piece of the JSON object in `bytes` lies, instead of its value: each top-level
 * member's value as a range, each element of a top-level array as one (the last of duplicate
 * members wins, as in parseJsonPieces). The pieces are found, not checked: use it on a text
 * that parsed.
 */
export function jsonPieceRanges(bytes: Buffer): Record<string, ByteRange | ByteRange[]> {
  return new Pieces(bytes, (_, start, end) => [start, end]).document() as Record<string, ByteRange | ByteRange[]>
}

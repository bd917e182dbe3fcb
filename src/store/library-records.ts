// The library file read record by record from its bytes, a window of them at a time, for what is
// built from the whole library (the index, the search postings) without holding it whole: its
// bytes, its text and every record parsed at once were ~1.4 GB for a library of 0.5 GB.
//
// It accepts only what a whole read accepts, by the same checks (json-pieces.ts's skeleton, each
// record through JSON.parse and the schema's check, no two papers with one key nor two summaries
// with one id), and a narrower shape still: a format version whose records are read as they are (upgrade.ts), `papers` before
// `summaries`, each member once. Anything else, it says so and the caller reads the file whole,
// which accepts it or refuses it in its own words: a damaged library is refused exactly as before.
import { isUtf8 } from 'node:buffer'
import { closeSync, fstatSync, readSync } from 'node:fs'
import { LIBRARY_FORMAT, type Paper, type Summary, type TrashEntry } from '../core/model.js'
import { readPaper, readSummary, readTrashEntry } from '../core/schema/schema.js'
import { recordsAsTheyAre } from '../core/schema/upgrade.js'
import { openRegularFile, type OpenFile } from '../platform/regular-file.js'
import { identityOf, type FileIdentity } from './index/identity.js'
import { MAX_LIBRARY_FILE_BYTES } from './size-limit.js'
import { BACKSLASH, CLOSE_ARRAY, CLOSE_OBJECT, COLON, COMMA, isSpace, OPEN_ARRAY, OPEN_OBJECT, QUOTE } from './json-pieces.js'

/** What is told each record, in file order, with where it lies: [start, end) in bytes. */
export interface LibraryVisitor {
  paper(paper: Paper, start: number, end: number): void
  summary(summary: Summary, start: number, end: number): void
  trash(entry: TrashEntry): void
}

/** Bytes read from the file at a time. */
const STEP_BYTES = 8 * 1024 * 1024

/** Not read this way: the caller reads the file whole. */
class NotStreamed extends Error {}

/** The bytes of an open file from a position on, read a step at a time; those before `keepFrom` are let go. */
class FileWindow {
  private bytes = Buffer.alloc(0)
  /** Where `bytes` lie, with room for a step after what is kept. */
  private room = Buffer.alloc(0)
  /** The file position of bytes[0]. */
  private start = 0
  private read = 0
  /** Bytes from here on are kept (the start of the piece being read). */
  keepFrom = 0

  constructor(
    private readonly fd: number,
    private readonly size: number,
    private readonly step: number,
  ) {}

  /** The byte at file position `at`, or undefined past the end. */
  at(at: number): number | undefined {
    while (at >= this.read) if (!this.more()) return undefined
    return this.bytes[at - this.start]
  }

  /** The first position from `from` on holding `byte`, or -1. */
  indexOf(byte: number, from: number): number {
    for (;;) {
      if (from < this.read) {
        const found = this.bytes.indexOf(byte, from - this.start)
        if (found >= 0) return found + this.start
        from = this.read
      }
      if (!this.more()) return -1
    }
  }

  /** The text of [start, end), which must be valid UTF-8. */
  text(start: number, end: number): string {
    const piece = this.bytes.subarray(start - this.start, end - this.start)
    if (!isUtf8(piece)) throw new NotStreamed()
    return piece.toString('utf8')
  }

  private more(): boolean {
    if (this.read >= this.size) return false
    const keptAt = this.keepFrom - this.start
    const kept = this.bytes.subarray(keptAt)
    const step = Math.min(this.step, this.size - this.read)
    // One buffer, the bytes kept moved to its start (a record's text is copied out of it): a new
    // one each step left the C heap holding hundreds of MB at 100,000 summaries (freed blocks of
    // 8 MiB, which malloc keeps once it has taken them from the heap, not mapped them). A record
    // longer than a step stays at the start, and the next step is read after it; the buffer grows
    // by doubling, so a record of 50 MB is not copied into a new buffer at each of its steps
    // (1.4 s of copying and page faults, against 0.1 s).
    if (this.room.length < kept.length + step) {
      const grown = Buffer.allocUnsafe(Math.max(2 * this.step, kept.length + step, 2 * this.room.length))
      kept.copy(grown)
      this.room = grown
    } else if (keptAt > 0) kept.copy(this.room)
    const next = this.room.subarray(0, kept.length + step)
    let filled = 0
    while (filled < step) {
      const got = readSync(this.fd, next, kept.length + filled, step - filled, this.read + filled)
      if (got === 0) throw new NotStreamed() // shorter than it was: changed meanwhile
      filled += got
    }
    this.bytes = next
    this.start = this.keepFrom
    this.read += step
    return true
  }
}

/** The skeleton of the library object and its pieces, as json-pieces.ts reads them, over a FileWindow. */
class Reader {
  private at = 0

  constructor(private readonly window: FileWindow) {}

  private skipSpace(): number | undefined {
    while (isSpace(this.window.at(this.at))) this.at++
    return this.window.at(this.at)
  }

  private expect(byte: number): void {
    if (this.skipSpace() !== byte) throw new NotStreamed()
    this.at++
  }

  private stringEnd(start: number): number {
    for (let quote = this.window.indexOf(QUOTE, start + 1); quote >= 0; quote = this.window.indexOf(QUOTE, quote + 1)) {
      let backslashes = 0
      while (this.window.at(quote - 1 - backslashes) === BACKSLASH) backslashes++
      if (backslashes % 2 === 0) return quote + 1
    }
    throw new NotStreamed()
  }

  /** Just past the value starting here (json-pieces.ts's valueEnd: nesting and strings skipped, JSON.parse checks them). */
  private valueEnd(): number {
    let depth = 0
    let i = this.at
    for (;;) {
      const byte = this.window.at(i)
      if (byte === undefined) {
        if (depth === 0) return i
        throw new NotStreamed()
      }
      if (byte === QUOTE) i = this.stringEnd(i)
      else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
        depth++
        i++
      } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        if (depth === 0) return i
        depth--
        i++
      } else if (depth === 0 && (byte === COMMA || byte === COLON || isSpace(byte))) return i
      else i++
      if (depth === 0 && (byte === QUOTE || byte === CLOSE_OBJECT || byte === CLOSE_ARRAY)) return i
    }
  }

  /** The next value parsed by JSON.parse from its own bytes, with where it lies. */
  private piece(): { value: unknown; start: number; end: number } {
    this.skipSpace()
    const start = this.at
    this.window.keepFrom = start
    const end = this.valueEnd()
    if (end === start) throw new NotStreamed()
    this.at = end
    let value: unknown
    try {
      value = JSON.parse(this.window.text(start, end))
    } catch {
      throw new NotStreamed()
    }
    return { value, start, end }
  }

  private array(each: (value: unknown, start: number, end: number) => void): void {
    this.expect(OPEN_ARRAY)
    if (this.skipSpace() === CLOSE_ARRAY) return void this.at++
    for (;;) {
      const { value, start, end } = this.piece()
      each(value, start, end)
      const next = this.skipSpace()
      this.at++
      if (next === CLOSE_ARRAY) return
      if (next !== COMMA) throw new NotStreamed()
    }
  }

  /** The whole text, its records told to `visitor`; whether it is a library of the current format. */
  document(visitor: LibraryVisitor): void {
    const seen = new Set<string>()
    const keys = new Set<string>()
    const ids = new Set<string>()
    const checked = <T>(value: T | undefined): T => {
      if (value === undefined) throw new NotStreamed()
      return value
    }
    const lists: Record<string, (value: unknown, start: number, end: number) => void> = {
      papers: (value, start, end) => {
        const paper = checked(readPaper(value))
        if (keys.has(paper.key)) throw new NotStreamed()
        keys.add(paper.key)
        visitor.paper(paper, start, end)
      },
      summaries: (value, start, end) => {
        if (!seen.has('papers')) throw new NotStreamed() // their papers first: what is built of an entry needs its paper
        const summary = checked(readSummary(value))
        if (ids.has(summary.id)) throw new NotStreamed()
        ids.add(summary.id)
        visitor.summary(summary, start, end)
      },
      trash: (value) => visitor.trash(checked(readTrashEntry(value))),
    }
    this.expect(OPEN_OBJECT)
    let format: unknown
    let version: unknown
    if (this.skipSpace() === CLOSE_OBJECT) this.at++
    else {
      for (;;) {
        if (this.skipSpace() !== QUOTE) throw new NotStreamed()
        const name = this.piece().value as string
        if (seen.has(name)) throw new NotStreamed()
        seen.add(name)
        this.expect(COLON)
        const list = Object.hasOwn(lists, name) ? lists[name] : undefined
        if (list) this.array(list)
        else {
          const { value } = this.piece()
          if (name === 'format') format = value
          if (name === 'version') version = value
        }
        const next = this.skipSpace()
        this.at++
        if (next === CLOSE_OBJECT) break
        if (next !== COMMA) throw new NotStreamed()
      }
    }
    if (this.skipSpace() !== undefined) throw new NotStreamed()
    if (format !== LIBRARY_FORMAT || !recordsAsTheyAre(version) || !Object.keys(lists).every((name) => seen.has(name))) {
      throw new NotStreamed()
    }
  }
}

/**
 * Tell `visitor` every record of the library file at `path`, read a window at a time, and return
 * the identity of the file read; or null when it is not read this way (no such file, not one the
 * whole read would accept as it is, changed while being read): the caller then reads it whole.
 * Synchronous: run it as a whole read's parse is run (runWithDefaultSignals). `step`: bytes read at
 * a time (a parameter so tests can cut records at every place).
 */
export function visitLibrary(path: string, visitor: LibraryVisitor, step = STEP_BYTES): FileIdentity | null {
  return withLibraryFile(path, (opened) => {
    const identity = identityOf(fstatSync(opened.fd, { bigint: true }))
    if (opened.size === 0 || opened.size > MAX_LIBRARY_FILE_BYTES) return null
    try {
      new Reader(new FileWindow(opened.fd, opened.size, step)).document(visitor)
    } catch (error) {
      if (error instanceof NotStreamed) return null
      throw error
    }
    return identity
  })
}

/** What `use` makes of the regular file at `path`, opened for it and closed after; null when it cannot be opened so. */
function withLibraryFile<T>(path: string, use: (opened: OpenFile) => T | null): T | null {
  let opened
  try {
    opened = openRegularFile(path)
  } catch {
    return null
  }
  try {
    return use(opened)
  } finally {
    closeSync(opened.fd)
  }
}

/**
 * The papers of the library file at `path` that lie at `places` ([start, end) in bytes, as
 * visitLibrary told them), parsed and checked as it checks them; null when one is not a paper
 * there (the file changed since: the caller's identity check says so too).
 */
export function readPapersAt(path: string, places: readonly (readonly [number, number])[]): Paper[] | null {
  if (places.length === 0) return []
  return withLibraryFile(path, (opened) => {
    const papers: Paper[] = []
    for (const [start, end] of places) {
      if (end > opened.size) return null
      const bytes = Buffer.allocUnsafe(end - start)
      if (readSync(opened.fd, bytes, 0, bytes.length, start) !== bytes.length || !isUtf8(bytes)) return null
      let paper: Paper | undefined
      try {
        paper = readPaper(JSON.parse(bytes.toString('utf8')))
      } catch {
        return null
      }
      if (!paper) return null
      papers.push(paper)
    }
    return papers
  })
}

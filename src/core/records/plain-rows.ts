/**
 * `list`'s piped rows: one tab-separated line per entry (id, year, title, tags comma-separated),
 * each field on one line and sanitised (oneLine). Made here from the fields, and kept by an index
 * in UTF-8 with where each row starts (`PlainRows`), which a read checks (`arePlainRows`) and then
 * writes as they are: listing 100,000 entries then decodes no title, makes no row and encodes no text.
 */
import { oneLine } from '../text/sanitize.js'

/** What a row of `list` shows of each entry listed, a field per array, in the order listed. */
export interface ListedRows {
  /** Its summary's id, or its paper's key when it has none. */
  ids: string[]
  years: (number | null)[]
  titles: string[]
  /** entryTags: its summary's and its paper's own, or its paper's own when it has no summary. */
  tags: (readonly string[])[]
}

/** Rows of piped output made, one after another, in UTF-8, with where each starts and where the last one ends. */
export interface PlainRows {
  bytes: Uint8Array
  /** One more than the rows: `starts[i]` the byte where row i starts, the last where the bytes end. */
  starts: ArrayLike<number>
}

/**
 * Rows kept made (an index's), read either whole or a few at a time: `pick` reads and checks only
 * the rows it is asked for (each by its own checksum, then as rows: arePlainRows), so `list tag:x`
 * at 100,000 summaries checks the rows it writes, not the 9 MB of all of them.
 */
export interface KeptRows {
  /** How many rows there are. */
  readonly count: number
  /** Every row, checked whole. */
  all(): PlainRows
  /** The rows numbered `rows`, one after another, each checked. */
  pick(rows: ArrayLike<number>): Uint8Array
}

/** Every row of `rows` (held as made: nothing to check), read whole or picked. */
export function keptRowsOf(rows: PlainRows): KeptRows {
  const { bytes, starts } = rows
  return {
    count: starts.length - 1,
    all: () => rows,
    pick: (picked) => {
      let size = 0
      for (let i = 0; i < picked.length; i++) size += starts[picked[i]! + 1]! - starts[picked[i]!]!
      const piece = new Uint8Array(size)
      for (let i = 0, at = 0; i < picked.length; i++) {
        const [start, end] = [starts[picked[i]!]!, starts[picked[i]! + 1]!]
        piece.set(bytes.subarray(start, end), at)
        at += end - start
      }
      return piece
    },
  }
}

// eslint-disable-next-line no-control-regex -- what oneLine changes but tabs and line breaks (which separate a piece's fields and rows)
const CHANGED_BUT_SEPARATORS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/

/** How many times `char` occurs in `text`. */
const occurrences = (text: string, char: string) => text.length - text.replaceAll(char, '').length

/** The piped rows `start` to `end` of `rows`, one after another. */
export function plainPiece(rows: ListedRows, start: number, end: number): string {
  const { ids, years, titles, tags } = rows
  let piece = ''
  for (let i = start; i < end; i++) piece += `${ids[i]!}\t${years[i] ?? ''}\t${titles[i]!}\t${tags[i]!.join(',')}\n`
  // Most text has nothing oneLine changes: the piece made as it is, then checked whole. Its only tabs
  // and line breaks are then its separators (3 and 1 a row), and nothing else oneLine changes is in it.
  const count = end - start
  if (!CHANGED_BUT_SEPARATORS.test(piece) && occurrences(piece, '\t') === 3 * count && occurrences(piece, '\n') === count) return piece
  piece = ''
  for (let i = start; i < end; i++) piece += plainRow(rows, i)
  return piece
}

/** Row `i` of `rows` as piped output shows it (what plainPiece gives for it). */
const plainRow = (rows: ListedRows, i: number) =>
  `${oneLine(rows.ids[i]!)}\t${rows.years[i] ?? ''}\t${oneLine(rows.titles[i]!)}\t${oneLine(rows.tags[i]!.join(','))}\n`

const NEWLINE = 0x0a

/** Rows made and encoded at a time: the rows of a large library are never all held as text at once (a rebuild stays within its memory). */
const ROWS_PER_CHUNK = 1000

/** Every row of `rows` made, as an index keeps them. */
export function plainRowsOf(rows: ListedRows): PlainRows {
  const encoder = new TextEncoder()
  let bytes = new Uint8Array(64 * 1024)
  let size = 0
  for (let start = 0; start < rows.ids.length; start += ROWS_PER_CHUNK) {
    let text = ''
    for (let i = start, end = Math.min(rows.ids.length, start + ROWS_PER_CHUNK); i < end; i++) text += plainRow(rows, i)
    // At most 3 bytes a UTF-16 unit: room made for the most, then written where the last chunk ended.
    if (size + 3 * text.length > bytes.length) {
      const grown = new Uint8Array(Math.max(2 * bytes.length, size + 3 * text.length))
      grown.set(bytes.subarray(0, size))
      bytes = grown
    }
    size += encoder.encodeInto(text, bytes.subarray(size)).written
  }
  bytes = bytes.slice(0, size)
  // Each row ends with its only line break, and no byte of a letter beyond ASCII is one.
  const starts = [0]
  for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, at + 1)) starts.push(at + 1)
  return { bytes, starts }
}

/** Whether this machine stores a 32-bit word's low byte first: which byte of a word arePlainRows reads as which. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

const TAB = 0x09

/**
 * Whether the byte at `at` of valid UTF-8, neither a tab nor a line break, starts a letter oneLine
 * changes: C0 controls and DEL as themselves, C1 controls (C2 80–9F), U+061C (D8 9C), U+200E, U+200F
 * and U+202A–202E (E2 80 …), U+2066–2069 (E2 81 A6–A9). In valid UTF-8 these bytes begin a letter
 * wherever they are found, so they are found only as those letters.
 */
function changedAt(bytes: Uint8Array, at: number): boolean {
  const b = bytes[at]!
  if (b < 0x20 || b === 0x7f) return true
  const next = bytes[at + 1]!
  if (b === 0xc2) return next >= 0x80 && next <= 0x9f
  if (b === 0xd8) return next === 0x9c
  if (b !== 0xe2) return false
  const last = bytes[at + 2]!
  return (
    (next === 0x80 && (last === 0x8e || last === 0x8f || (last >= 0xaa && last <= 0xae))) || (next === 0x81 && last >= 0xa6 && last <= 0xa9)
  )
}

/**
 * The bytes from which arePlainRows reads them a word at a time: below, two regexes over the text
 * do it faster, run in C++ from the first byte, where the loop runs unoptimised for its first
 * hundreds of thousands of words (measured in a fresh process: 2,000 rows 0.9 ms by the regexes,
 * 3.4 ms by words; 10,000 rows 4.5 and 5.5–9.5 ms; 100,000 rows, 8.6 MB, 23–36 and 11–18 ms).
 */
const WORDWISE_FROM = 2 * 1024 * 1024

/**
 * What oneLine changes but tabs and line breaks, in the bytes of valid UTF-8 read one letter a byte
 * (Latin-1): changedAt's bytes. The first byte as one class, then what follows by what it was
 * (lookbehind): V8 scans for a class as fast as for a letter, where alternatives are tried at every
 * byte (measured: 11 ms and 29 ms over 8.6 MB).
 */
const CHANGED_BYTES =
  // eslint-disable-next-line no-control-regex -- the controls oneLine changes, as bytes
  /[\x00-\x08\x0b-\x1f\x7f\xc2\xd8\xe2](?:(?<=[\x00-\x08\x0b-\x1f\x7f])|(?<=\xc2)[\x80-\x9f]|(?<=\xd8)\x9c|(?<=\xe2)(?:\x80[\x8e\x8f\xaa-\xae]|\x81[\xa6-\xa9]))/

/** One row: four fields, the three tabs between them, and the line break ending it (sticky: matched where a row starts). */
const ROW = /[^\t\n]*\t[^\t\n]*\t[^\t\n]*\t[^\t\n]*\n/y

/**
 * Whether rows read from an index are rows plainRowsOf makes (nothing read is trusted): their bytes,
 * already known to be valid UTF-8, hold nothing oneLine would change, and each row is one line of
 * four fields (three tabs) ending where the next starts. What is written is then piped output
 * whatever the index held. `wordwise`: read four bytes at a time (rowsByWords), else by regexes
 * over the bytes read as Latin-1 (rowsByText); each is the faster at the sizes WORDWISE_FROM parts.
 */
export function arePlainRows(bytes: Uint8Array, starts: ArrayLike<number>, wordwise = bytes.length >= WORDWISE_FROM): boolean {
  const rows = starts.length - 1
  if (rows < 0 || starts[0] !== 0 || starts[rows] !== bytes.length) return false
  return wordwise
    ? rowsByWords(bytes, starts)
    : rowsByText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1'), starts)
}

/** arePlainRows by one regex over the text (a letter a byte), then one sticky match a row. */
function rowsByText(text: string, starts: ArrayLike<number>): boolean {
  if (CHANGED_BYTES.test(text)) return false
  for (let row = 0; row < starts.length - 1; row++) {
    ROW.lastIndex = starts[row]!
    if (!ROW.test(text) || ROW.lastIndex !== starts[row + 1]) return false
  }
  return true
}

/**
 * arePlainRows four bytes at a time: a word whose bytes are all printable ASCII (most of them) is
 * passed with a few operations, and only the bytes of the others looked at.
 */
function rowsByWords(bytes: Uint8Array, starts: ArrayLike<number>): boolean {
  const rows = starts.length - 1
  let row = 0
  let tabs = 0
  // One byte not printable ASCII: false when it breaks a row.
  const other = (at: number): boolean => {
    const b = bytes[at]!
    if (b === TAB) tabs++
    else if (b === NEWLINE) {
      if (tabs !== 3 || at + 1 !== starts[row + 1]) return false
      row++
      tabs = 0
    } else if (changedAt(bytes, at)) return false
    return true
  }
  // The bytes before the first whole word, and after the last, one at a time.
  const head = Math.min(bytes.length, (4 - (bytes.byteOffset & 3)) & 3)
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + head, (bytes.length - head) >>> 2)
  for (let at = 0; at < head; at++) if (bytes[at]! < 0x20 || bytes[at]! >= 0x7f) if (!other(at)) return false
  for (let w = 0; w < words.length; w++) {
    const x = words[w]!
    const low = x & 0x7f7f7f7f
    // The top bit of each byte below 0x20, or at or above 0x7f: the bytes added stay within their byte.
    let marked = (~((low + 0x60606060) | x) | (low + 0x01010101) | x) & 0x80808080
    while (marked !== 0) {
      // The marked bytes in the order they lie: the lowest bit first on a little-endian machine.
      const bit = LITTLE_ENDIAN ? marked & -marked : 1 << (31 - Math.clz32(marked))
      marked ^= bit
      const lane = (31 - Math.clz32(bit)) >> 3
      if (!other(head + 4 * w + (LITTLE_ENDIAN ? lane : 3 - lane))) return false
    }
  }
  for (let at = head + 4 * words.length; at < bytes.length; at++) if (bytes[at]! < 0x20 || bytes[at]! >= 0x7f) if (!other(at)) return false
  return row === rows
}

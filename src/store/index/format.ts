// The index file, framed as frame.ts lays out (the header's checksum: checksum.ts, 16 hex digits):
//
//   header       JSON: the library's path and identity, the record counts, each section's place and checksum
//   sections     one per field of the outline (columns.ts: `paper.title`, `summary.tags`, ...) and per
//                derived part (word counts, citations, tag counts, places, sort orders, statistics,
//                the name table of names.ts, `list`'s piped rows made); text as compact JSON arrays,
//                numbers as 64-bit floats, the name table's as 32-bit whole numbers and its names as
//                one text, the rows as the UTF-8 bytes `list` writes
//
// A read decodes only the sections it uses, each when first used. JSON stays for text: V8's parser
// does in C++ what a hand-written decoder would do in JavaScript (measured: the same time at 10k).
// Numbers are read where they lie, with no parse. Checks loop over the values and allocate nothing.
// Nothing in the file is trusted: any damage, truncation or unexpected shape reads as no index, and
// the library is read instead.
import type { NumberList, PaperOutline, SortOrder, SummaryOutline } from '../../core/records/outline.js'
import type { LibraryStats } from '../../core/stats/stats-types.js'
import { SORT_ORDERS, STATS_ROWS, type IndexContents } from './contents.js'
import { isCount, isText, isTextList, PAPER_COLUMNS, sectionName, SUMMARY_COLUMNS, type Column, type ColumnKind } from './columns.js'
import { checksum, sectionChecksum } from './checksum.js'
import { alignedSections, checkedHeader, FIXED_BYTES, framedParts, frameVersion, headerEnd, type Frame } from './frame.js'
import { isFileIdentity } from './identity.js'
import type { NameTable } from './names.js'
import { chunkedNames, DamagedNames, encodeNames } from './name-chunks.js'
import { arePlainRows, keptRowsOf, type KeptRows, type PlainRows } from '../../core/records/plain-rows.js'
import { isUtf8 } from 'node:buffer'
import { lazyRequire } from '../../core/lazy-require.js'

/**
 * Loaded when a section is first read by its blocks or a few rows are picked (a search has loaded it
 * for its postings already), and by builds: `tags`, `stats` and `show` load no node:zlib.
 */
const zlib = lazyRequire<typeof import('node:zlib')>('node:zlib')

/** Raised whenever what the index holds or how it is laid out changes. */
export const INDEX_FORMAT_VERSION = 12

const INDEX_FRAME: Frame = {
  magic: Buffer.from('precisIX', 'latin1'),
  version: INDEX_FORMAT_VERSION,
}

/** What the orders were sorted with: the English collation of this ICU (entries.ts). Another ICU may order otherwise. */
const COLLATION = `icu ${process.versions.icu ?? 'none'}`

const AT = Symbol('row')

/**
 * Views of `count` records whose fields are read from `columns` (one array of values per field,
 * decoded when a field is first read), or row by row from `rows` for the fields it has: a read
 * decodes only the fields it uses, and a search only the ids and keys of the entries it shows.
 */
function rowViews<R>(
  columns: ReadonlyMap<keyof R & string, () => readonly unknown[]>,
  count: number,
  rows: ReadonlyMap<keyof R & string, (at: number) => unknown>,
): RowViews<R> {
  const fields = [...columns.keys()]
  class Row {
    readonly [AT]: number
    constructor(at: number) {
      this[AT] = at
    }
    /** The record as a plain object (what JSON.stringify writes), as read from the library. */
    toJSON(): Record<string, unknown> {
      const plain: Record<string, unknown> = {}
      for (const field of fields) {
        const value = (this as unknown as Record<string, unknown>)[field]
        if (value !== undefined) plain[field] = value
      }
      return plain
    }
  }
  for (const [field, column] of columns) {
    const row = rows.get(field)
    Object.defineProperty(Row.prototype, field, {
      enumerable: true,
      get: row
        ? function (this: Row) {
            return row(this[AT])
          }
        : function (this: Row) {
            return column()[this[AT]]
          },
    })
  }
  const made: (R | undefined)[] = new Array<R | undefined>(count)
  const at = (i: number) => (made[i] ??= new Row(i) as unknown as R)
  let all: R[] | undefined
  return {
    at: (i) => (i >= 0 && i < count ? at(i) : undefined),
    all: () => (all ??= Array.from({ length: count }, (_, i) => at(i))),
  }
}

/** The views of a list's records: one made when first asked for (a search looks at a few), or all of them, the same views. */
interface RowViews<R> {
  at(at: number): R | undefined
  all(): R[]
}

/**
 * How a section's bytes hold its value: as a column's do; as 32-bit unsigned whole numbers (where
 * `list`'s rows start: half the bytes of floats, and whole by their type); as Latin-1 text (the
 * checksums of the places' blocks); or as bytes as they are (`list`'s rows, UTF-8, written out as
 * they are; the name table's chunks, JSON in UTF-8, each checked on its own: name-chunks.ts).
 */
type SectionKind = ColumnKind | 'u32' | 'latin1' | 'bytes'

/**
 * The places are also checked in blocks of this many bytes (64 records), each block's checksum in
 * a section of its own (`paperPlaces.sums`): a read of a few records (`show`, a search's hits)
 * checks the blocks they lie in, not the whole section (whose CRC-32 would load node:zlib). Their
 * checksum is computed here (`show` loads no node:zlib): blocks of 4 KiB made a search's 40 of them
 * cost milliseconds in a fresh process; their checksums (16 bytes a block) stay under 32 KiB to
 * 130,000 records.
 */
const PLACE_BLOCK = 1024
const PLACE_SECTIONS = new Set(['paperPlaces', 'summaryPlaces'])

/**
 * Sections also checked in blocks of ROW_BLOCK bytes, each block's CRC-32 in `<name>.blocks`
 * (32-bit whole numbers): a search reads a few values of each (where its shown entries' records
 * are, their ids and keys, the ranks of the ties it breaks) and checks the blocks they lie in, not
 * the whole section (at 100,000 summaries 2 MB of ids, 2 MB of keys, 3 MB of entries).
 */
const ROW_BLOCK = 4096
const ROW_SECTIONS = new Set(['entries', 'order.ties'])

/**
 * Text columns a search reads a few rows of (the ids and keys of the entries it shows): kept as
 * the other text columns are (one JSON array: `list` decodes all of it at once), with where each
 * row's JSON ends in it (`<name>.ends`, 32-bit whole numbers; a row starts one byte after the
 * end before it, past the comma, the first after the bracket), both read by their blocks.
 */
const ROW_COLUMNS = new Set(['paper.key', 'summary.id'])

/** The CRC-32 of each block of ROW_BLOCK bytes of `bytes`. */
function rowBlockChecks(bytes: Uint8Array): Uint32Array {
  const checks = new Uint32Array(Math.ceil(bytes.length / ROW_BLOCK))
  for (let b = 0; b < checks.length; b++) checks[b] = zlib().crc32(bytes.subarray(b * ROW_BLOCK, (b + 1) * ROW_BLOCK))
  return checks
}

/** Where the JSON of each value ends in the JSON array of `values` (ROW_COLUMNS), in bytes. */
function rowEnds(values: readonly unknown[]): Uint32Array {
  const ends = new Uint32Array(values.length)
  let end = 0
  // (`null` for what JSON.stringify writes as null inside an array: nothing precis stores.)
  for (let i = 0; i < values.length; i++) ends[i] = end += 1 + Buffer.byteLength(JSON.stringify(values[i]) ?? 'null')
  return ends
}

/** The checksums of `places`' blocks of PLACE_BLOCK bytes, one after another. */
function blockSums(places: Buffer): string {
  let sums = ''
  for (let start = 0; start < places.length; start += PLACE_BLOCK) sums += checksum(places.subarray(start, start + PLACE_BLOCK))
  return sums
}

function sectionsOf(contents: IndexContents): [string, SectionKind, unknown][] {
  const columnSections = <R>(record: 'paper' | 'summary', columns: readonly Column<R>[], rows: readonly R[]) =>
    columns.flatMap((c): [string, SectionKind, unknown][] => {
      const name = sectionName(record, c.field)
      const values = rows.map(c.stored)
      return ROW_COLUMNS.has(name)
        ? [
            [name, c.kind, values],
            [`${name}.ends`, 'u32', rowEnds(values)],
          ]
        : [[name, c.kind, values]]
    })
  const names = encodeNames(contents.names)
  return [
    ...columnSections('paper', PAPER_COLUMNS, contents.papers),
    ...columnSections('summary', SUMMARY_COLUMNS, contents.summaries),
    ['trash', 'json', contents.trashIds],
    ['words', 'numbers', contents.words],
    ['cites', 'json', contents.cites],
    ['tagCounts', 'json', contents.tagCounts.map(({ tag, count, own }) => [tag, count, own])],
    ['paperPlaces', 'numbers', contents.paperPlaces],
    ['summaryPlaces', 'numbers', contents.summaryPlaces],
    ['collation', 'json', contents.orders ? COLLATION : null],
    ...SORT_ORDERS.map((order): [string, SectionKind, unknown] => [`order.${order}`, 'numbers', contents.orders?.[order] ?? []]),
    // Ranked with this ICU's collation too (ids compare with it): none when the orders are not.
    ['order.ties', 'numbers', (contents.orders && contents.ties) ?? []],
    ['entries', 'numbers', contents.entryPlaces],
    ['stats', 'json', contents.stats],
    ['names', 'bytes', names.chunks],
    ['names.chunks', 'json', names.directory],
    ['rows', 'bytes', contents.plainRows.bytes],
    ['rows.starts', 'u32', contents.plainRows.starts],
    ['rows.sums', 'u32', rowSums(contents.plainRows)],
    ['tagged', 'json', contents.taggedEntries.tags],
    ['tagged.lists', 'u32', taggedLists(contents.taggedEntries)],
  ]
}

/** The CRC-32 of each of `list`'s rows: what a read of a few rows checks them by (KeptRows.pick). */
function rowSums({ bytes, starts }: PlainRows): Uint32Array {
  const sums = new Uint32Array(Math.max(0, starts.length - 1))
  const { crc32 } = zlib()
  for (let row = 0; row < sums.length; row++) sums[row] = crc32(bytes.subarray(starts[row], starts[row + 1]))
  return sums
}

/** The tagged entries' lists as one section: where each tag's keys start (one more than the tags), then the keys. */
function taggedLists({ starts, keys }: IndexContents['taggedEntries']): Uint32Array {
  const lists = new Uint32Array(starts.length + keys.length)
  for (let i = 0; i < starts.length; i++) lists[i] = starts[i]!
  for (let i = 0; i < keys.length; i++) lists[starts.length + i] = keys[i]!
  return lists
}

/** The index file's bytes for `contents`. */
export function encodeIndex(contents: IndexContents): Buffer {
  return Buffer.concat(indexParts(contents))
}

/** The index file's bytes as parts to write one after another (framedParts). */
export function indexParts(contents: IndexContents): Buffer[] {
  const bytesOf = (kind: SectionKind, value: unknown) => {
    if (kind === 'json') return Buffer.from(JSON.stringify(value))
    if (kind === 'numbers') return Buffer.from(Float64Array.from(value as ArrayLike<number>).buffer)
    if (kind === 'u32') return Buffer.from(Uint32Array.from(value as ArrayLike<number>).buffer)
    if (kind === 'bytes') {
      const bytes = value as Uint8Array
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) // no copy: 9 MB at 100k
    }
    return Buffer.from(value as string, 'latin1')
  }
  const parts = sectionsOf(contents).flatMap(([name, kind, value]) => {
    const bytes = bytesOf(kind, value)
    if (PLACE_SECTIONS.has(name)) return [[name, bytes] as const, [`${name}.sums`, Buffer.from(blockSums(bytes), 'latin1')] as const]
    if (ROW_SECTIONS.has(name) || ROW_COLUMNS.has(name) || ROW_COLUMNS.has(name.replace(/\.ends$/, '')))
      return [[name, bytes] as const, [`${name}.blocks`, bytesOf('u32', rowBlockChecks(bytes))] as const]
    return [[name, bytes] as const]
  })
  const { bodies, places } = alignedSections(parts, sectionChecksum)
  const counts = { papers: contents.papers.length, summaries: contents.summaries.length }
  return framedParts(INDEX_FRAME, { library: contents.library, identity: contents.identity, counts, sections: places }, bodies)
}

/**
 * Whether `pairs` are [summary index or -1, paper index] pairs, each index one of a record (a forged
 * order lists wrong records, never missing ones). One loop of comparisons: an order holds every entry.
 */
function areEntryPairs(pairs: Float64Array, summaries: number, papers: number): boolean {
  for (let i = 0; i < pairs.length; i += 2) {
    const summary = pairs[i]!
    const paper = pairs[i + 1]!
    // Whole numbers as `| 0` keeps them (the counts are far below 2^31): no call per value, in a loop a
    // search runs once over every entry, unoptimised.
    if (!((summary | 0) === summary && summary >= -1 && summary < summaries && (paper | 0) === paper && paper >= 0 && paper < papers))
      return false
  }
  return true
}

/** Whether every rank is a whole number below their count (two entries may share one). */
const areRanks = (ranks: Float64Array) => ranksBelow(ranks, ranks.length)

/** Whether every rank is a whole number below `count`. */
function ranksBelow(ranks: Float64Array, count: number): boolean {
  for (let i = 0; i < ranks.length; i++) {
    const rank = ranks[i]!
    if (!((rank | 0) === rank && rank >= 0 && rank < count)) return false // (whole as areEntryPairs checks)
  }
  return true
}

/** Whether every item of `values` passes `valid`: one loop, nothing allocated. */
function everyItem(values: ArrayLike<unknown>, valid: (value: unknown) => boolean): boolean {
  for (let i = 0; i < values.length; i++) if (!valid(values[i])) return false
  return true
}

const isTagRow = (row: unknown) => Array.isArray(row) && row.length === 3 && isText(row[0]) && isCount(row[1]) && isCount(row[2])
const isWhole = (value: unknown) => Number.isSafeInteger(value)
const isStatsRow = (fields: Record<string, (value: unknown) => boolean>) => (row: unknown) =>
  typeof row === 'object' && row !== null && Object.entries(fields).every(([name, valid]) => valid((row as Record<string, unknown>)[name]))
const isYearRow = isStatsRow({ year: isWhole, count: isCount })
const isNamedRow = isStatsRow({ name: isText, count: isCount })

/** Whether `value` is the statistics precis computes (core/stats/stats-types.ts), top lists of at most STATS_ROWS. */
function isStats(value: unknown): value is LibraryStats {
  if (typeof value !== 'object' || value === null) return false
  const s = value as Record<string, unknown>
  const list = (name: string, row: (value: unknown) => boolean, most = Infinity) =>
    Array.isArray(s[name]) && (s[name] as unknown[]).length <= most && everyItem(s[name] as unknown[], row)
  return (
    ['papers', 'summaries', 'words', 'toSummarise', 'undated'].every((name) => isCount(s[name])) &&
    list('perYear', isYearRow) &&
    list('writtenPerYear', isYearRow) &&
    list('topTags', isNamedRow, STATS_ROWS) &&
    list('topVenues', isNamedRow, STATS_ROWS) &&
    list('longest', isStatsRow({ id: isText, title: isText, words: isCount }), STATS_ROWS) &&
    list('mostCited', isStatsRow({ key: isText, title: isText, citedBy: isCount }), STATS_ROWS)
  )
}

/** Whether every value is a count (isCount), in a loop over the floats with no call per value. */
function allCounts(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!
    if (!(value >= 0 && value <= Number.MAX_SAFE_INTEGER && Math.floor(value) === value)) return false
  }
  return true
}

/**
 * Whether every value is NaN (no year) or a whole number, as the year column holds them: one loop, no
 * call per value. A year is a whole number `| 0` keeps; only another is tested with Math.floor (a call
 * per value cost ~200 ns in the loop a `year:` filter runs once, unoptimised: 2 ms at 10,000 papers).
 */
function allYears(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!
    if (value !== value || (value | 0) === value) continue
    if (!(Math.floor(value) === value && value >= -Number.MAX_SAFE_INTEGER && value <= Number.MAX_SAFE_INTEGER)) return false
  }
  return true
}

/** Where an index's bytes come from: all of them at hand, or its start, with each section read when first used. */
export interface IndexBytes {
  /** The file's first bytes: at least its fixed start and its header, when it is an index of this format. */
  head: Buffer
  /** The file's length. */
  size: number
  /** `length` bytes from `start`; undefined when they cannot be read as they were (the file was replaced meanwhile). */
  read(start: number, length: number): Buffer | undefined
}

/** An index's bytes, all at hand. */
const allAtHand = (bytes: Buffer): IndexBytes => ({
  head: bytes,
  size: bytes.length,
  read: (start, length) => bytes.subarray(start, start + length),
})

interface Header {
  library: string
  identity: IndexContents['identity']
  counts: { papers: number; summaries: number }
  /** Each section's place in the file and the checksum of its bytes (read and checked when the section is decoded: a read uses only some). */
  sections: Map<string, { start: number; length: number; sum: string }>
  bytes: IndexBytes
}

/** The header of an index file; null when it is not a whole index of this format (its header checked, each section within the file). */
function readHeader(source: IndexBytes): Header | null {
  const bytes = source.head
  const end = headerEnd(INDEX_FRAME, bytes)
  const text = end === null || end > bytes.length ? null : checkedHeader(INDEX_FRAME, bytes, bytes.subarray(FIXED_BYTES, end))
  if (text === null) return null
  const header = JSON.parse(text) as Record<string, unknown>
  const counts = header.counts as Record<string, unknown> | null
  if (!isText(header.library) || !isFileIdentity(header.identity) || !Array.isArray(header.sections)) return null
  if (typeof counts !== 'object' || counts === null || !isCount(counts.papers) || !isCount(counts.summaries)) return null
  const sections = new Map<string, { start: number; length: number; sum: string }>()
  for (const section of header.sections as unknown[]) {
    if (!Array.isArray(section) || section.length !== 4) return null
    const [name, offset, length, sum] = section as unknown[]
    if (!isText(name) || !isCount(offset) || !isCount(length) || !isText(sum)) return null
    const start = end! + offset
    if (start + length > source.size) return null // cut short
    sections.set(name, { start, length, sum })
  }
  return {
    library: header.library,
    identity: header.identity,
    counts: { papers: counts.papers, summaries: counts.summaries },
    sections,
    bytes: source,
  }
}

/** Raised for a column that is not what precis writes, when there is no library to fall back on. */
export class ForeignIndexError extends Error {}

/**
 * What to use instead of an index whose header holds but one of whose columns does not (damaged
 * after the header was read, or made by hand to pass the checksums, or by a precis with a bug):
 * the same contents taken from the library itself. An index is derived data, so such a file
 * costs time, never an answer.
 */
export type IndexFallback = () => IndexContents

/** True when `start` (an index file's first bytes) is an index of an older format than this precis writes. */
export function isOlderIndex(start: Buffer): boolean {
  const version = frameVersion(INDEX_FRAME, start)
  return version !== null && version < INDEX_FORMAT_VERSION
}

/** How many bytes of an index file hold its fixed start and header, or null when `start` (its first bytes) is not one of this format. */
export function headerBytes(start: Buffer): number | null {
  return headerEnd(INDEX_FRAME, start)
}

/** The library an index file says it was built from, read from its start (the fixed part and the header, checked); null when it does not say. */
export function indexedLibrary(start: Buffer): string | null {
  const end = headerBytes(start)
  if (end === null || end > start.length) return null
  const header = checkedHeader(INDEX_FRAME, start, start.subarray(FIXED_BYTES, end))
  if (header === null) return null
  try {
    const library = (JSON.parse(header) as Record<string, unknown>).library
    return isText(library) ? library : null
  } catch {
    return null
  }
}

/** A section's bytes when its checksum holds; undefined when it is missing or damaged. */
function sectionBytes(header: Header, name: string): Buffer | undefined {
  const section = header.sections.get(name)
  const body = section && header.bytes.read(section.start, section.length)
  return body && body.length === section.length && sectionChecksum(body) === section.sum ? body : undefined
}

/** A JSON section's value when its checksum holds and it parses; undefined otherwise. */
function jsonSection(header: Header, name: string): unknown {
  const body = sectionBytes(header, name)
  if (!body) return undefined
  try {
    return JSON.parse(body.toString('utf8')) as unknown
  } catch {
    return undefined
  }
}

/** A section of numbers, read where it lies when it is aligned (encodeIndex aligns it), else copied; undefined when damaged. */
function numberSection(header: Header, name: string): Float64Array | undefined {
  const body = sectionBytes(header, name)
  if (!body || body.length % 8 !== 0) return undefined
  const aligned = body.byteOffset % 8 === 0 ? body : Buffer.from(body)
  return new Float64Array(aligned.buffer, aligned.byteOffset, aligned.length / 8)
}

/** A section of 32-bit whole numbers, read where it lies when it is aligned, else copied; undefined when damaged. */
function wholeSection(header: Header, name: string): Uint32Array | undefined {
  const body = sectionBytes(header, name)
  if (!body || body.length % 4 !== 0) return undefined
  const aligned = body.byteOffset % 4 === 0 ? body : Buffer.from(body)
  return new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.length / 4)
}

/**
 * Where record `at` of `count` lies, as the section `name` of places holds it: read from the one
 * block of PLACE_BLOCK bytes it is in, checked (its checksum in `<name>.sums`, each value a count)
 * when first used. Undefined for a position out of range, or when the block or the sums are not
 * what precis writes: the caller then reads the whole section (checked whole, else the fallback's).
 */
function placeInBlocks(header: Header, name: string, count: number) {
  const blocks = new Map<number, Float64Array | null>()
  let sums: string | null | undefined
  const block = (b: number): Float64Array | null => {
    const section = header.sections.get(name)
    if (sums === undefined) {
      const bytes = sectionBytes(header, `${name}.sums`)
      const expected = section && section.length === 16 * count ? 16 * Math.ceil(section.length / PLACE_BLOCK) : -1
      sums = bytes && bytes.length === expected ? bytes.toString('latin1') : null
    }
    if (sums === null || !section) return null
    const start = b * PLACE_BLOCK
    const length = Math.min(PLACE_BLOCK, section.length - start)
    const bytes = header.bytes.read(section.start + start, length)
    if (!bytes || bytes.length !== length || checksum(bytes) !== sums.slice(16 * b, 16 * b + 16)) return null
    const values = new Float64Array(length / 8)
    new Uint8Array(values.buffer).set(bytes) // copied: a Float64Array starts at a multiple of 8 bytes
    return allCounts(values) ? values : null
  }
  return (at: number): readonly [number, number] | undefined => {
    if (!(Number.isSafeInteger(at) && at >= 0 && at < count)) return undefined
    const b = Math.floor((16 * at) / PLACE_BLOCK)
    if (!blocks.has(b)) blocks.set(b, block(b))
    const values = blocks.get(b)
    const i = (2 * at) % (PLACE_BLOCK / 8)
    return values ? [values[i]!, values[i + 1]!] : undefined
  }
}

/**
 * Bytes `start` to `end` of the section `name` (of ROW_SECTIONS, ROW_COLUMNS) read from the blocks of
 * ROW_BLOCK bytes they lie in, each block checked (its CRC-32 in `<name>.blocks`, then `valid`) when
 * first read, and kept. Undefined for bytes outside the section, or when a block or the checks are
 * not what precis writes: the caller then reads the whole section (checked whole, else the fallback's).
 */
function blockedBytes(header: Header, name: string, valid: (block: Buffer) => boolean = () => true) {
  const section = header.sections.get(name)
  const blocks = new Map<number, Buffer | null>()
  let checks: Uint32Array | null | undefined
  const block = (b: number): Buffer | null => {
    if (!section) return null
    if (checks === undefined) {
      const read = wholeSection(header, `${name}.blocks`)
      checks = read && read.length === Math.ceil(section.length / ROW_BLOCK) ? read : null
    }
    const start = b * ROW_BLOCK
    const length = Math.min(ROW_BLOCK, section.length - start)
    const bytes = checks && header.bytes.read(section.start + start, length)
    return bytes && bytes.length === length && zlib().crc32(bytes) === checks![b] && valid(bytes) ? bytes : null
  }
  return (start: number, end: number): Buffer | undefined => {
    if (!section || !(Number.isSafeInteger(start) && Number.isSafeInteger(end) && 0 <= start && start < end && end <= section.length))
      return undefined
    const first = Math.floor(start / ROW_BLOCK)
    const last = Math.floor((end - 1) / ROW_BLOCK)
    const pieces: Buffer[] = []
    for (let b = first; b <= last; b++) {
      if (!blocks.has(b)) blocks.set(b, block(b))
      const bytes = blocks.get(b)
      if (!bytes) return undefined
      pieces.push(bytes.subarray(Math.max(0, start - b * ROW_BLOCK), end - b * ROW_BLOCK))
    }
    return pieces.length === 1 ? pieces[0] : Buffer.concat(pieces)
  }
}

/** One number of the machine's byte order, copied out of a block (which need not start at a multiple of 8). */
const oneFloat = new Float64Array(1)
const oneWhole = new Uint32Array(oneFloat.buffer, 0, 1)
const oneBytes = new Uint8Array(oneFloat.buffer)

/** The float at `index` of the section `name` of floats, read by its block (blockedBytes); undefined as there. */
function floatInBlocks(header: Header, name: string, valid?: (values: Float64Array) => boolean) {
  const read = blockedBytes(
    header,
    name,
    valid && ((block) => block.length % 8 === 0 && valid(new Float64Array(Uint8Array.from(block).buffer))),
  )
  return (index: number): number | undefined => {
    const bytes = read(8 * index, 8 * index + 8)
    if (!bytes) return undefined
    oneBytes.set(bytes)
    return oneFloat[0]
  }
}

/**
 * Row `at` of the text column `name` (ROW_COLUMNS) read by the blocks its end and its JSON lie in,
 * when it is a JSON text `valid` takes; undefined otherwise (the caller then decodes the whole column).
 */
function rowInBlocks(header: Header, name: string, valid: (value: unknown) => boolean) {
  const ends = blockedBytes(header, `${name}.ends`)
  const json = blockedBytes(header, name)
  const endOf = (at: number) => {
    const bytes = ends(4 * at, 4 * at + 4)
    if (!bytes) return undefined
    oneBytes.set(bytes)
    return oneWhole[0]
  }
  return (at: number): unknown => {
    const end = endOf(at)
    const start = at === 0 ? 1 : (endOf(at - 1) ?? NaN) + 1
    const bytes = end === undefined ? undefined : json(start, end)
    // A JSON text, quotes at both ends (a JSON array's row that is not one: not what precis writes).
    if (!bytes || bytes.length < 2 || bytes[0] !== 0x22 || bytes[bytes.length - 1] !== 0x22) return undefined
    try {
      const value = JSON.parse(bytes.toString('utf8')) as unknown
      return valid(value) ? value : undefined
    } catch {
      return undefined
    }
  }
}

/** Rows read alone (rowInBlocks, floatInBlocks) before a section is decoded whole instead: a read of many rows reads it at once. */
const MANY_ROWS = 256

/**
 * The rows numbered `picked` of `list`'s rows, one after another, each checked: within the rows, its
 * CRC-32 the one kept, then all of them valid UTF-8 and rows (arePlainRows). Undefined when one is not
 * (the rows are then the fallback's).
 */
function pickedRows(
  checks: { starts: Uint32Array; sums: Uint32Array; read: (from: number, to: number) => Buffer | undefined },
  picked: ArrayLike<number>,
): Buffer | undefined {
  const { starts, sums } = checks
  const total = starts[sums.length]!
  let size = 0
  let first = total
  let last = 0
  for (let i = 0; i < picked.length; i++) {
    const row = picked[i]!
    if (!(row >= 0 && row < sums.length && starts[row]! <= starts[row + 1]! && starts[row + 1]! <= total)) return undefined
    size += starts[row + 1]! - starts[row]!
    first = Math.min(first, starts[row]!)
    last = Math.max(last, starts[row + 1]!)
  }
  const bytes = first < last ? checks.read(first, last) : Buffer.alloc(0)
  if (!bytes) return undefined
  const piece = Buffer.allocUnsafe(size)
  const { crc32 } = zlib()
  const pieceStarts = new Uint32Array(picked.length + 1)
  for (let i = 0, at = 0; i < picked.length; i++) {
    const row = picked[i]!
    const bytesOfRow = bytes.subarray(starts[row]! - first, starts[row + 1]! - first)
    if (crc32(bytesOfRow) !== sums[row]) return undefined
    piece.set(bytesOfRow, at)
    pieceStarts[i + 1] = at += bytesOfRow.length
  }
  return isUtf8(piece) && arePlainRows(piece, pieceStarts) ? piece : undefined
}

/** A section's values when it holds a list of them (`count` of them, when given); undefined otherwise. */
function sectionValues(header: Header, name: string, kind: ColumnKind, count?: number): ArrayLike<unknown> | undefined {
  const values = kind === 'json' ? jsonSection(header, name) : numberSection(header, name)
  return (Array.isArray(values) || values instanceof Float64Array) && (count === undefined || values.length === count)
    ? (values as ArrayLike<unknown>)
    : undefined
}

/** A section's values when they are what precis writes: `count` of them (when given), each valid. */
function columnValues(header: Header, name: string, kind: ColumnKind, valid: (value: unknown) => boolean, count?: number) {
  const values = sectionValues(header, name, kind, count)
  return values && everyItem(values, valid) ? values : undefined
}

/**
 * What the index file `bytes` holds (all of it, or its start and the means to read the rest), or
 * null when it is not a whole, undamaged index of this
 * format (wrong start or version, cut short, a header checksum that does not match). Each section
 * is decoded when first used, its checksum and then the shape and length of what it holds checked:
 * a read uses only some (`list` the ids, years, titles, tags and an order; `tags` only the tag
 * counts). A section that fails its check is taken from `fallback()` instead (all of them, from
 * then on); without one, it throws ForeignIndexError.
 */
export function decodeIndex(bytes: Buffer | IndexBytes, fallback?: IndexFallback): IndexContents | null {
  let header: Header | null
  try {
    header = readHeader(Buffer.isBuffer(bytes) ? allAtHand(bytes) : bytes)
  } catch {
    return null // a header that is not JSON
  }
  if (!header) return null
  const counts = header.counts
  // Once one section fails, every section comes from the fallback: sections of one index and of the
  // library read whole must not be mixed (their record orders may differ).
  let replaced: IndexContents | undefined
  const instead = (name: string): IndexContents => {
    if (replaced) return replaced
    if (!fallback) throw new ForeignIndexError(`The library's index holds something precis did not write (its ${name})`)
    return (replaced = fallback())
  }
  /** A part decoded once, on first use; from the fallback when it fails its check, or when another part did. */
  const part = <T>(name: string, decode: () => T | undefined, fromFallback: (contents: IndexContents) => T) => {
    let value: { made: T } | undefined
    return (): T => {
      if (replaced) return fromFallback(replaced)
      if (value) return value.made
      const made = decode()
      if (made === undefined) return fromFallback(instead(name))
      return (value = { made }).made
    }
  }
  const fieldParts = <R>(
    record: 'paper' | 'summary',
    columns: readonly Column<R>[],
    count: number,
    rows: (c: IndexContents) => readonly R[],
  ) =>
    new Map(
      columns.map((c) => {
        const name = sectionName(record, c.field)
        const decode = () => {
          const stored = sectionValues(header, name, c.kind, count)
          return stored && c.decode(stored)
        }
        // From the fallback, each field as the record read whole has it (absent where the record lacks it).
        let fallen: unknown[] | undefined
        return [c.field, part(name, decode, (contents) => (fallen ??= rows(contents).map((row) => row[c.field])))] as const
      }),
    )
  /** The fields of ROW_COLUMNS read a row at a time, up to MANY_ROWS; past them, or where a row is not what precis writes, from the whole column. */
  const rowReaders = <R>(
    record: 'paper' | 'summary',
    columns: readonly Column<R>[],
    fields: Map<keyof R & string, () => readonly unknown[]>,
  ) =>
    new Map(
      columns
        .filter((c) => ROW_COLUMNS.has(sectionName(record, c.field)))
        .map((c) => {
          const whole = fields.get(c.field)!
          const read = rowInBlocks(header, sectionName(record, c.field), (value) => c.decode([value])?.[0] === value)
          let reads = 0
          const row = (at: number): unknown => {
            if (replaced || reads++ >= MANY_ROWS) return whole()[at]
            const value = read(at)
            return value === undefined ? whole()[at] : value
          }
          return [c.field, row] as const
        }),
    )
  const paperFields = fieldParts('paper', PAPER_COLUMNS, counts.papers, (c) => c.papers)
  const summaryFields = fieldParts('summary', SUMMARY_COLUMNS, counts.summaries, (c) => c.summaries)
  const paperRows = rowReaders('paper', PAPER_COLUMNS, paperFields)
  const summaryRows = rowReaders('summary', SUMMARY_COLUMNS, summaryFields)
  let papers: RowViews<PaperOutline> | undefined
  let summaries: RowViews<SummaryOutline> | undefined
  /** A section of `length` counts (whole numbers from 0 to 2^53), checked in one loop over the floats (a search reads the places of 200,000 records). */
  const counted = (name: string, length: number) => () => {
    const values = numberSection(header, name)
    return values && values.length === length && allCounts(values) ? values : undefined
  }
  const trash = part(
    'trash',
    () => columnValues(header, 'trash', 'json', isText) as string[] | undefined,
    (c) => c.trashIds,
  )
  const words = part(
    'words',
    () => {
      const values = counted('words', counts.summaries)()
      return values && Array.from(values)
    },
    (c) => c.words,
  )
  const cites = part(
    'cites',
    () => columnValues(header, 'cites', 'json', isTextList, counts.summaries) as string[][] | undefined,
    (c) => c.cites,
  )
  const tagCounts = part(
    'tagCounts',
    () => {
      const rows = columnValues(header, 'tagCounts', 'json', isTagRow) as [string, number, number][] | undefined
      return rows?.map(([tag, count, own]) => ({ tag, count, own }))
    },
    (c) => c.tagCounts,
  )
  const paperPlaces = part('paperPlaces', counted('paperPlaces', 2 * counts.papers), (c) => c.paperPlaces)
  const summaryPlaces = part('summaryPlaces', counted('summaryPlaces', 2 * counts.summaries), (c) => c.summaryPlaces)
  const paperPlace = placeInBlocks(header, 'paperPlaces', counts.papers)
  const summaryPlace = placeInBlocks(header, 'summaryPlaces', counts.summaries)
  // Each order decoded when first listed in (a read lists in one). Whether they were sorted with this
  // ICU's collation is its own section: sorted with another's, the read sorts again (orders null).
  const sortedHere = part(
    'collation',
    () => {
      const collation = jsonSection(header, 'collation')
      return collation === COLLATION ? true : collation === null || isText(collation) ? false : undefined
    },
    (c) => c.orders !== null,
  )
  const orderParts = SORT_ORDERS.map((order) =>
    part(
      `order.${order}`,
      () => {
        const pairs = numberSection(header, `order.${order}`)
        return pairs && pairs.length % 2 === 0 && areEntryPairs(pairs, counts.summaries, counts.papers) ? pairs : undefined
      },
      (c) => c.orders?.[order] ?? [],
    ),
  )
  // Empty when not kept (a time precis does not write); else a rank, below the entries' count, for each entry.
  const ties = part(
    'order.ties',
    () => {
      const ranks = numberSection(header, 'order.ties')
      return ranks && (ranks.length === 0 || (ranks.length <= counts.summaries + counts.papers && areRanks(ranks))) ? ranks : undefined
    },
    (c) => c.ties ?? [],
  )
  // Each pair is checked where a read uses it (outlineEntries): here only that there are no more than the records.
  const entryPlaces = part(
    'entries',
    () => {
      const pairs = numberSection(header, 'entries')
      return pairs && pairs.length % 2 === 0 && pairs.length <= 2 * (counts.summaries + counts.papers) ? pairs : undefined
    },
    (c) => c.entryPlaces,
  )
  // Every pair checked in one loop, once, for a read that uses them all (a search's marks): null when
  // one names no record (that read then goes entry by entry, each place checked where it is used).
  let checkedPairs: { pairs: (ArrayLike<number> & NumberList) | null } | undefined
  const checkedEntryPlaces = (): (ArrayLike<number> & NumberList) | null => {
    const pairs = entryPlaces()
    if (replaced) return replaced.entryPlaces
    checkedPairs ??= { pairs: pairs instanceof Float64Array && areEntryPairs(pairs, counts.summaries, counts.papers) ? pairs : null }
    return checkedPairs.pairs
  }
  /**
   * A section of floats read a value at a time (floatInBlocks), `length` of them, each from `whole()`
   * (checked whole, else the fallback's) where its block is not what precis writes, and every value
   * past the first MANY_ROWS: a read of many (the ranks of a filter's 2,000 ties at 100,000
   * summaries) reaches most blocks, each read, checked and copied alone (~9 ms, the whole ~2 ms).
   */
  const floatList = (name: string, length: number, whole: () => ArrayLike<number>, valid?: (values: Float64Array) => boolean) => {
    const read = floatInBlocks(header, name, valid)
    let reads = 0
    return {
      length,
      at: (index: number) =>
        replaced || reads++ >= MANY_ROWS || !(Number.isSafeInteger(index) && index >= 0 && index < length)
          ? whole()[index]
          : (read(index) ?? whole()[index]),
    }
  }
  // A search reads the pairs of the entries it looks at (a few of them): checked where used (outlineEntries), as the whole section's are.
  const entriesLength = (header.sections.get('entries')?.length ?? -1) / 8
  const entryList =
    entriesLength % 2 === 0 && entriesLength <= 2 * (counts.summaries + counts.papers)
      ? floatList('entries', entriesLength, entryPlaces)
      : null
  // The ranks of the ties a search breaks: each block's checked as the whole section's are (areRanks).
  const tiesLength = (header.sections.get('order.ties')?.length ?? -1) / 8
  const tieList =
    Number.isSafeInteger(tiesLength) && tiesLength >= 0 && tiesLength <= counts.summaries + counts.papers
      ? floatList('order.ties', tiesLength, ties, (ranks) => ranksBelow(ranks, tiesLength))
      : null
  const orders = {} as Record<SortOrder, ArrayLike<number>>
  SORT_ORDERS.forEach((order, at) => Object.defineProperty(orders, order, { enumerable: true, get: orderParts[at]! }))
  // The name table: its directory checked when first used, each chunk when a lookup first reaches it.
  // A chunk that fails sends this lookup and every later one to the fallback's table.
  const directory = part(
    'names',
    () => {
      const chunks = header.sections.get('names')
      const read = (start: number, length: number) => (chunks ? header.bytes.read(chunks.start + start, length) : undefined)
      return (chunks && chunkedNames(jsonSection(header, 'names.chunks'), chunks.length, read)) ?? undefined
    },
    (c) => c.names,
  )
  let namesFallen = false
  const lookUp = <T>(ask: (table: NameTable) => T): T => {
    if (!namesFallen && !replaced) {
      try {
        return ask(directory())
      } catch (error) {
        if (!(error instanceof DamagedNames)) throw error
        namesFallen = true
      }
    }
    return ask(instead('names').names)
  }
  const names: NameTable = {
    get count() {
      return lookUp((table) => table.count)
    },
    partition: (before) => lookUp((table) => table.partition(before)),
    entry: (n) => lookUp((table) => table.entry(n)),
  }
  // The rows' bytes, checked as valid UTF-8 and as rows (arePlainRows, over the bytes themselves: no
  // decoding) before they are written as they are: nothing unchecked reaches the terminal.
  const plainRows = part(
    'rows',
    () => {
      const bytes = sectionBytes(header, 'rows')
      const starts = wholeSection(header, 'rows.starts')
      return bytes && starts && isUtf8(bytes) && arePlainRows(bytes, starts) ? { bytes, starts } : undefined
    },
    (c) => c.plainRows,
  )
  // Where each row starts and its CRC-32, checked whole (4 bytes a row each); the rows' bytes then
  // read whole, unchecked, and each row checked where it is picked (its CRC-32, then as rows).
  const rowChecks = part(
    'rows.sums',
    () => {
      const rows = header.sections.get('rows')
      const starts = wholeSection(header, 'rows.starts')
      const sums = wholeSection(header, 'rows.sums')
      if (!rows || !starts || !sums || starts.length !== sums.length + 1 || starts[0] !== 0 || starts[sums.length] !== rows.length)
        return undefined
      // Bytes `from` to `to` of the rows: read alone when they are a few of them (`list --limit 20` at
      // 100,000 summaries reads 2 KB, not 9 MB), else every row's read once and kept (a filter's rows
      // lie all over them, and are picked a few hundred at a time).
      let bytes: Buffer | undefined
      const read = (from: number, to: number): Buffer | undefined => {
        if (!bytes && 8 * (to - from) < rows.length) {
          const span = header.bytes.read(rows.start + from, to - from)
          return span?.length === to - from ? span : undefined
        }
        bytes ??= header.bytes.read(rows.start, rows.length)
        return bytes?.length === rows.length ? bytes.subarray(from, to) : undefined
      }
      return { starts, sums, read }
    },
    () => null,
  )
  const keptRows: KeptRows = {
    get count() {
      const checks = rowChecks()
      return checks ? checks.sums.length : plainRows().starts.length - 1
    },
    all: () => plainRows(),
    pick: (picked) => {
      const checks = rowChecks()
      const piece = checks && pickedRows(checks, picked)
      if (piece) return piece
      if (!replaced) instead('rows')
      return keptRowsOf(replaced!.plainRows).pick(picked)
    },
  }
  // The tags' names checked whole (a few hundred); each tag's keys where a filter uses them (entriesTagged).
  const taggedEntries = part(
    'tagged',
    () => {
      const tags = columnValues(header, 'tagged', 'json', isText) as string[] | undefined
      const lists = wholeSection(header, 'tagged.lists')
      if (!tags || !lists || lists.length < tags.length + 1) return undefined
      const starts = lists.subarray(0, tags.length + 1)
      return { tags, starts, keys: lists.subarray(tags.length + 1), summaries: counts.summaries, papers: counts.papers }
    },
    (c) => c.taggedEntries,
  )
  // The years as they lie (a float each, NaN for none), checked in one loop as the column's decode
  // checks them (columns.ts), and never made into an array: what a `year:` filter reads.
  const paperYears = part(
    'paper.year',
    () => {
      const years = numberSection(header, 'paper.year')
      return years && years.length === counts.papers && allYears(years) ? years : undefined
    },
    (c) => Float64Array.from(c.papers, (paper) => paper.year ?? NaN),
  )
  const stats = part(
    'stats',
    () => {
      const value = jsonSection(header, 'stats')
      return isStats(value) ? value : undefined
    },
    (c) => c.stats,
  )
  const column =
    <R>(fields: Map<keyof R & string, () => readonly unknown[]>) =>
    <F extends keyof R & string>(field: F) =>
      fields.get(field)!() as readonly R[F][]
  return {
    library: header.library,
    identity: header.identity,
    paperColumn: column<PaperOutline>(paperFields),
    paperYears: () => paperYears(),
    summaryColumn: column<SummaryOutline>(summaryFields),
    get papers() {
      if (replaced) return replaced.papers
      return (papers ??= rowViews(paperFields, counts.papers, paperRows)).all()
    },
    get summaries() {
      if (replaced) return replaced.summaries
      return (summaries ??= rowViews(summaryFields, counts.summaries, summaryRows)).all()
    },
    paperAt: (at) => (replaced ? replaced.papers[at] : (papers ??= rowViews(paperFields, counts.papers, paperRows)).at(at)),
    summaryAt: (at) => (replaced ? replaced.summaries[at] : (summaries ??= rowViews(summaryFields, counts.summaries, summaryRows)).at(at)),
    recordCounts: () => (replaced ? { papers: replaced.papers.length, summaries: replaced.summaries.length } : counts),
    get trashIds() {
      return trash()
    },
    get words() {
      return words()
    },
    get cites() {
      return cites()
    },
    get tagCounts() {
      return tagCounts()
    },
    get paperPlaces() {
      return paperPlaces()
    },
    get summaryPlaces() {
      return summaryPlaces()
    },
    placeOf: (list, at) => (replaced ? undefined : list === 'papers' ? paperPlace(at) : summaryPlace(at)),
    get orders() {
      const here = sortedHere()
      if (replaced) return replaced.orders
      return here ? orders : null
    },
    // From the section's size in the header: a listing of the first entries piped from the rows reads no pair.
    addedCount: () => {
      if (replaced) return replaced.orders && replaced.orders.added.length >> 1
      const bytes = header.sections.get('order.added')?.length ?? -1
      return bytes >= 0 && bytes % 16 === 0 ? bytes / 16 : null
    },
    get entryPlaces() {
      return entryPlaces()
    },
    checkedEntryPlaces,
    get entryPlaceList() {
      return replaced ? replaced.entryPlaces : (entryList ?? entryPlaces())
    },
    get ties() {
      const here = sortedHere()
      if (replaced) return replaced.ties
      const ranks = ties()
      return here && ranks.length > 0 ? ranks : null
    },
    get tieList() {
      const here = sortedHere()
      if (replaced) return replaced.ties
      if (!tieList) return here && ties().length > 0 ? ties() : null
      return here && tieList.length > 0 ? tieList : null
    },
    get stats() {
      return stats()
    },
    get names() {
      return names
    },
    get plainRows() {
      return plainRows()
    },
    get keptRows() {
      return replaced ? keptRowsOf(replaced.plainRows) : keptRows
    },
    get taggedEntries() {
      return taggedEntries()
    },
  }
}

// The index file: a fixed start, a header, then sections of compact JSON, each checksummed.
//
//   bytes 0-7    "precisIX"               what the file is
//   bytes 8-11   format version (u32 LE)  another version is rebuilt, never read
//   bytes 12-15  header length (u32 LE)
//   bytes 16-31  checksum of the header (checksum.ts, 16 hex digits)
//   header       JSON: the library's path and identity, and each section's place and checksum
//   sections     JSON arrays, one per column (papers' fields, summaries' fields, tag counts, ...)
//
// Measured at 10,000 summaries (3.4 MB of columns): JSON.parse of the columns and a hand-written
// binary decoder of the same values load in the same ~60-70 ms, since V8's JSON parser does in C++
// what the decoder does in JavaScript; JSON is kept for its simplicity. Columns rather than one
// object per record keep it compact (no field names repeated). Nothing in the file is trusted:
// any damage, truncation or unexpected shape reads as no index, and the library is read instead.
import type { PaperOutline, SummaryOutline } from '../../core/records/outline.js'
import { MAX_PRIORITY, MIN_PRIORITY, READING_STATES, type ReadingState } from '../../core/model.js'
import type { IndexContents } from './contents.js'
import { checksum, sectionChecksum } from './checksum.js'
import { isFileIdentity } from './identity.js'

const MAGIC = Buffer.from('precisIX', 'latin1')
/** Raised whenever what the index holds or how it is laid out changes. */
export const INDEX_FORMAT_VERSION = 2
const FIXED_BYTES = 32

/** The checksum of `bytes`, as the fixed start holds it. */
const sum = (bytes: Uint8Array) => Buffer.from(checksum(bytes), 'latin1')

type PaperRow = [
  string,
  string,
  string[],
  number | null,
  string | null,
  string | null,
  string | null | 0,
  string | null,
  string | null,
  string,
  ReadingState | 0,
  number, // the priority, 0 when there is none
]
type SummaryRow = [string, string, string, string[], string, string]
type TagRow = [string, number, number]

function columns(contents: IndexContents): Record<string, unknown> {
  return {
    papers: contents.papers.map((p): PaperRow => [
      p.key,
      p.title,
      p.authors,
      p.year,
      p.venue,
      p.arxiv,
      p.category === undefined ? 0 : p.category,
      p.doi,
      p.url,
      p.added,
      p.state ?? 0,
      p.priority ?? 0,
    ]),
    summaries: contents.summaries.map((s): SummaryRow => [s.id, s.paper, s.by, s.tags, s.created, s.updated]),
    trash: contents.trashIds,
    words: contents.words,
    cites: contents.cites,
    tagCounts: contents.tagCounts.map(({ tag, count, own }): TagRow => [tag, count, own]),
    paperPlaces: contents.paperPlaces,
    summaryPlaces: contents.summaryPlaces,
  }
}

/** The index file's bytes for `contents`. */
export function encodeIndex(contents: IndexContents): Buffer {
  const sections: [string, number, number, string][] = []
  const bodies: Buffer[] = []
  let offset = 0
  for (const [name, value] of Object.entries(columns(contents))) {
    const body = Buffer.from(JSON.stringify(value))
    sections.push([name, offset, body.length, sectionChecksum(body)])
    bodies.push(body)
    offset += body.length
  }
  const counts = { papers: contents.papers.length, summaries: contents.summaries.length }
  const header = Buffer.from(JSON.stringify({ library: contents.library, identity: contents.identity, counts, sections }))
  const fixed = Buffer.alloc(FIXED_BYTES)
  MAGIC.copy(fixed, 0)
  fixed.writeUInt32LE(INDEX_FORMAT_VERSION, 8)
  fixed.writeUInt32LE(header.length, 12)
  sum(header).copy(fixed, 16)
  return Buffer.concat([fixed, header, ...bodies])
}

const isText = (value: unknown): value is string => typeof value === 'string'
const isOptionalText = (value: unknown) => value === null || typeof value === 'string'
const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isText)
const isCount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0
const isListOf = (value: unknown, item: (x: unknown) => boolean, length?: number): value is unknown[] =>
  Array.isArray(value) && (length === undefined || value.length === length) && value.every(item)

function isPaperRow(row: unknown): boolean {
  if (!Array.isArray(row) || row.length !== 12) return false
  const [key, title, authors, year, venue, arxiv, category, doi, url, added, state, priority] = row as unknown[]
  return (
    isText(key) &&
    isText(title) &&
    isTextList(authors) &&
    (year === null || Number.isSafeInteger(year)) &&
    isOptionalText(venue) &&
    isOptionalText(arxiv) &&
    (category === 0 || isOptionalText(category)) &&
    isOptionalText(doi) &&
    isOptionalText(url) &&
    isText(added) &&
    (state === 0 || (READING_STATES as readonly unknown[]).includes(state)) &&
    (priority === 0 || (Number.isSafeInteger(priority) && (priority as number) >= MIN_PRIORITY && (priority as number) <= MAX_PRIORITY))
  )
}

function isSummaryRow(row: unknown): boolean {
  if (!Array.isArray(row) || row.length !== 6) return false
  const [id, paper, by, tags, created, updated] = row as unknown[]
  return isText(id) && isText(paper) && isText(by) && isTextList(tags) && isText(created) && isText(updated)
}

function isTagRow(row: unknown): boolean {
  return Array.isArray(row) && row.length === 3 && isText(row[0]) && isCount(row[1]) && isCount(row[2])
}

function paperOf(row: PaperRow): PaperOutline {
  const [key, title, authors, year, venue, arxiv, category, doi, url, added, state, priority] = row
  const paper: PaperOutline =
    category === 0
      ? { key, title, authors, year, venue, arxiv, doi, url, added }
      : { key, title, authors, year, venue, arxiv, category, doi, url, added }
  // The reading queue's fields (library format 2) only where the record has them, as it is in the library.
  if (state !== 0) paper.state = state
  if (priority !== 0) paper.priority = priority
  return paper
}

function summaryOf([id, paper, by, tags, created, updated]: SummaryRow): SummaryOutline {
  return { id, paper, by, tags, created, updated }
}

interface Header {
  library: string
  identity: IndexContents['identity']
  counts: { papers: number; summaries: number }
  /** Each section's bytes and the checksum they must have (checked when the section is decoded: a read uses only some). */
  sections: Map<string, { body: Buffer; sum: string }>
}

/** The header of an index file; null when it is not a whole index of this format (its header checked, each section there in full). */
function readHeader(bytes: Buffer): Header | null {
  if (bytes.length < FIXED_BYTES || !bytes.subarray(0, 8).equals(MAGIC) || bytes.readUInt32LE(8) !== INDEX_FORMAT_VERSION) return null
  const headerEnd = FIXED_BYTES + bytes.readUInt32LE(12)
  if (headerEnd > bytes.length) return null
  const headerBytes = bytes.subarray(FIXED_BYTES, headerEnd)
  if (!sum(headerBytes).equals(bytes.subarray(16, FIXED_BYTES))) return null
  const header = JSON.parse(headerBytes.toString('utf8')) as Record<string, unknown>
  const counts = header.counts as Record<string, unknown> | null
  if (!isText(header.library) || !isFileIdentity(header.identity) || !Array.isArray(header.sections)) return null
  if (typeof counts !== 'object' || counts === null || !isCount(counts.papers) || !isCount(counts.summaries)) return null
  const sections = new Map<string, { body: Buffer; sum: string }>()
  for (const section of header.sections as unknown[]) {
    if (!Array.isArray(section) || section.length !== 4) return null
    const [name, offset, length, sum] = section as unknown[]
    if (!isText(name) || !isCount(offset) || !isCount(length) || !isText(sum)) return null
    const start = headerEnd + (offset as number)
    const body = bytes.subarray(start, start + (length as number))
    if (body.length !== length) return null // cut short
    sections.set(name, { body, sum })
  }
  return {
    library: header.library,
    identity: header.identity,
    counts: { papers: counts.papers as number, summaries: counts.summaries as number },
    sections,
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
  return start.length >= FIXED_BYTES && start.subarray(0, 8).equals(MAGIC) && start.readUInt32LE(8) < INDEX_FORMAT_VERSION
}

/** How many bytes of an index file hold its fixed start and header, or null when `start` (its first bytes) is not one of this format. */
export function headerBytes(start: Buffer): number | null {
  if (start.length < FIXED_BYTES || !start.subarray(0, 8).equals(MAGIC) || start.readUInt32LE(8) !== INDEX_FORMAT_VERSION) return null
  return FIXED_BYTES + start.readUInt32LE(12)
}

/** The library an index file says it was built from, read from its start (the fixed part and the header, checked); null when it does not say. */
export function indexedLibrary(start: Buffer): string | null {
  const end = headerBytes(start)
  if (end === null || end > start.length) return null
  const header = start.subarray(FIXED_BYTES, end)
  if (!sum(header).equals(start.subarray(16, FIXED_BYTES))) return null
  try {
    const library = (JSON.parse(header.toString('utf8')) as Record<string, unknown>).library
    return isText(library) ? library : null
  } catch {
    return null
  }
}

/** A section's value when its checksum holds and it has the shape `valid` wants; undefined when it is damaged or was not written by precis. */
function column<T>(header: Header, name: string, valid: (value: unknown) => value is T): T | undefined {
  const section = header.sections.get(name)
  if (!section || sectionChecksum(section.body) !== section.sum) return undefined
  let value: unknown
  try {
    value = JSON.parse(section.body.toString('utf8'))
  } catch {
    value = undefined
  }
  return valid(value) ? value : undefined
}

/**
 * What the index file `bytes` holds, or null when it is not a whole, undamaged index of this
 * format (wrong start or version, cut short, a checksum that does not match). Its columns are
 * decoded when first used, each checked for the shape and length it must have: a read uses
 * only some of them. A column that fails its check is taken from `fallback()` instead (all of
 * them, from then on); without one, it throws ForeignIndexError.
 */
export function decodeIndex(bytes: Buffer, fallback?: IndexFallback): IndexContents | null {
  let header: Header | null
  try {
    header = readHeader(bytes)
  } catch {
    return null // a header that is not JSON
  }
  if (!header) return null
  const { papers, summaries } = header.counts
  // Once one column fails, every column comes from the fallback: columns of one index and of the
  // library read whole must not be mixed (their record orders may differ).
  let replaced: IndexContents | undefined
  const instead = (name: string): IndexContents => {
    if (replaced) return replaced
    if (!fallback) throw new ForeignIndexError(`The library's index holds something precis did not write (its ${name})`)
    return (replaced = fallback())
  }
  const once = <K extends keyof IndexContents, T>(name: K, make: () => T | undefined, from: (value: T) => IndexContents[K]) => {
    let value: { made: IndexContents[K] } | undefined
    return (): IndexContents[K] => {
      if (replaced) return replaced[name]
      if (value) return value.made
      const made = make()
      if (made === undefined) return instead(name)[name]
      return (value = { made: from(made) }).made
    }
  }
  const same = <T>(value: T) => value
  const paperRows = once(
    'papers',
    () => column(header, 'papers', (v): v is PaperRow[] => isListOf(v, isPaperRow, papers)),
    (rows) => rows.map(paperOf),
  )
  const summaryRows = once(
    'summaries',
    () => column(header, 'summaries', (v): v is SummaryRow[] => isListOf(v, isSummaryRow, summaries)),
    (rows) => rows.map(summaryOf),
  )
  const trash = once('trashIds', () => column(header, 'trash', (v): v is string[] => isListOf(v, isText)), same)
  const words = once('words', () => column(header, 'words', (v): v is number[] => isListOf(v, isCount, summaries)), same)
  const cites = once('cites', () => column(header, 'cites', (v): v is string[][] => isListOf(v, isTextList, summaries)), same)
  const tagCounts = once(
    'tagCounts',
    () => column(header, 'tagCounts', (v): v is TagRow[] => isListOf(v, isTagRow)),
    (rows) => rows.map(([tag, count, own]) => ({ tag, count, own })),
  )
  const paperPlaces = once('paperPlaces', () => column(header, 'paperPlaces', (v): v is number[] => isListOf(v, isCount, 2 * papers)), same)
  const summaryPlaces = once(
    'summaryPlaces',
    () => column(header, 'summaryPlaces', (v): v is number[] => isListOf(v, isCount, 2 * summaries)),
    same,
  )
  return {
    library: header.library,
    identity: header.identity,
    get papers() {
      return paperRows()
    },
    get summaries() {
      return summaryRows()
    },
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
  }
}

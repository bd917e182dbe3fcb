// The index file's bytes, section by section as index-layout.ts lays them out.
import { SORT_ORDERS, type IndexContents } from './contents.js'
import { PAPER_COLUMNS, sectionName, SUMMARY_COLUMNS, type Column } from './columns.js'
import { checksum, sectionChecksum } from './checksum.js'
import { alignedSections, framedParts } from './frame.js'
import { encodeNames } from './name-chunks.js'
import type { PlainRows } from '../../core/records/plain-rows.js'
import { lazyRequire } from '../../core/lazy-require.js'
import {
  COLLATION,
  INDEX_FRAME,
  PLACE_BLOCK,
  PLACE_SECTIONS,
  ROW_BLOCK,
  ROW_COLUMNS,
  ROW_SECTIONS,
  type SectionKind,
} from './index-layout.js'

/** Loaded by builds only (for the CRC-32 of the row blocks and rows): reads load it when they first read by blocks. */
const zlib = lazyRequire<typeof import('node:zlib')>('node:zlib')

/** The CRC-32 of each block of ROW_BLOCK bytes of `bytes`. */
function rowBlockChecks(bytes: Uint8Array): Uint32Array {
  const checks = new Uint32Array(Math.ceil(bytes.length / ROW_BLOCK))
  for (let b = 0; b < checks.length; b++) checks[b] = zlib().crc32(bytes.subarray(b * ROW_BLOCK, (b + 1) * ROW_BLOCK))
  return checks
}

/**
 * The JSON array of `values` (a row column, ROW_COLUMNS: exactly JSON.stringify's bytes, as JSON of an
 * array is its values' JSON between brackets, joined by commas) and where each value's JSON ends in it,
 * in bytes: each value stringified once, where the ends and the section stringified it twice.
 */
export function rowColumn(values: readonly unknown[]): { bytes: Buffer; ends: Uint32Array } {
  const texts: string[] = new Array<string>(values.length)
  // (`null` for what JSON.stringify writes as null inside an array: nothing precis stores.)
  for (let i = 0; i < values.length; i++) texts[i] = JSON.stringify(values[i]) ?? 'null'
  const json = `[${texts.join(',')}]`
  const bytes = Buffer.from(json)
  // Each UTF-16 unit takes a byte or more: as many bytes as units, each took one, and a value's length is its bytes.
  const oneByteEach = bytes.length === json.length
  const ends = new Uint32Array(values.length)
  let end = 0
  for (let i = 0; i < texts.length; i++) ends[i] = end += 1 + (oneByteEach ? texts[i]!.length : Buffer.byteLength(texts[i]!))
  return { bytes, ends }
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
      if (!ROW_COLUMNS.has(name)) return [[name, c.kind, values]]
      const { bytes, ends } = rowColumn(values)
      return [
        [name, 'bytes', bytes],
        [`${name}.ends`, 'u32', ends],
      ]
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
    ['tagLists', 'json', contents.tagLists.names],
    ['tagLists.ids', 'u32', tagIds(contents.tagLists)],
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

/** The records' tag lists as one section: where each row's ids start (one more than the rows), then the ids. */
function tagIds({ starts, ids }: IndexContents['tagLists']): Uint32Array {
  const lists = new Uint32Array(starts.length + ids.length)
  for (let i = 0; i < starts.length; i++) lists[i] = starts[i]!
  for (let i = 0; i < ids.length; i++) lists[starts.length + i] = ids[i]!
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

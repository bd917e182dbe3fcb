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
import type { Frame } from './frame.js'
import type { ColumnKind } from './columns.js'

/** Raised whenever what the index holds or how it is laid out changes. */
export const INDEX_FORMAT_VERSION = 13

export const INDEX_FRAME: Frame = {
  magic: Buffer.from('precisIX', 'latin1'),
  version: INDEX_FORMAT_VERSION,
}

/** What the orders were sorted with: the English collation of this ICU (entries.ts). Another ICU may order otherwise. */
export const COLLATION = `icu ${process.versions.icu ?? 'none'}`

/**
 * How a section's bytes hold its value: as a column's do; as 32-bit unsigned whole numbers (where
 * `list`'s rows start: half the bytes of floats, and whole by their type); as Latin-1 text (the
 * checksums of the places' blocks); or as bytes as they are (`list`'s rows, UTF-8, written out as
 * they are; the name table's chunks, JSON in UTF-8, each checked on its own: name-chunks.ts).
 */
export type SectionKind = ColumnKind | 'u32' | 'latin1' | 'bytes'

/**
 * The places are also checked in blocks of this many bytes (64 records), each block's checksum in
 * a section of its own (`paperPlaces.sums`): a read of a few records (`show`, a search's hits)
 * checks the blocks they lie in, not the whole section (whose CRC-32 would load node:zlib). Their
 * checksum is computed here (`show` loads no node:zlib): blocks of 4 KiB made a search's 40 of them
 * cost milliseconds in a fresh process; their checksums (16 bytes a block) stay under 32 KiB to
 * 130,000 records.
 */
export const PLACE_BLOCK = 1024
export const PLACE_SECTIONS = new Set(['paperPlaces', 'summaryPlaces'])

/**
 * Sections also checked in blocks of ROW_BLOCK bytes, each block's CRC-32 in `<name>.blocks`
 * (32-bit whole numbers): a search reads a few values of each (where its shown entries' records
 * are, their ids and keys, the ranks of the ties it breaks) and checks the blocks they lie in, not
 * the whole section (at 100,000 summaries 2 MB of ids, 2 MB of keys, 3 MB of entries).
 */
export const ROW_BLOCK = 4096
export const ROW_SECTIONS = new Set(['entries', 'order.ties'])

/**
 * Text columns a search reads a few rows of (the ids and keys of the entries it shows): kept as
 * the other text columns are (one JSON array: `list` decodes all of it at once), with where each
 * row's JSON ends in it (`<name>.ends`, 32-bit whole numbers; a row starts one byte after the
 * end before it, past the comma, the first after the bracket), both read by their blocks.
 */
export const ROW_COLUMNS = new Set(['paper.key', 'summary.id'])

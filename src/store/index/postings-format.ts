// The postings file (core/search/postings.ts), beside the index file and checked the same way:
//
//   bytes 0-7    "precisPX"               what the file is
//   bytes 8-11   format version (u32 LE)  another version is rebuilt, never read
//   bytes 12-15  header length (u32 LE)
//   bytes 16-35  SHA-1 of the header
//   header       JSON: the library's path and identity, the entry count, each section's place and CRC-32
//   sections     the typed arrays as they are in memory (little-endian), each at a multiple of 8;
//                the word and stem lists as JSON
//
// Sections are checksummed with CRC-32, not SHA-1: the tokens are most of the file (tens of MB at
// 10,000 summaries) and SHA-1 over them cost more than the rest of a search; CRC-32 catches what a
// crash or a damaged disk does, and nothing read is trusted anyway: a number that points outside
// what it indexes is refused or read as nothing, so a file written by someone else gives wrong
// answers at worst, never a crash (and only with the identity of the library file, which no one sets).
import { createHash } from 'node:crypto'
import { crc32 } from 'node:zlib'
import type { Postings } from '../../core/search/postings.js'
import { FIELD_COUNT } from '../../core/search/postings.js'
import { isFileIdentity, type FileIdentity } from './identity.js'

const MAGIC = Buffer.from('precisPX', 'latin1')
/** Raised whenever what the postings hold or how they are laid out changes. */
export const POSTINGS_FORMAT_VERSION = 1
const FIXED_BYTES = 36
const ALIGN = 8

const sha1 = (bytes: Buffer) => createHash('sha1').update(bytes).digest()

/** The postings of one library file, and which file they were built from. */
export interface PostingsContents {
  library: string
  identity: FileIdentity
  postings: Postings
}

type Section = [name: string, offset: number, length: number, crc: number]

const ARRAYS = [
  'spelled',
  'stemOf',
  'stemStarts',
  'stemWords',
  'tokens',
  'fieldStarts',
  'lengths',
  'wordDocStarts',
  'wordDocs',
  'wordDocFields',
  'features',
] as const
type ArrayName = (typeof ARRAYS)[number]

const bytesOf = (array: ArrayBufferView) => Buffer.from(array.buffer, array.byteOffset, array.byteLength)

/** The postings file's bytes. */
export function encodePostings({ library, identity, postings }: PostingsContents): Buffer {
  const parts: [string, Buffer][] = [
    ['words', Buffer.from(JSON.stringify(postings.words))],
    ['stems', Buffer.from(JSON.stringify(postings.stems))],
    ...ARRAYS.map((name): [string, Buffer] => [name, bytesOf(postings[name])]),
  ]
  const sections: Section[] = []
  const bodies: Buffer[] = []
  let offset = 0
  for (const [name, body] of parts) {
    const padding = (ALIGN - (offset % ALIGN)) % ALIGN
    if (padding > 0) bodies.push(Buffer.alloc(padding))
    offset += padding
    sections.push([name, offset, body.length, crc32(body)])
    bodies.push(body)
    offset += body.length
  }
  const header = Buffer.from(JSON.stringify({ library, identity, count: postings.count, sections }))
  // The sections start at a multiple of ALIGN from the file's start, so a load can view them in place.
  const headerPadding = (ALIGN - ((FIXED_BYTES + header.length) % ALIGN)) % ALIGN
  const paddedHeader = Buffer.concat([header, Buffer.alloc(headerPadding, 0x20)])
  const fixed = Buffer.alloc(FIXED_BYTES)
  MAGIC.copy(fixed, 0)
  fixed.writeUInt32LE(POSTINGS_FORMAT_VERSION, 8)
  fixed.writeUInt32LE(paddedHeader.length, 12)
  sha1(paddedHeader).copy(fixed, 16)
  return Buffer.concat([fixed, paddedHeader, ...bodies])
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0

/** The typed array of `type` over `bytes`, in place when aligned (else copied); null when the length does not divide. */
function view<T extends ArrayBufferView>(
  bytes: Buffer,
  type: { new (buffer: ArrayBuffer, offset: number, length: number): T; BYTES_PER_ELEMENT: number },
): T | null {
  const size = type.BYTES_PER_ELEMENT
  if (bytes.length % size !== 0) return null
  const aligned = bytes.byteOffset % size === 0 ? bytes : Buffer.from(bytes)
  return new type(aligned.buffer as ArrayBuffer, aligned.byteOffset, aligned.length / size)
}

function textList(bytes: Buffer): string[] | null {
  let value: unknown
  try {
    value = JSON.parse(bytes.toString('utf8'))
  } catch {
    return null
  }
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : null
}

/** Whether `list` is sorted (code unit order; equal neighbours allowed when `strict` is false). */
function sorted(list: readonly string[], strict: boolean): boolean {
  for (let i = 1; i < list.length; i++) if (strict ? !(list[i - 1]! < list[i]!) : list[i - 1]! > list[i]!) return false
  return true
}

/** Whether `starts` begins at 0, never decreases and ends at `total`. */
function isStarts(starts: Uint32Array, total: number): boolean {
  if (starts.length === 0 || starts[0] !== 0 || starts[starts.length - 1] !== total) return false
  for (let i = 1; i < starts.length; i++) if (starts[i]! < starts[i - 1]!) return false
  return true
}

function allBelow(values: Uint32Array, limit: number): boolean {
  for (let i = 0; i < values.length; i++) if (values[i]! >= limit) return false
  return true
}

/**
 * What the postings file `bytes` holds, or null when it is not a whole, undamaged postings file of
 * this format whose every number points inside what it indexes.
 */
export function decodePostings(bytes: Buffer): PostingsContents | null {
  try {
    return decode(bytes)
  } catch {
    return null // a header that is not JSON, or numbers no typed array can hold
  }
}

function decode(bytes: Buffer): PostingsContents | null {
  if (bytes.length < FIXED_BYTES || !bytes.subarray(0, 8).equals(MAGIC) || bytes.readUInt32LE(8) !== POSTINGS_FORMAT_VERSION) return null
  const headerEnd = FIXED_BYTES + bytes.readUInt32LE(12)
  if (headerEnd > bytes.length) return null
  const headerBytes = bytes.subarray(FIXED_BYTES, headerEnd)
  if (!sha1(headerBytes).equals(bytes.subarray(16, FIXED_BYTES))) return null
  const header = JSON.parse(headerBytes.toString('utf8')) as Record<string, unknown>
  const { library, identity, count, sections } = header
  if (typeof library !== 'string' || !isFileIdentity(identity) || !isCount(count) || !Array.isArray(sections)) return null
  const bodies = new Map<string, Buffer>()
  for (const section of sections as unknown[]) {
    if (!Array.isArray(section) || section.length !== 4) return null
    const [name, offset, length, crc] = section as unknown[]
    if (typeof name !== 'string' || !isCount(offset) || !isCount(length) || !isCount(crc)) return null
    const body = bytes.subarray(headerEnd + offset, headerEnd + offset + length)
    if (body.length !== length || crc32(body) !== crc) return null
    bodies.set(name, body)
  }
  const body = (name: string) => bodies.get(name) ?? Buffer.alloc(0)
  const words = textList(body('words'))
  const stems = textList(body('stems'))
  const arrays = {
    spelled: view(body('spelled'), Uint16Array),
    stemOf: view(body('stemOf'), Uint32Array),
    stemStarts: view(body('stemStarts'), Uint32Array),
    stemWords: view(body('stemWords'), Uint32Array),
    tokens: view(body('tokens'), Uint32Array),
    fieldStarts: view(body('fieldStarts'), Uint32Array),
    lengths: view(body('lengths'), Float64Array),
    wordDocStarts: view(body('wordDocStarts'), Uint32Array),
    wordDocs: view(body('wordDocs'), Uint32Array),
    wordDocFields: view(body('wordDocFields'), Uint32Array),
    features: view(body('features'), Uint8Array),
  } satisfies Record<ArrayName, unknown>
  if (!words || !stems || Object.values(arrays).some((array) => array === null)) return null
  const postings = { count, words, stems, ...arrays } as Postings
  return isConsistent(postings) ? { library, identity, postings } : null
}

/**
 * Whether every list has the length it must and every number points inside what it indexes. The
 * words and entries of `tokens` and `wordDocs`, most of the file, are not checked here (a tenth of a
 * search at 10,000 summaries): the search reads them so that one out of range counts as no word
 * (postings-search.ts), a wrong answer from a file precis did not write, never a crash.
 */
function isConsistent(p: Postings): boolean {
  const vocabulary = p.words.length
  return (
    p.spelled.length === vocabulary &&
    p.stemOf.length === vocabulary &&
    p.wordDocStarts.length === vocabulary + 1 &&
    p.stemStarts.length === p.stems.length + 1 &&
    p.fieldStarts.length === p.count * FIELD_COUNT + 1 &&
    p.lengths.length === p.count * FIELD_COUNT &&
    p.features.length === p.count &&
    sorted(p.words, false) &&
    sorted(p.stems, true) &&
    isStarts(p.stemStarts, p.stemWords.length) &&
    isStarts(p.wordDocStarts, p.wordDocs.length) &&
    p.wordDocFields.length === p.wordDocs.length &&
    isStarts(p.fieldStarts, p.tokens.length) &&
    allBelow(p.stemOf, p.stems.length) &&
    allBelow(p.stemWords, vocabulary) &&
    p.lengths.every((length) => Number.isSafeInteger(length) && length >= 0)
  )
}

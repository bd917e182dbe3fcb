// The postings file (core/search/postings.ts), beside the index file, framed as frame.ts lays out
// (the header's checksum: checksum.ts's, as the index's) and checked the same way:
//
//   header       JSON: the library's path and identity, the entry count, each section's place and CRC-32;
//                for a delta (postings-view.ts), the checksum of its base's header
//   sections     the typed arrays as they are in memory (little-endian); the words and stems as one
//                UTF-8 text each with where each ends in it (bytes: a word is decoded alone, when
//                looked at); the word lists (each word's entries and
//                counts), the tokens (each field's words in order) and the positions (where each word
//                is in each entry), each read a checksummed block at a time, only the blocks a search
//                needs (most searches need only their words' lists, a phrase their positions too)
//
// A load reads the header and the few small sections every search uses whole (the field lengths,
// the features, the block checks); each other section (the vocabulary, the stems and the tables
// over them, where each field starts) is read, and its checksum and numbers checked, when first
// used: a one-word search never reads where fields start, and checking every table at load was a
// tenth of a search at 10,000 summaries. Where each word is in each entry (Postings.positions,
// core/search/positions.ts) is streamed after the words in order, read a block of POSITION_BLOCK
// bytes at a time: words in a row are counted from it, the words in order read by none of them. The
// vocabulary, the stems, their ends and the tables a lookup reads are also checked a block at a
// time (LOOKED_UP): a search looks up its words through those blocks (Postings.lookUp,
// SectionTexts.at), and reads a section whole only for what needs all of it (a word's near
// spellings, a build, a check).
//
// Sections are checksummed with CRC-32, not SHA-1: the tokens are most of the file (tens of MB at
// 10,000 summaries) and SHA-1 over them cost more than the rest of a search; CRC-32 catches what a
// crash or a damaged disk does, and nothing read is trusted anyway: a number that points outside
// what it indexes is refused or read as nothing, so a file written by someone else gives wrong
// answers at worst, never a crash (and only with the identity of the library file, which no one sets).
import { crc32 } from 'node:zlib'
import { numberBits } from '../../core/search/near-table.js'
import { positionStartCount } from '../../core/search/positions.js'
import { FIELD_COUNT, joinedText, PostingsUnavailable, type FieldLengths, type Postings, type Texts } from '../../core/search/postings.js'
import { alignedLayout, checkedHeader, FIXED_BYTES, framedParts, headerEnd, type Frame } from './frame.js'
import { isFileIdentity, type FileIdentity } from './identity.js'
import { FINGERPRINT_BYTES } from './fingerprints.js'

/** Raised whenever what the postings hold or how they are laid out changes. */
export const POSTINGS_FORMAT_VERSION = 13

const POSTINGS_FRAME: Frame = {
  magic: Buffer.from('precisPX', 'latin1'),
  version: POSTINGS_FORMAT_VERSION,
}

/** The postings of one library file, and which file they were built from. */
export interface PostingsContents {
  library: string
  identity: FileIdentity
  postings: Postings
  /**
   * For a delta: the checksum (hex) of the header of the base it is a delta of, and each entry's
   * document (PostingsDelta.order); its postings are then those of the changed entries.
   */
  delta?: { base: string; order: Uint32Array }
  /** For a base: each entry's fingerprint (fingerprints.ts), so a search after a hand edit keeps the documents of entries unchanged. */
  fingerprints?: Uint8Array
}

/**
 * The typed arrays read with the header, in one read: every section before the word lists and the
 * tokens, which come last and are read a block at a time (most of the file: never read whole by a search).
 */
const ARRAYS = [
  'tableChecks',
  'listChecks',
  'tokenChecks',
  'wordEnds',
  'stemEnds',
  'spelled',
  'stemOf',
  'stemStarts',
  'stemWords',
  'nearStarts',
  'nearEntries',
  'fieldStarts',
  'lengths',
  'lengthSums',
  'wordDocStarts',
  'features',
  'positionStarts',
  'positionChecks',
] as const

const bytesOf = (array: ArrayBufferView) => Buffer.from(array.buffer, array.byteOffset, array.byteLength)

/** Texts as one UTF-8 text and the end of each in it (bytes). */
function joined(texts: Texts): { text: Buffer; ends: Uint32Array } {
  const { text } = joinedText(texts)
  const ends = new Uint32Array(texts.length)
  let end = 0
  for (let i = 0; i < texts.length; i++) ends[i] = end += Buffer.byteLength(texts.at(i)!)
  const bytes = Buffer.from(text)
  // Joined, a text ending in half a surrogate pair and one starting with the other half make a whole character: each encoded alone instead.
  return {
    text: bytes.length === end ? bytes : Buffer.concat(Array.from({ length: texts.length }, (_, i) => Buffer.from(texts.at(i)!))),
    ends,
  }
}

/** The postings file's bytes. */
export function encodePostings(contents: PostingsContents): Buffer {
  return Buffer.concat(postingsParts(contents))
}

/** The postings file's bytes as parts to write one after another (framedParts). */
export function postingsParts(contents: PostingsContents): Buffer[] {
  const { postings } = contents
  const streamed = (name: StreamedName) => {
    const bytes = bytesOf(postings[name])
    return { length: bytes.length, crc: crc32(bytes) }
  }
  const layout = postingsLayout(contents, {
    listChecks: blockChecks(postings.wordDocs, postings.wordDocFields),
    tokenChecks: blockChecks(postings.tokens),
    positionChecks: Uint32Array.from(tableChecks(bytesOf(postings.positions), POSITION_BLOCK)),
    wordDocs: streamed('wordDocs'),
    wordDocFields: streamed('wordDocFields'),
    tokens: streamed('tokens'),
    positions: streamed('positions'),
  })
  return layout.map((part) => (typeof part === 'string' ? bytesOf(postings[part]) : part))
}

/** The sections last in the file, most of it: the word lists, their counts, the words in order, where the words are. */
export type StreamedName = 'wordDocs' | 'wordDocFields' | 'tokens' | 'positions'

/** What a postings file holds besides its streamed sections. */
export type PostingsHeadContents = Omit<PostingsContents, 'postings'> & {
  postings: Omit<Postings, StreamedName | 'lists' | 'tokenRange' | 'positionRange' | 'check'>
}

/**
 * What the file says of its streamed sections: their block checks (blockChecks; the positions' in
 * blocks of POSITION_BLOCK bytes), and each one's length in bytes and CRC-32.
 */
export type StreamedChecks = { listChecks: Uint32Array; tokenChecks: Uint32Array; positionChecks: Uint32Array } & Record<
  StreamedName,
  { length: number; crc: number }
>

/**
 * The postings file's parts in order: bytes, or the name of a streamed section, whose bytes the
 * writer puts there (postingsParts: from memory; a segmented build: as it merges them).
 */
export function postingsLayout(
  { library, identity, postings, delta, fingerprints }: PostingsHeadContents,
  checks: StreamedChecks,
): (Buffer | StreamedName)[] {
  const words = joined(postings.words)
  const stems = joined(postings.stems)
  const lookups: Record<LookedUp, ArrayBufferView> = {
    words: words.text,
    stems: stems.text,
    wordEnds: words.ends,
    stemEnds: stems.ends,
    stemStarts: postings.stemStarts,
    stemWords: postings.stemWords,
    nearStarts: postings.nearStarts,
    nearEntries: postings.nearEntries,
    spelled: postings.spelled,
    wordDocStarts: postings.wordDocStarts,
    positionStarts: postings.positionStarts,
  }
  const arrays: Record<(typeof ARRAYS)[number], ArrayBufferView> = {
    ...postings,
    tableChecks: Uint32Array.from(LOOKED_UP.flatMap((name) => tableChecks(bytesOf(lookups[name])))),
    listChecks: checks.listChecks,
    tokenChecks: checks.tokenChecks,
    positionChecks: checks.positionChecks,
    wordEnds: words.ends,
    stemEnds: stems.ends,
    lengths: narrowed(postings.lengths),
    lengthSums: sumsOfLengths(postings.lengths),
  }
  const parts: [string, Buffer | { length: number; check: number }][] = [
    ['words', words.text],
    ['stems', stems.text],
    ...ARRAYS.map((name): [string, Buffer] => [name, bytesOf(arrays[name])]),
    ...(delta ? [['order', bytesOf(delta.order)] as [string, Buffer]] : []),
    ...(fingerprints ? [['fingerprints', bytesOf(fingerprints)] as [string, Buffer]] : []),
    ...STREAMED.map((name): [string, { length: number; check: number }] => [
      name,
      { length: checks[name].length, check: checks[name].crc },
    ]),
  ]
  const { bodies, places } = alignedLayout(parts, crc32)
  const [fixed, header] = framedParts(
    POSTINGS_FRAME,
    { library, identity, count: postings.count, sections: places, ...(delta ? { base: delta.base } : {}) },
    [],
  )
  let streamedAt = 0
  return [fixed!, header!, ...bodies.map((body) => (Buffer.isBuffer(body) ? body : STREAMED[streamedAt++]!))]
}

const STREAMED: readonly StreamedName[] = ['wordDocs', 'wordDocFields', 'tokens', 'positions']

/** Entries of the word lists, and words in order, checksummed together: a search reads and checks the blocks it needs, no others. */
const BLOCK = 4096
/**
 * Blocks kept once read, the most recently used (4 MB of each section): a phrase reads the words in
 * order of every entry holding its words (at 100,000 summaries most of 310 MB), which were all kept.
 */
const KEPT_BLOCKS = 256
/** Blocks read at once when a search reads them in order (a phrase's candidates, a prefix's neighbouring words). */
const READ_AHEAD = 8

/**
 * The CRC-32 of a section given a piece at a time, and of each of its blocks (blockChecks): what a
 * segmented build says of the sections it writes as it merges them. Blocks of BLOCK numbers (the
 * word lists, the words in order), or of `blockBytes` bytes (the positions: POSITION_BLOCK).
 */
export class SectionChecks {
  crc = 0
  length = 0
  readonly blocks: number[] = []
  private block = 0
  private inBlock = 0

  constructor(private readonly blockBytes = 4 * BLOCK) {}

  add(piece: Uint32Array | Uint8Array): void {
    const bytes = bytesOf(piece)
    this.crc = crc32(bytes, this.crc)
    this.length += bytes.length
    for (let i = 0; i < bytes.length;) {
      const n = Math.min(bytes.length - i, this.blockBytes - this.inBlock)
      this.block = crc32(bytes.subarray(i, i + n), this.block)
      this.inBlock += n
      i += n
      if (this.inBlock === this.blockBytes) this.endBlock()
    }
  }

  /** Once every piece is added: the last block, when partial, checked too. */
  end(): void {
    if (this.inBlock > 0) this.endBlock()
  }

  private endBlock(): void {
    this.blocks.push(this.block)
    this.block = 0
    this.inBlock = 0
  }
}

/** The block checks of sections of one length (SectionChecks), block by block: section 0's, section 1's, ... as blockChecks lays them out. */
export function interleavedChecks(...sections: SectionChecks[]): Uint32Array {
  const blocks = sections[0]!.blocks.length
  const checks = new Uint32Array(blocks * sections.length)
  for (let b = 0; b < blocks; b++) sections.forEach((section, i) => (checks[b * sections.length + i] = section.blocks[b]!))
  return checks
}

/** The CRC-32 of each block of `arrays` (of one length), block by block: array 0's, array 1's, ... */
function blockChecks(...arrays: Uint32Array[]): Uint32Array {
  const blocks = Math.ceil(arrays[0]!.length / BLOCK)
  const checks = new Uint32Array(blocks * arrays.length)
  for (let b = 0; b < blocks; b++)
    arrays.forEach((array, i) => (checks[b * arrays.length + i] = crc32(bytesOf(array.subarray(b * BLOCK, (b + 1) * BLOCK)))))
  return checks
}

/**
 * The sections a search looks its words up in (a binary search of the words or stems, then their
 * entries in the tables): also checked in blocks of TABLE_BLOCK bytes, each block's CRC-32 in
 * `tableChecks` (these sections' blocks one after another, in this order). A search reads and checks
 * the few blocks its lookups touch, not 17 MB of tables at 100,000 summaries.
 */
const LOOKED_UP = [
  'words',
  'stems',
  'wordEnds',
  'stemEnds',
  'stemStarts',
  'stemWords',
  'wordDocStarts',
  'positionStarts',
  'nearStarts',
  'nearEntries',
  'spelled',
] as const
type LookedUp = (typeof LOOKED_UP)[number]
const TABLE_BLOCK = 16384
/** Blocks of one section read a block at a time before the rest is read whole (BlockedBytes.many): a few words' lookups read fewer. */
const MANY_BLOCKS = 64

/** The CRC-32 of each block of `block` bytes of `bytes`. */
function tableChecks(bytes: Buffer, block = TABLE_BLOCK): number[] {
  const checks: number[] = []
  for (let start = 0; start < bytes.length; start += block) checks.push(crc32(bytes.subarray(start, start + block)))
  return checks
}

/**
 * Bytes of the positions (Postings.positions) checked together: a search reads those of the entries
 * it looks at, a few dozen bytes each, so a block is small (a phrase's bonus reads one for each
 * word of each of 300 entries).
 */
export const POSITION_BLOCK = 4096

/**
 * A section read a block of TABLE_BLOCK bytes at a time, each checked against its CRC-32
 * (checks[first + block]) and, for 32-bit numbers, `valid` when first read, and kept (a section is a
 * few MB at most); a block that fails, or a file no longer the one read, throws PostingsUnavailable.
 */
class BlockedBytes {
  /** The blocks read, by number (a lookup reads a few dozen, at every step of its binary search). */
  private readonly blocks: (Buffer | undefined)[] = []
  /** Each block read as numbers (of `numberBytes` bytes), for a section of them. */
  private readonly numbers: (Uint32Array | Uint16Array | undefined)[] = []
  private count = 0

  constructor(
    private readonly source: PostingsSource,
    private readonly at: number,
    readonly length: number,
    private readonly checks: Uint32Array,
    private readonly first: number,
    private readonly valid: ((values: Uint32Array) => boolean) | null,
    /** Bytes of each number, for a section of numbers: 4, or 2 (`spelled`). */
    private readonly numberBytes: 2 | 4 = 4,
  ) {}

  /** Bytes `start` to `end` (within the section). */
  bytes(start: number, end: number): Buffer {
    if (end <= start) return Buffer.alloc(0)
    const first = Math.floor(start / TABLE_BLOCK)
    const last = Math.floor((end - 1) / TABLE_BLOCK)
    if (first === last) return this.block(first).subarray(start - first * TABLE_BLOCK, end - first * TABLE_BLOCK)
    const pieces: Buffer[] = []
    for (let b = first; b <= last; b++)
      pieces.push(
        this.block(b).subarray(Math.max(start, b * TABLE_BLOCK) - b * TABLE_BLOCK, Math.min(end, (b + 1) * TABLE_BLOCK) - b * TABLE_BLOCK),
      )
    return Buffer.concat(pieces)
  }

  /** Whether MANY_BLOCKS of it have been read: its reader then reads it whole, checked whole, as fewer reads of more bytes. */
  get many(): boolean {
    return this.count >= MANY_BLOCKS
  }

  /** The number at `index`; undefined beyond the section. */
  numberAt(index: number): number | undefined {
    const size = this.numberBytes
    if (!(index >= 0 && index < this.length / size)) return undefined
    const per = TABLE_BLOCK / size
    const b = Math.floor(index / per)
    const numbers = (this.numbers[b] ??= (size === 2 ? view(this.block(b), Uint16Array) : view(this.block(b), Uint32Array)) ?? undefined)
    return numbers?.[index - b * per]
  }

  private block(b: number): Buffer {
    const kept = this.blocks[b]
    if (kept) return kept
    const size = Math.min(this.length, (b + 1) * TABLE_BLOCK) - b * TABLE_BLOCK
    const block = this.source.readLater(this.at + b * TABLE_BLOCK, size)
    const numbers = block && this.valid ? view(block, Uint32Array) : null
    if (
      !block ||
      block.length !== size ||
      crc32(block) !== this.checks[this.first + b] ||
      (this.valid && !(numbers && this.valid(numbers)))
    )
      throw new PostingsUnavailable("the search postings' file is damaged, or changed while they were read")
    this.blocks[b] = block
    if (numbers && this.numberBytes === 4) this.numbers[b] = numbers
    this.count++
    return block
  }
}

/** Blocks read at once when every block is checked (4 MiB). */
const CHECKED_AT_ONCE = 256

/** The typed array over a block's bytes (aligned), or null when they do not divide into its numbers. */
type Viewed<T> = (bytes: Buffer) => T | null

/** How a Blocked section is cut: into blocks of `per` numbers of `size` bytes each, viewed by `made`. */
interface BlockKind<T> {
  made: Viewed<T>
  size: number
  per: number
}

const NUMBER_BLOCKS: BlockKind<Uint32Array> = { made: (bytes) => view(bytes, Uint32Array), size: 4, per: BLOCK }
const POSITION_BLOCKS: BlockKind<Uint8Array> = {
  made: (bytes) => new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
  size: 1,
  per: POSITION_BLOCK,
}

/**
 * A section of numbers (u32, or bytes) read a block of `per` of them at a time when first needed,
 * each block's checksum (checks[block × step + first]) checked then: a block that fails, or a file
 * no longer the one read, throws PostingsUnavailable.
 */
class Blocked<T extends Uint32Array | Uint8Array = Uint32Array> {
  private readonly blocks = new Map<number, T>()
  private readonly made: Viewed<T>
  private readonly size: number
  private readonly per: number

  constructor(
    private readonly source: PostingsSource,
    private readonly at: number,
    readonly length: number,
    private readonly checks: Uint32Array,
    private readonly step: number,
    private readonly first: number,
    kind: BlockKind<T> = NUMBER_BLOCKS as BlockKind<T>,
  ) {
    ;({ made: this.made, size: this.size, per: this.per } = kind)
  }

  range(start: number, end: number): T {
    const { per } = this
    if (end <= start) return this.made(Buffer.alloc(0))!
    const first = Math.floor(start / per)
    const last = Math.floor((end - 1) / per)
    if (first === last) return this.block(first).subarray(start - first * per, end - first * per) as T
    // Blocks read together are views of one read, in order: the range is a view of it too. A copy
    // (most lists of a common word span blocks) was megabytes more for the garbage collector to weigh.
    // So when one is missing, all are read in one run, those kept read again (a block or two).
    let missing = false
    for (let b = first; b <= last && !missing; b++) missing = !this.blocks.has(b)
    const blocks: T[] = [this.block(first, last, missing)]
    for (let b = first + 1; b <= last; b++) blocks.push(this.block(b, last))
    const head = blocks[0]!
    const inOrder = blocks.every((block, k) => block.buffer === head.buffer && block.byteOffset === head.byteOffset + k * per * this.size)
    if (inOrder) return this.made(Buffer.from(head.buffer, head.byteOffset + (start - first * per) * this.size, (end - start) * this.size))!
    const range = this.made(Buffer.alloc((end - start) * this.size))!
    blocks.forEach((block, k) => {
      const b = first + k
      const from = Math.max(start, b * per)
      range.set(block.subarray(from - b * per, Math.min(end, (b + 1) * per) - b * per), from - start)
    })
    return range
  }

  /** Read every block and check its checksum, a few megabytes at a time, keeping none; throws PostingsUnavailable as a read does. */
  checkAll(): void {
    const { size, per } = this
    const blocks = Math.ceil(this.length / per)
    // One buffer for every read: a new one each time (150 of 4 MiB for a base at 100,000 summaries)
    // was freed only when the garbage collector next ran, so the peak varied with when it did.
    const atOnce = Math.max(1, Math.floor((CHECKED_AT_ONCE * BLOCK * 4) / (per * size)))
    const room = Buffer.allocUnsafe(Math.min(blocks, atOnce) * per * size)
    for (let b = 0; b < blocks; b += atOnce) {
      const last = Math.min(blocks, b + atOnce)
      const length = (Math.min(this.length, last * per) - b * per) * size
      const bytes = this.source.readLater(this.at + b * per * size, length, room)
      if (!bytes || bytes.length !== length) throw new PostingsUnavailable("the search postings' file changed while they were read")
      for (let k = b; k < last; k++) {
        const block = bytes.subarray((k - b) * per * size, Math.min(bytes.length, (k - b + 1) * per * size))
        if (crc32(block) !== this.checks[k * this.step + this.first])
          throw new PostingsUnavailable("the search postings' file changed while they were read")
      }
    }
  }

  /** The block read last (or found kept): the next one after it is read with a few more (in order, as a phrase reads its candidates). */
  private last = -2

  /**
   * Block `b`: for a range over several blocks (`through` its last), read with those after it up to
   * `through` not kept (`again`: kept or not), one read and none beyond (`related` reads 300 documents
   * far apart); else, when read in order after the last, with a few more.
   */
  private block(b: number, through?: number, again = false): T {
    const { size, per } = this
    let block = this.blocks.get(b)
    if (block && !again) {
      this.keep(b, block) // the most recently used are kept
      this.last = b
      return block
    }
    let run = 1
    if (through !== undefined) while (b + run <= through && (again || !this.blocks.has(b + run))) run++
    else if (b === this.last + 1) while (run < READ_AHEAD && (b + run) * per < this.length && !this.blocks.has(b + run)) run++
    const start = b * per * size
    const length = (Math.min(this.length, (b + run) * per) - b * per) * size
    const bytes = this.source.readLater(this.at + start, length)
    if (!bytes || bytes.length !== length) throw new PostingsUnavailable("the search postings' file changed while they were read")
    for (let k = 0; k < run; k++) {
      const piece = bytes.subarray(k * per * size, (k + 1) * per * size)
      const read = (crc32(piece) === this.checks[(b + k) * this.step + this.first] && this.made(piece)) || undefined
      if (!read) throw new PostingsUnavailable("the search postings' file changed while they were read")
      this.keep(b + k, read)
      if (k === 0) block = read
    }
    this.last = b + run - 1
    return block!
  }

  /** Keep `block` as the most recently used, and no more than KEPT_BLOCKS (what a search holds of the file stays bounded). */
  private keep(b: number, block: T): void {
    this.blocks.delete(b)
    this.blocks.set(b, block)
    if (this.blocks.size > KEPT_BLOCKS) this.blocks.delete(this.blocks.keys().next().value!)
  }
}

/** What a postings file's header says of it, and the checksum (hex) of that header, which names the file (a delta names its base so). */
export interface PostingsHead {
  hash: string
  library: string
  identity: FileIdentity
  count: number
  delta: boolean
}

/** The head of a postings file (its first bytes and header only), or null when it is not a whole header of this format. */
export function decodePostingsHead(source: PostingsSource): PostingsHead | null {
  try {
    const head = readHead(source)
    if (!head) return null
    const { library, identity, count, base } = head.header
    if (typeof library !== 'string' || !isFileIdentity(identity) || !isCount(count)) return null
    return { hash: head.hash, library, identity, count, delta: base !== undefined }
  } catch {
    return null
  }
}

function readHead(source: PostingsSource): { header: Record<string, unknown>; hash: string; headerEnd: number } | null {
  const fixedLength = FIXED_BYTES
  const fixed = source.read(0, fixedLength)
  const end = headerEnd(POSTINGS_FRAME, fixed)
  const text = end === null ? null : checkedHeader(POSTINGS_FRAME, fixed, source.read(fixedLength, end - fixedLength))
  if (text === null) return null
  return { header: JSON.parse(text) as Record<string, unknown>, hash: fixed.subarray(16, fixedLength).toString('hex'), headerEnd: end! }
}

/** Where a postings file is read from: now, while it is open, and later for the tokens. */
export interface PostingsSource {
  /** Up to `length` bytes from `start` (fewer at the end of the file). */
  read(start: number, length: number): Buffer
  /** The same, later: null when the file is no longer the one read first. Into `room` when given (as long as `length` at least), else new bytes. */
  readLater(start: number, length: number, room?: Buffer): Buffer | null
}

/** A postings file held whole in memory. */
function bufferSource(bytes: Buffer): PostingsSource {
  const read = (start: number, length: number) => bytes.subarray(start, start + length)
  return { read, readLater: read }
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0

/** A typed array's constructor. */
type ArrayType<T> = { new (buffer: ArrayBuffer, offset: number, length: number): T; BYTES_PER_ELEMENT: number }

/** The typed array of `type` over `bytes`, in place when aligned (else copied); null when the length does not divide. */
function view<T extends ArrayBufferView>(bytes: Buffer, type: ArrayType<T>): T | null {
  const size = type.BYTES_PER_ELEMENT
  if (bytes.length % size !== 0) return null
  const aligned = bytes.byteOffset % size === 0 ? bytes : Buffer.from(bytes)
  return new type(aligned.buffer as ArrayBuffer, aligned.byteOffset, aligned.length / size)
}

/**
 * The texts of a UTF-8 text and their ends (bytes), when the last end is the text's length. Ends
 * that decrease are not looked for (a loop over 400,000 of them, in a fresh process, was a tenth of
 * a search at 100,000 summaries): a text whose end is before its start reads as empty (Utf8Texts.at),
 * and every lookup in them ends (binary searches), so such a file gives wrong words at worst.
 */
export function utf8Texts(bytes: Buffer, ends: Uint32Array): Utf8Texts | null {
  return (ends.length === 0 ? 0 : ends[ends.length - 1]) === bytes.length ? new Utf8Texts(bytes, ends) : null
}

/**
 * Texts kept as the UTF-8 bytes of a file, each decoded when asked for: a search looks at a few
 * dozen words of a vocabulary of 80,000 (at 10,000 summaries), and decoding all of it into one
 * string cost more than the lookups. Read whole (typo correction looks at thousands), they are read
 * from the bytes as one Latin-1 string, a character a byte: an ASCII word is a slice of it.
 */
class Utf8Texts implements Texts {
  /** The bytes as Latin-1, once read whole: each character at its byte's offset. */
  private latin1: string | undefined

  constructor(
    private readonly bytes: Buffer,
    /** Where each text ends in `bytes`. */
    private readonly ends: Uint32Array,
  ) {}

  get length(): number {
    return this.ends.length
  }

  at(index: number): string | undefined {
    if (!(index >= 0 && index < this.ends.length)) return undefined
    const start = index === 0 ? 0 : this.ends[index - 1]!
    const end = this.ends[index]!
    // An end before its start (a file precis did not write) reads as empty: toString and slice give '' then.
    if (this.latin1 !== undefined) {
      const text = this.latin1.slice(start, end)
      if (isAscii(text)) return text
    }
    return this.bytes.toString('utf8', start, end)
  }

  whole(): Texts {
    this.latin1 ??= this.bytes.toString('latin1')
    return this
  }
}

/** Whether every character of `text` is ASCII (its UTF-8 bytes read as Latin-1 are then the text). */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false
  return true
}

/** Whether `starts` begins at 0, never decreases and ends at `total`. */
function isStarts(starts: Uint32Array, total: number): boolean {
  return starts.length > 0 && starts[0] === 0 && starts[starts.length - 1] === total && fits(starts, total + 1, true)
}

const allBelow = (values: Uint32Array, limit: number) => fits(values, limit, false)

/** Whether an entry of a near table (near-table.ts) names one of `numbers` words and stems. */
function nearEntryFits(entry: number, numbers: number): boolean {
  const bits = numberBits(numbers)
  return (bits >= 32 ? entry : entry % 2 ** bits) < numbers
}

/** Whether every entry of a near table names one of `numbers` words and stems. */
function nearEntriesBelow(values: Uint32Array, numbers: number): boolean {
  for (let i = 0; i < values.length; i++) if (!nearEntryFits(values[i]!, numbers)) return false
  return true
}

/**
 * Whether every value is below `limit` (and, `ascending`, none below the one before): one loop for
 * every table a search checks, so that the engine, which optimises it while checking the first,
 * runs the others optimised (a loop of its own each ran unoptimised at first: 400,000 values).
 */
function fits(values: Uint32Array, limit: number, ascending: boolean): boolean {
  let least = 0
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!
    if (value >= limit || value < least) return false
    if (ascending) least = value
  }
  return true
}

/**
 * What the postings file holds, or null when its header, or a section read with it, is not that of
 * a whole, undamaged postings file of this format whose sections fit one another. The other
 * sections are read, and their checksums and numbers checked, when first used: then one that is
 * damaged, points outside what it indexes, or is no longer in the file read throws PostingsUnavailable.
 */
export function decodePostings(
  source: PostingsSource | Buffer,
  /** Each entry's fingerprint read too (a search has no use for them: only a build after a hand edit does). */
  withFingerprints = true,
): (PostingsContents & { hash: string }) | null {
  try {
    return decode(Buffer.isBuffer(source) ? bufferSource(source) : source, withFingerprints)
  } catch {
    return null // a header that is not JSON, or numbers no typed array can hold
  }
}

function decode(source: PostingsSource, withFingerprints: boolean): (PostingsContents & { hash: string }) | null {
  const head = readHead(source)
  if (!head) return null
  const { header, hash, headerEnd } = head
  const { library, identity, count, sections, base } = header
  if (typeof library !== 'string' || !isFileIdentity(identity) || !isCount(count) || !Array.isArray(sections)) return null
  if (base !== undefined && typeof base !== 'string') return null
  const places = new Map<string, { offset: number; length: number; crc: number }>()
  for (const section of sections as unknown[]) {
    if (!Array.isArray(section) || section.length !== 4) return null
    const [name, offset, length, crc] = section as unknown[]
    if (typeof name !== 'string' || !isCount(offset) || !isCount(length) || !isCount(crc)) return null
    places.set(name, { offset: headerEnd + offset, length, crc })
  }
  // Every section's length is checked now, from the header: each must fit the others.
  const items = (name: string, size: number) => {
    const at = places.get(name)
    return at && at.length % size === 0 ? at.length / size : -1
  }
  const vocabulary = items('wordEnds', 4)
  const stemCount = items('stemEnds', 4)
  const listLength = items('wordDocs', 4)
  const tokenLength = items('tokens', 4)
  const stemWordCount = items('stemWords', 4)
  const positionLength = items('positions', 1)
  const nearEntryCount = items('nearEntries', 4)
  const buckets = items('nearStarts', 4) - 1
  // Two bytes a length or four (narrowed): which, the section's size says.
  const lengthBytes = items('lengths', 2) === count * FIELD_COUNT ? 2 : items('lengths', 4) === count * FIELD_COUNT ? 4 : 0
  const sized =
    vocabulary >= 0 &&
    stemCount >= 0 &&
    listLength >= 0 &&
    tokenLength >= 0 &&
    stemWordCount >= 0 &&
    places.has('words') &&
    places.has('stems') &&
    items('wordDocFields', 4) === listLength &&
    items('spelled', 2) === vocabulary &&
    items('stemOf', 4) === vocabulary &&
    items('wordDocStarts', 4) === vocabulary + 1 &&
    items('stemStarts', 4) === stemCount + 1 &&
    nearEntryCount >= 0 &&
    buckets >= 1 &&
    (buckets & (buckets - 1)) === 0 &&
    items('fieldStarts', 4) === count * FIELD_COUNT + 1 &&
    lengthBytes > 0 &&
    items('lengthSums', 8) === FIELD_COUNT &&
    items('features', 1) === count &&
    positionLength >= 0 &&
    items('positionStarts', 4) === positionStartCount(listLength) &&
    items('positionChecks', 4) === Math.ceil(positionLength / POSITION_BLOCK) &&
    items('listChecks', 4) === 2 * Math.ceil(listLength / BLOCK) &&
    items('tokenChecks', 4) === Math.ceil(tokenLength / BLOCK) &&
    items('tableChecks', 4) === LOOKED_UP.reduce((sum, name) => sum + Math.ceil(places.get(name)!.length / TABLE_BLOCK), 0)
  if (!sized) return null
  // Read now: what every search (or save) uses whole, small and cheap to check. The vocabulary and
  // the tables over it are read and checked when first used (below); the lists and the words in
  // order a block at a time.
  const now = (name: string): Buffer | null => {
    const at = places.get(name)
    if (!at) return null
    const body = source.read(at.offset, at.length)
    return body.length === at.length && crc32(body) === at.crc ? body : null
  }
  const typed = <T extends ArrayBufferView>(name: string, type: ArrayType<T>) => {
    const body = now(name)
    return body && view(body, type)
  }
  const lengths: FieldLengths | null = lengthBytes === 2 ? typed('lengths', Uint16Array) : typed('lengths', Uint32Array)
  const listChecks = typed('listChecks', Uint32Array)
  const tokenChecks = typed('tokenChecks', Uint32Array)
  const features = typed('features', Uint8Array)
  const checksOfTables = typed('tableChecks', Uint32Array)
  const lengthSums = typed('lengthSums', Float64Array)
  if (!lengths || !lengthSums || !lengthSums.every(isLengthSum) || !listChecks || !tokenChecks || !features || !checksOfTables) return null
  // Each block of numbers checked as it is first read: what it indexes, in order where they are ends
  // or starts (a pair across two blocks out of order reads as nothing: Blocked.range, SectionTexts.at).
  // The texts' ends are not: a word looked up reads a dozen of their blocks (its binary search), and
  // checking their 50,000 numbers, in a fresh process, was most of the lookup's time at 100,000
  // summaries; SectionTexts.at reads a text whose end is before its start, or past the texts, as
  // empty, as the texts read whole do (utf8Texts), so such a file gives wrong words at worst.
  const ascendingTo = (limit: number) => (values: Uint32Array) => fits(values, limit + 1, true)
  const below = (limit: number) => (values: Uint32Array) => fits(values, limit, false)
  const validity: Record<LookedUp, ((values: Uint32Array) => boolean) | null> = {
    words: null,
    stems: null,
    wordEnds: () => true,
    stemEnds: () => true,
    stemStarts: ascendingTo(stemWordCount),
    stemWords: below(vocabulary),
    wordDocStarts: ascendingTo(listLength),
    positionStarts: ascendingTo(positionLength),
    nearStarts: ascendingTo(nearEntryCount),
    // Checked as each is used (nearEntryFits): a typo's probe uses a few of a block's 4,096, and a
    // loop over the block, in a fresh process, cost more than reading it.
    nearEntries: null,
    spelled: null,
  }
  let firstCheck = 0
  const blocked = {} as Record<LookedUp, BlockedBytes>
  for (const name of LOOKED_UP) {
    const at = places.get(name)!
    blocked[name] = new BlockedBytes(source, at.offset, at.length, checksOfTables, firstCheck, validity[name], name === 'spelled' ? 2 : 4)
    firstCheck += Math.ceil(at.length / TABLE_BLOCK)
  }
  const order = places.has('order') ? typed('order', Uint32Array) : null
  if ((base === undefined) !== (order === null)) return null
  const printBytes = withFingerprints && places.has('fingerprints') ? now('fingerprints') : undefined
  if (printBytes === null || (printBytes && printBytes.length !== count * FINGERPRINT_BYTES)) return null
  const fingerprints = printBytes ? new Uint8Array(printBytes) : undefined

  /**
   * A section read, its checksum and what it holds checked, when first used: one that fails (a
   * damaged file, or one precis did not write) throws PostingsUnavailable, and the postings are built
   * again, as for a damaged block.
   */
  const later = <T>(name: string, made: (body: Buffer) => T | null): (() => T) => {
    let value: T | null = null
    return () => {
      if (value !== null) return value
      const at = places.get(name)!
      const body = source.readLater(at.offset, at.length)
      value = body && body.length === at.length && crc32(body) === at.crc ? made(body) : null
      if (value === null) throw new PostingsUnavailable("the search postings' file is damaged, or changed while they were read")
      return value
    }
  }
  const u32 = (name: string, valid: (values: Uint32Array) => boolean) =>
    later(name, (body) => {
      const values = view(body, Uint32Array)
      return values && valid(values) ? values : null
    })
  const wordEnds = u32('wordEnds', () => true)
  const stemEnds = u32('stemEnds', () => true)
  const words = new SectionTexts(
    vocabulary,
    later('words', (body) => utf8Texts(body, wordEnds())),
    blocked.words,
    blocked.wordEnds,
  )
  const stems = new SectionTexts(
    stemCount,
    later('stems', (body) => utf8Texts(body, stemEnds())),
    blocked.stems,
    blocked.stemEnds,
  )
  const spelled = later('spelled', (body) => view(body, Uint16Array))
  const stemOf = u32('stemOf', (values) => allBelow(values, stemCount))
  const stemStarts = u32('stemStarts', (values) => isStarts(values, stemWordCount))
  const stemWords = u32('stemWords', (values) => allBelow(values, vocabulary))
  const fieldStarts = u32('fieldStarts', (values) => isStarts(values, tokenLength))
  const wordDocStarts = u32('wordDocStarts', (values) => isStarts(values, listLength))
  const positionStarts = u32('positionStarts', (values) => isStarts(values, positionLength))
  const nearStarts = u32('nearStarts', (values) => isStarts(values, nearEntryCount))
  const nearEntries = u32('nearEntries', (values) => nearEntriesBelow(values, vocabulary + stemCount))
  // The positions read a block at a time (a phrase reads those of its words' entries), their checks when first needed.
  const positionChecks = u32('positionChecks', () => true)
  let blockedPositions: Blocked<Uint8Array> | undefined
  const positionBlocks = () =>
    (blockedPositions ??= new Blocked(source, places.get('positions')!.offset, positionLength, positionChecks(), 1, 0, POSITION_BLOCKS))
  const docs = new Blocked(source, places.get('wordDocs')!.offset, listLength, listChecks, 2, 0)
  const counts = new Blocked(source, places.get('wordDocFields')!.offset, listLength, listChecks, 2, 1)
  const tokensAt = places.get('tokens')!
  const blockedTokens = new Blocked(source, tokensAt.offset, tokenLength, tokenChecks, 1, 0)
  let tokens: Uint32Array | undefined
  let whole: { docs: Uint32Array; fields: Uint32Array } | undefined
  const postings: Postings = {
    count,
    words,
    stems,
    lengths,
    lengthSums,
    features,
    get spelled(): Uint16Array {
      return spelled()
    },
    get stemOf(): Uint32Array {
      return stemOf()
    },
    get stemStarts(): Uint32Array {
      return stemStarts()
    },
    get stemWords(): Uint32Array {
      return stemWords()
    },
    nearBuckets: buckets,
    get nearStarts(): Uint32Array {
      return nearStarts()
    },
    get nearEntries(): Uint32Array {
      return nearEntries()
    },
    get fieldStarts(): Uint32Array {
      return fieldStarts()
    },
    get wordDocStarts(): Uint32Array {
      return wordDocStarts()
    },
    get positionStarts(): Uint32Array {
      return positionStarts()
    },
    get positions(): Uint8Array {
      return positionBlocks().range(0, positionLength)
    },
    positionRange: (start, end) => positionBlocks().range(start, end),
    get tokens(): Uint32Array {
      tokens ??= readTokens(source, tokensAt)
      return tokens
    },
    get wordDocs(): Uint32Array {
      whole ??= { docs: docs.range(0, listLength), fields: counts.range(0, listLength) }
      return whole.docs
    },
    get wordDocFields(): Uint32Array {
      whole ??= { docs: docs.range(0, listLength), fields: counts.range(0, listLength) }
      return whole.fields
    },
    // Once read whole (browse), from memory too.
    lists: (start, end) =>
      whole
        ? { docs: whole.docs.subarray(start, end), fields: whole.fields.subarray(start, end) }
        : { docs: docs.range(start, end), fields: counts.range(start, end) },
    // Once read whole (browse), from memory: the file may be replaced meanwhile.
    tokenRange: (start, end) => (tokens ? tokens.subarray(start, end) : blockedTokens.range(start, end)),
    // Past MANY_BLOCKS of a table (`related` looks up every word of a few texts), the table read whole.
    lookUp: (table, at) => {
      const value = blocked[table].many
        ? { stemStarts, stemWords, wordDocStarts, positionStarts, nearStarts, nearEntries, spelled }[table]()[at]
        : blocked[table].numberAt(at)
      if (table === 'nearEntries' && value !== undefined && !nearEntryFits(value, vocabulary + stemCount))
        throw new PostingsUnavailable("the search postings' near table names a word or stem they do not have")
      return value
    },
    check: () => {
      for (const section of [
        words.read,
        stems.read,
        spelled,
        stemOf,
        stemStarts,
        stemWords,
        nearStarts,
        nearEntries,
        fieldStarts,
        wordDocStarts,
        positionStarts,
      ])
        section()
      positionBlocks().checkAll()
      docs.checkAll()
      counts.checkAll()
      if (!tokens) blockedTokens.checkAll()
    },
  }
  return {
    library,
    identity,
    postings,
    hash,
    ...(order && base !== undefined ? { delta: { base, order } } : {}),
    ...(fingerprints ? { fingerprints } : {}),
  }
}

/** Texts of a section read when first used (decode's `later`), whose count the header gives. */
class SectionTexts implements Texts {
  constructor(
    readonly length: number,
    /** The section's texts, read and checked (throws PostingsUnavailable when they are not whole). */
    readonly read: () => Utf8Texts,
    /** The texts' bytes and their ends, read a block at a time (a word looked up reads a few). */
    private readonly bytes: BlockedBytes,
    private readonly ends: BlockedBytes,
  ) {}

  /** Whether the section has been read whole (for a caller reading thousands of its texts): each text is then read from it. */
  private isWhole = false

  at(index: number): string | undefined {
    if (!(index >= 0 && index < this.length)) return undefined
    if (this.isWhole || this.bytes.many || this.ends.many) return this.read().at(index)
    const end = this.ends.numberAt(index) ?? 0
    const start = index === 0 ? 0 : (this.ends.numberAt(index - 1) ?? end)
    // An end before its start, or past the texts (a file precis did not write), reads as empty, as Utf8Texts reads it.
    return start <= end && end <= this.bytes.length ? this.bytes.bytes(start, end).toString('utf8') : ''
  }

  whole(): Texts {
    this.isWhole = true
    return this.read().whole()
  }
}

function readTokens(source: PostingsSource, at: { offset: number; length: number; crc: number }): Uint32Array {
  const bytes = source.readLater(at.offset, at.length)
  const tokens = bytes && bytes.length === at.length && crc32(bytes) === at.crc ? view(bytes, Uint32Array) : null
  if (!tokens) throw new PostingsUnavailable("the search postings' file changed while they were read")
  return tokens
}

/**
 * Each field's lengths added up over every entry (entry after entry, as a search adds them), kept in
 * the file: a search takes its average field lengths from them, and adding up 600,000 lengths at
 * 100,000 entries (a loop a fresh process runs unoptimised) was part of every search.
 */
function sumsOfLengths(lengths: FieldLengths): Float64Array {
  const sums = new Float64Array(FIELD_COUNT)
  for (let at = 0; at < lengths.length; at += FIELD_COUNT) for (let f = 0; f < FIELD_COUNT; f++) sums[f]! += lengths[at + f]!
  return sums
}

/** The lengths in two bytes each when every one fits (most libraries: a body of 65,536 units is ~10,000 words), else in four. */
function narrowed(lengths: FieldLengths): FieldLengths {
  let most = 0
  for (let i = 0; i < lengths.length; i++) most = Math.max(most, lengths[i]!)
  return most <= 0xffff ? new Uint16Array(lengths) : lengths
}

/** What a sum of lengths (counts of UTF-16 units) can be: a whole number from 0 to 2^53. */
function isLengthSum(value: number): boolean {
  return value >= 0 && value <= Number.MAX_SAFE_INTEGER && Math.floor(value) === value
}

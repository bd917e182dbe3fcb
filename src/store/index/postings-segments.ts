// The search postings of a large library built in segments, so that a build holds a segment of
// them, not all (at 100,000 summaries they are 0.6 GB): the entries' words in order are taken out
// a segment at a time (PostingsBuilder.takeSegment) and written, with the segment's word lists
// (segmentLists: its words in the order the postings number them), to one temp file beside the
// postings (its name removed once it is open: `unnamed`); once every entry is read, the
// vocabulary is sorted and the segments merged word by word into the postings file, whose bytes
// are those the whole build writes (postingsParts).
//
// The file's header holds each section's CRC-32 and comes before them, and the checks of the word
// lists' blocks come before the lists: the merge runs twice, once to check what it makes and once
// to write it, rather than writing the merged sections to another temp file and copying them.
import { closeSync, mkdirSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Entry } from '../../core/records/entries.js'
import { PostingsBuilder, segmentLists, vocabularyTables, type Postings, type TokenSegment } from '../../core/search/postings.js'
import { PositionStarts, positionLists } from '../../core/search/positions.js'
import { removeOnInterrupt } from '../../platform/interrupt.js'
import {
  interleavedChecks,
  POSITION_BLOCK,
  postingsLayout,
  SectionChecks,
  type PostingsHeadContents,
  type StreamedName,
} from './postings-format.js'

/** Words in order held before a segment is written out: 8 Mi (32 MiB, about 10,000 summaries' words; a library that size is built in memory). */
export const SEGMENT_TOKENS = 1 << 23

/** Room for words in order past a segment's: the entry that takes them past it (a summary of 4 MB). */
const SEGMENT_SLACK = 1 << 20

/**
 * Words in order held before a segment is written out, for a library of COLLECT_FROM_BYTES or more
 * (contents.ts): 2 Mi (8 MiB). The segment's words and its word lists (made from them, held while
 * it is written) were, at 8 Mi, 70 MB of the read's peak at 100,000 summaries; a library smaller
 * keeps SEGMENT_TOKENS, so that one of 10,000 summaries is built in memory, in one piece.
 */
export const LARGE_SEGMENT_TOKENS = 1 << 21

/**
 * Segments written between the collections of a large library's read (`collect`, a no-op for a
 * smaller one): the outline and the vocabulary held grow through the read, and V8 let the heap grow
 * on their garbage to 350–390 MB at 100,000 summaries before it collected (the read's peak, varying
 * with when it did); collected every 8 segments (5 times there, ~0.1 s each) it stays near 315 MB.
 */
const COLLECT_EVERY = 8

/** Numbers read or written at once by the merge (256 KiB). */
const CHUNK = 1 << 16

/**
 * Bytes the merge's readers hold in all (8 MiB: four a segment, its entries, their counts, their
 * positions and each word's bytes of them), each of 4 × CHUNK at most and READER_LEAST at least:
 * a large library's segments are many (about 40 at 100,000 summaries), 33 MB of readers at CHUNK each.
 */
export const READERS = 1 << 23
const READER_LEAST = 1 << 14

/**
 * The bytes each of the merge's readers holds, for `segments` segments and `readers` bytes of
 * readers in all: a multiple of 4, at least READER_LEAST (or `readers`, when fewer).
 */
const readerBytes = (segments: number, readers: number) =>
  4 * Math.max(1, Math.floor(Math.min(4 * CHUNK, Math.max(Math.min(READER_LEAST, readers), readers / (4 * segments))) / 4))

/** A segment as written in the temp file. */
interface Segment {
  /** Where its words in order (numbered as met) start, and how many. */
  tokensAt: number
  tokens: number
  /**
   * Its words, numbered as met (then, once the vocabulary is sorted, as the postings number them),
   * in the order postings number them, and the length of each one's list.
   */
  words: Uint32Array
  sizes: Uint32Array
  /** Where its lists' entries and their counts start (each `lists` numbers). */
  docsAt: number
  fieldsAt: number
  lists: number
  /** Where the positions of its lists' entries start (`positions` bytes), and each word's bytes of them (one number a word, as `words`). */
  positionsAt: number
  positions: number
  positionSizesAt: number
}

const bytesOf = (array: Uint32Array | Uint8Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength)

/** Write all of `bytes` to `fd` at `position`. */
function writeAt(fd: number, bytes: Buffer, position: number): void {
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at, position + at)
}

/** Numbers (u32, or bytes) read in order from the file `fd`, from `start` (bytes), a chunk of `chunkBytes` at a time. */
class NumberReader<T extends Uint32Array | Uint8Array = Uint32Array> {
  private readonly chunk: T
  private at = 0
  private end = 0

  constructor(
    private readonly fd: number,
    private position: number,
    private left: number,
    make: (length: number) => T = (length) => new Uint32Array(length) as T,
    chunkBytes = 4 * CHUNK,
  ) {
    const size = make(0).BYTES_PER_ELEMENT
    this.chunk = make(Math.min(Math.floor(chunkBytes / size), Math.max(1, left)))
  }

  /** The next `n` numbers, given a piece at a time (a view of the chunk, valid until the next call). */
  take(n: number, give: (piece: T) => void): void {
    while (n > 0) {
      if (this.at === this.end) this.fill()
      const piece = Math.min(n, this.end - this.at)
      give(this.chunk.subarray(this.at, this.at + piece) as T)
      this.at += piece
      n -= piece
    }
  }

  private fill(): void {
    const count = Math.min(this.chunk.length, this.left)
    const bytes = bytesOf(this.chunk.subarray(0, count))
    let filled = 0
    while (filled < bytes.length) {
      const read = readSync(this.fd, bytes, filled, bytes.length - filled, this.position + filled)
      if (read === 0) throw new Error('a postings segment ended early')
      filled += read
    }
    this.position += bytes.length
    this.left -= count
    this.at = 0
    this.end = count
  }
}

const bytesReader = (length: number) => new Uint8Array(length)
const numbersReader = (length: number) => new Uint32Array(length)

/** Where the merge puts a section: its checks (the first pass), or its bytes in the file (the second). */
interface SectionOut<T extends Uint32Array | Uint8Array = Uint32Array> {
  add(values: T): void
  end(): void
}

/** Where the merge puts each of the streamed sections. */
type MergedOut = Record<Exclude<StreamedName, 'positions'>, SectionOut> & { positions: SectionOut<Uint8Array> }

/** A section written to `fd` from `position`, a chunk at a time. */
class SectionWriter implements SectionOut<Uint32Array | Uint8Array> {
  private readonly chunk = Buffer.alloc(4 * CHUNK)
  private filled = 0

  constructor(
    private readonly fd: number,
    private position: number,
  ) {}

  add(values: Uint32Array | Uint8Array): void {
    const bytes = bytesOf(values)
    for (let i = 0; i < bytes.length;) {
      const n = Math.min(bytes.length - i, this.chunk.length - this.filled)
      bytes.copy(this.chunk, this.filled, i, i + n)
      this.filled += n
      i += n
      if (this.filled === this.chunk.length) this.flush()
    }
  }

  end(): void {
    this.flush()
  }

  private flush(): void {
    writeAt(this.fd, this.chunk.subarray(0, this.filled), this.position)
    this.position += this.filled
    this.filled = 0
  }
}

/**
 * Postings built an entry at a time (as PostingsBuilder), written out a segment at a time once
 * they hold `segmentTokens` words in order. A library smaller than a segment is built in memory
 * (`segmented` false: `postings()` gives them); so is one whose temp file cannot be made. A
 * segment that cannot be written makes the build `failed`: the entries are told again to a build in memory.
 */
export class SegmentedPostings {
  private readonly builder: PostingsBuilder
  private readonly segments: Segment[] = []
  private fd: number | null = null
  private written = 0
  private unwritable = false
  private forget: (() => void) | null = null
  /**
   * The arrays each segment's word lists are made in, reused by the next (ListRoom): a pair made
   * per segment (tens of megabytes each) stayed uncollected until a full collection, up to 170 MB
   * of them at 100,000 summaries while the index was built after the postings.
   */
  private lists = { docs: new Uint32Array(0), fields: new Uint32Array(0) }
  private readonly room = (n: number) => {
    if (this.lists.docs.length < n) {
      const size = n + (n >> 3) // a later segment's lists are a little longer or shorter: room for most
      this.lists = { docs: new Uint32Array(size), fields: new Uint32Array(size) }
    }
    return { docs: this.lists.docs.subarray(0, n), fields: this.lists.fields.subarray(0, n) }
  }
  /** Each met word's follower bit, its term's (segmentLists): each word stemmed once, not once a segment. */
  private readonly followers: number[] = []
  failed = false

  constructor(
    /** Beside what (the postings file) the temp file is made. */
    private readonly temp: string,
    private readonly segmentTokens = SEGMENT_TOKENS,
    /**
     * Called every COLLECT_EVERY segments written while the library is read, and between the phases
     * of the write: once the last segment is written (what reading the
     * library left, the last words in order and their lists), after the first pass of the merge,
     * and once every section but the merged ones is written (the vocabulary and its tables let go
     * before the second pass). A large library's build collects its garbage there: each phase grew
     * on the garbage of the one before.
     */
    private readonly collect: () => void = () => undefined,
    /** Bytes the merge's readers hold in all (READERS); tests make it a few, so that every list is read in pieces. */
    private readonly readers = READERS,
  ) {
    // Room for the entry that takes them past a segment (they are taken out after it), so their list never doubles.
    this.builder = new PostingsBuilder(undefined, segmentTokens + SEGMENT_SLACK)
  }

  get segmented(): boolean {
    return this.segments.length > 0
  }

  add(entry: Entry): void {
    if (this.failed) return
    this.builder.add(entry)
    if (this.builder.held >= this.segmentTokens && !this.unwritable) {
      this.writeSegment()
      if (this.segments.length % COLLECT_EVERY === 0) this.collect()
    }
  }

  /** The postings, built in memory (not segmented). */
  postings(): Postings {
    return this.builder.done()
  }

  /** Write the postings file (segmented) at `path`, created exclusively: what postingsParts would make of them and `head`. */
  write(path: string, head: Omit<PostingsHeadContents, 'postings'>): void {
    const { renumbered, out, at } = this.writeHead(path, head)
    try {
      // The vocabulary and its tables are written and let go: only the renumbering is left for the second pass.
      this.collect()
      this.merge(renumbered, {
        wordDocs: new SectionWriter(out, at.wordDocs),
        wordDocFields: new SectionWriter(out, at.wordDocFields),
        tokens: new SectionWriter(out, at.tokens),
        positions: new SectionWriter(out, at.positions),
      })
    } finally {
      closeSync(out)
    }
  }

  /**
   * The first pass of the merge (the checks of the sections it makes, and where the positions'
   * runs start), then every section of the file but those the merge makes written to `out`, opened
   * here: the renumbering of the words and where each merged section goes.
   */
  private writeHead(
    path: string,
    head: Omit<PostingsHeadContents, 'postings'>,
  ): { renumbered: Uint32Array; out: number; at: Record<StreamedName, number> } {
    if (this.builder.held > 0) this.writeSegment()
    if (this.failed || this.fd === null) throw new Error('the postings segments were not all written')
    this.lists = { docs: new Uint32Array(0), fields: new Uint32Array(0) }
    // Before finish copies the entries' tables (10 MB at 100,000 summaries), not after: the read's peak was there.
    this.collect()
    const { words: metWords, spelled: metSpelled, count, fieldStarts, lengths, features } = this.builder.finish()
    const { renumbered, ...vocabulary } = vocabularyTables(metWords, metSpelled)
    const wordDocStarts = new Uint32Array(vocabulary.words.length + 1)
    for (const segment of this.segments) {
      // Its words renumbered in place (ascending, as the vocabulary orders them): what both passes of the merge go by.
      segment.words.forEach((met, i) => (wordDocStarts[(segment.words[i] = renumbered[met]!) + 1]! += segment.sizes[i]!))
    }
    for (let w = 0; w < vocabulary.words.length; w++) wordDocStarts[w + 1]! += wordDocStarts[w]!

    const checks = {
      wordDocs: new SectionChecks(),
      wordDocFields: new SectionChecks(),
      tokens: new SectionChecks(),
      positions: new SectionChecks(POSITION_BLOCK),
    }
    // Where every POSITIONS_SKIP-th entry's positions start comes before the streamed sections (postingsLayout): found in the first pass.
    const starts = new PositionStarts()
    this.merge(renumbered, checks, starts)
    this.collect() // the first pass's garbage, before the layout grows on it
    const parts = postingsLayout(
      { ...head, postings: { count, ...vocabulary, fieldStarts, lengths, wordDocStarts, features, positionStarts: starts.done() } },
      {
        listChecks: interleavedChecks(checks.wordDocs, checks.wordDocFields),
        tokenChecks: interleavedChecks(checks.tokens),
        positionChecks: Uint32Array.from(checks.positions.blocks),
        ...checks,
      },
    )
    const out = openSync(path, 'wx', 0o600)
    try {
      const at = {} as Record<StreamedName, number>
      let position = 0
      for (const part of parts) {
        if (typeof part === 'string') {
          at[part] = position
          position += checks[part].length
        } else {
          writeAt(out, part, position)
          position += part.length
        }
      }
      return { renumbered, out, at }
    } catch (error) {
      closeSync(out)
      throw error
    }
  }

  /** Remove the temp file (after the write, or instead of it). */
  dispose(): void {
    this.segments.length = 0
    if (this.fd === null) return
    closeSync(this.fd)
    this.fd = null
    if (!this.named) return
    try {
      rmSync(this.temp, { force: true })
    } catch {
      // gone already; a file left is a dead writer's, removed by the next build or save
    }
    this.forget?.()
  }

  /** Whether the temp file still has its name (unnamed did not remove it). */
  private named = true

  /**
   * The temp file's name removed as soon as it is open: the segments are written and read through
   * its descriptor only, and the system frees the file when the process ends, however it ends. The
   * library is read with the signals' default action (runWithDefaultSignals: nothing was pending
   * when the read began), so a Ctrl-C while segments are written ends precis at once, before any
   * handler could remove the file; so does a kill. Where an open file cannot be removed, it keeps
   * its name, removed by dispose or on interrupt as before (and, if the process is killed, by the
   * next build: a dead writer's temp file).
   */
  private unnamed(): void {
    try {
      unlinkSync(this.temp)
    } catch {
      return
    }
    this.named = false
    this.forget?.()
  }

  /**
   * The segments merged, word by word (each word's list: its lists in the segments, in order, and
   * their positions), then the words in order renumbered; `starts` told the positions with their counts.
   */
  private merge(renumbered: Uint32Array, out: MergedOut, starts?: PositionStarts): void {
    const fd = this.fd!
    const segments = this.segments
    // Many segments (a large library's are small: LARGE_SEGMENT_TOKENS), each read a smaller chunk at a time.
    const chunk = readerBytes(segments.length, this.readers)
    const docs = segments.map((segment) => new NumberReader(fd, segment.docsAt, segment.lists, numbersReader, chunk))
    const fields = segments.map((segment) => new NumberReader(fd, segment.fieldsAt, segment.lists, numbersReader, chunk))
    const positions = segments.map((segment) => new NumberReader(fd, segment.positionsAt, segment.positions, bytesReader, chunk))
    const positionSizes = segments.map(
      (segment) => new NumberReader(fd, segment.positionSizesAt, segment.words.length, numbersReader, chunk),
    )
    const next = new Uint32Array(segments.length)
    // One word's list and positions from one segment, whole, for `starts` (which reads each entry's positions by its counts).
    let listed = new Uint32Array(1024)
    let placed = new Uint8Array(4096)
    let size = 0
    let bytes = 0
    let filled = 0
    const give = {
      docs: (piece: Uint32Array) => out.wordDocs.add(piece),
      fields: (piece: Uint32Array) => {
        out.wordDocFields.add(piece)
        if (starts) listed.set(piece, filled)
        filled += piece.length
      },
      positions: (piece: Uint8Array) => {
        out.positions.add(piece)
        if (starts) placed.set(piece, filled)
        filled += piece.length
      },
      size: (piece: Uint32Array) => (bytes = piece[0]!),
    }
    for (let word = 0; word < renumbered.length; word++) {
      for (let s = 0; s < segments.length; s++) {
        const at = next[s]!
        const segment = segments[s]!
        if (at >= segment.words.length || segment.words[at] !== word) continue
        size = segment.sizes[at]!
        positionSizes[s]!.take(1, give.size)
        if (starts && listed.length < size) listed = new Uint32Array(2 * size)
        if (starts && placed.length < bytes) placed = new Uint8Array(2 * bytes)
        docs[s]!.take(size, give.docs)
        filled = 0
        fields[s]!.take(size, give.fields)
        filled = 0
        positions[s]!.take(bytes, give.positions)
        starts?.add(placed.subarray(0, bytes), listed.subarray(0, size))
        next[s] = at + 1
      }
    }
    out.wordDocs.end()
    out.wordDocFields.end()
    out.positions.end()
    for (const segment of segments) {
      new NumberReader(fd, segment.tokensAt, segment.tokens).take(segment.tokens, (piece) => {
        for (let t = 0; t < piece.length; t++) piece[t] = renumbered[piece[t]!]!
        out.tokens.add(piece)
      })
    }
    out.tokens.end()
  }

  private writeSegment(): void {
    if (this.fd === null) {
      try {
        mkdirSync(dirname(this.temp), { recursive: true, mode: 0o700 })
        this.forget = removeOnInterrupt(this.temp)
        this.fd = openSync(this.temp, 'wx+', 0o600)
      } catch {
        this.forget?.()
        this.unwritable = true // built in memory, as without segments
        return
      }
      this.unnamed()
    }
    try {
      this.append(this.builder.takeSegment())
    } catch {
      this.failed = true
      this.dispose()
    }
  }

  private append(segment: TokenSegment): void {
    const { words: metWords, spelled: metSpelled } = this.builder.met()
    const tokensAt = this.written
    this.put(segment.tokens) // as met: the vocabulary's order is known only once every entry is read
    const lists = segmentLists(segment, metWords, metSpelled, this.room, this.followers)
    const docsAt = this.written
    this.put(lists.docs)
    const fieldsAt = this.written
    this.put(lists.fields)
    // The positions made where the lists were (written out now; most segments' positions fit in their entries' room).
    const room = this.lists.docs
    const positions = positionLists(segment.count, lists.words.length, segment.tokens, segment.fieldStarts, (n) =>
      n <= room.byteLength ? new Uint8Array(room.buffer, room.byteOffset, n) : new Uint8Array(n),
    )
    const positionsAt = this.written
    this.put(positions.bytes)
    const positionSizesAt = this.written
    this.put(positions.sizes)
    this.segments.push({
      tokensAt,
      tokens: segment.tokens.length,
      words: lists.words,
      sizes: lists.sizes,
      docsAt,
      fieldsAt,
      lists: lists.docs.length,
      positionsAt,
      positions: positions.bytes.length,
      positionSizesAt,
    })
  }

  private put(values: Uint32Array | Uint8Array): void {
    writeAt(this.fd!, bytesOf(values), this.written)
    this.written += values.byteLength
  }
}

/**
 * Where each word is in each entry holding it (Postings.positions): what words in a row are
 * counted from (a phrase, the phrase bonus, a phrase's estimate) without reading the entries' words
 * in order. One run of bytes per entry of the word lists, in their order (word by word, each
 * word's entries ascending), so that a word's positions in an entry are found as its list entry is.
 *
 * An entry of word w in document d, whose packed counts (wordDocFields) are P:
 *
 *   for each field whose count in P is FIELD_COUNT_MAX (a count that saturated): the count beyond it
 *   then, field after field, each position of w in that field (its word's place among the field's
 *   words, from 0): the first as it is, each next one as its distance from the one before, less one
 *
 * every number a LEB128 varint (7 bits a byte, lowest first, the top bit set on all but the last).
 * The counts of P say how many positions each field has, so the entries are read one after another
 * without lengths. `positionStarts` holds where every POSITIONS_SKIP-th entry starts (and, last, the
 * end of all): an entry is found from the one before it that starts there, not from its word's first.
 */
import { FIELD_NAMES } from './docs.js'

const FIELD_COUNT = FIELD_NAMES.length

/** Most occurrences of a word a field count holds (4 bits): more than any count a search caps at (TF_CAP). */
export const FIELD_COUNT_MAX = 15

/** How often the word is in field `field`, from its entry's packed counts (wordDocFields). */
export const fieldCount = (packed: number, field: number) => (packed >>> (4 * field)) & FIELD_COUNT_MAX

/**
 * Where an entry's follower bits start in its packed counts, above the fields' 4 bits each: bit
 * followerBit(t) is set when a word of term t (its stem, as the postings keep it) follows the entry's
 * word somewhere in one of its fields. Words in a row are nowhere in an entry whose word of one place
 * lacks the bits of every term of the next (a phrase's scan rules most entries out so without reading
 * where the words are); all words of a term set one bit, so a place's bits come from the terms it
 * looks up, never from the words they have.
 */
export const FOLLOWER_SHIFT = 4 * FIELD_COUNT

/** The fields' counts of packed counts, without the follower bits. */
export const COUNT_BITS = (1 << FOLLOWER_SHIFT) - 1

/**
 * Which of the 8 follower bits (FOLLOWER_SHIFT) a term sets, the same in every build: the top
 * bits of its FNV-1a hash, mixed first (alone they left a bit unused by texts that differ at their end).
 */
export function followerBit(term: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < term.length; i++) hash = Math.imul(hash ^ term.charCodeAt(i), 0x01000193)
  hash = Math.imul(hash ^ (hash >>> 15), 0x85ebca6b)
  return (hash ^ (hash >>> 13)) >>> 29
}

/** Entries of the word lists between two starts kept in positionStarts. */
export const POSITIONS_SKIP = 64
const SKIP_SHIFT = 6

/** How many starts positionStarts holds for `entries` entries of the word lists (the end of all last). */
export const positionStartCount = (entries: number) => Math.ceil(entries / POSITIONS_SKIP) + 1

/** The bytes of `value` as a varint. */
function varintLength(value: number): number {
  return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x200000 ? 3 : value < 0x10000000 ? 4 : 5
}

function writeVarint(bytes: Uint8Array, at: number, value: number): number {
  while (value >= 0x80) {
    bytes[at++] = (value & 0x7f) | 0x80
    value = Math.floor(value / 128)
  }
  bytes[at++] = value
  return at
}

/** Where the varint read by `readVarint` ended (module state: one number is returned, not an object per read). */
let readEnd = 0

/** The varint at `at` (its end in readEnd): at most 5 bytes, a bigger one or one past `end` read as what it holds so far. */
function readVarint(bytes: Uint8Array, at: number, end: number): number {
  let value = 0
  let scale = 1
  for (let n = 0; n < 5 && at < end; n++) {
    const byte = bytes[at++]!
    value += (byte & 0x7f) * scale
    if (byte < 0x80) break
    scale *= 128
  }
  readEnd = at
  return value
}

/**
 * The positions of each word in each document of `tokens` (documents numbered from 0; field f of
 * document d is tokens[fieldStarts[d × FIELD_COUNT + f] .. fieldStarts[d × FIELD_COUNT + f + 1])),
 * word after word in the order of the word lists (wordLists: each word's documents ascending), and
 * each word's bytes (`sizes`). `room`: where the bytes are made (a segmented build reuses its word lists' room).
 */
export function positionLists(
  count: number,
  vocabulary: number,
  tokens: Uint32Array,
  fieldStarts: Uint32Array,
  room: (bytes: number) => Uint8Array = (n) => new Uint8Array(n),
): { bytes: Uint8Array; sizes: Uint32Array } {
  const encoder = new DocumentPositions(vocabulary)
  // Twice over the documents: once to measure each word's bytes, once to write them where its list puts them.
  const sizes = new Uint32Array(vocabulary)
  for (let doc = 0; doc < count; doc++) encoder.encode(tokens, fieldStarts, doc, sizes, null)
  const next = new Uint32Array(vocabulary)
  let total = 0
  for (let w = 0; w < vocabulary; w++) {
    next[w] = total
    total += sizes[w]!
  }
  const bytes = room(total)
  for (let doc = 0; doc < count; doc++) encoder.encode(tokens, fieldStarts, doc, next, bytes)
  return { bytes, sizes }
}

/** One document's positions, word by word (positionLists), with room reused from one document to the next. */
class DocumentPositions {
  /** Each word's occurrences in the document, then (while placing them) where the next one goes. */
  private readonly counts: Int32Array
  private readonly places: Int32Array
  private touched = new Uint32Array(256)
  /** The document's occurrences grouped by word: each one's field, and its position in the field. */
  private fields = new Uint8Array(1024)
  private positions = new Uint32Array(1024)
  private readonly perField = new Uint32Array(FIELD_COUNT)

  constructor(vocabulary: number) {
    this.counts = new Int32Array(vocabulary)
    this.places = new Int32Array(vocabulary)
  }

  /**
   * Document `doc`'s entry of each word it holds: written at `at[word]` in `bytes` (then moved past
   * it); `bytes` null: its length added to `at[word]`.
   */
  encode(tokens: Uint32Array, fieldStarts: Uint32Array, doc: number, at: Uint32Array, bytes: Uint8Array | null): void {
    const { counts, places, perField } = this
    const first = fieldStarts[doc * FIELD_COUNT]!
    const end = fieldStarts[(doc + 1) * FIELD_COUNT]!
    if (end - first > this.positions.length) {
      this.fields = new Uint8Array(end - first)
      this.positions = new Uint32Array(end - first)
    }
    let touches = 0
    for (let t = first; t < end; t++) {
      const word = tokens[t]!
      if (counts[word] === 0) {
        if (touches === this.touched.length) {
          const grown = new Uint32Array(2 * touches)
          grown.set(this.touched)
          this.touched = grown
        }
        this.touched[touches++] = word
      }
      counts[word]!++
    }
    const { touched, fields, positions } = this
    let place = 0
    for (let i = 0; i < touches; i++) {
      const word = touched[i]!
      places[word] = place
      place += counts[word]!
    }
    for (let f = 0; f < FIELD_COUNT; f++) {
      const start = fieldStarts[doc * FIELD_COUNT + f]!
      for (let t = start, fieldEnd = fieldStarts[doc * FIELD_COUNT + f + 1]!; t < fieldEnd; t++) {
        const k = places[tokens[t]!]!++
        fields[k] = f
        positions[k] = t - start
      }
    }
    for (let i = 0; i < touches; i++) {
      const word = touched[i]!
      const n = counts[word]!
      const from = places[word]! - n
      perField.fill(0)
      for (let k = from; k < from + n; k++) perField[fields[k]!]!++
      let length = 0
      let write = bytes ? at[word]! : 0
      for (let f = 0; f < FIELD_COUNT; f++) {
        if (perField[f]! < FIELD_COUNT_MAX) continue
        const beyond = perField[f]! - FIELD_COUNT_MAX
        if (bytes) write = writeVarint(bytes, write, beyond)
        else length += varintLength(beyond)
      }
      let field = -1
      let last = 0
      for (let k = from; k < from + n; k++) {
        const position = positions[k]!
        const value = fields[k] === field ? position - last - 1 : position
        field = fields[k]!
        last = position
        if (bytes) write = writeVarint(bytes, write, value)
        else length += varintLength(value)
      }
      at[word] = bytes ? write : at[word]! + length
      counts[word] = 0
    }
  }
}

/** Where the entry of the word lists whose positions start at `at` ends (its packed counts `packed`); at most `end`. */
function skipEntry(bytes: Uint8Array, at: number, end: number, packed: number): number {
  let n = 0
  let saturated = 0
  for (let f = 0; f < FIELD_COUNT; f++) {
    const count = fieldCount(packed, f)
    n += count
    if (count === FIELD_COUNT_MAX) saturated++
  }
  for (let s = 0; s < saturated; s++) {
    n += readVarint(bytes, at, end)
    at = readEnd
  }
  // Each varint ends at a byte below 0x80: counted, not read.
  for (; n > 0 && at < end; at++) if (bytes[at]! < 0x80) n--
  return at
}

/**
 * Where every POSITIONS_SKIP-th entry of the word lists starts in their positions, given the
 * positions a piece at a time, each piece whole entries with their packed counts (a segmented
 * build merges them word by word), then `done`: positionStarts.
 */
export class PositionStarts {
  private readonly starts: number[] = []
  private entries = 0
  private bytes = 0

  add(bytes: Uint8Array, fields: Uint32Array): void {
    let at = 0
    for (let i = 0; i < fields.length; i++, this.entries++) {
      if ((this.entries & (POSITIONS_SKIP - 1)) === 0) this.starts.push(this.bytes + at)
      at = skipEntry(bytes, at, bytes.length, fields[i]!)
    }
    this.bytes += bytes.length
  }

  done(): Uint32Array {
    return Uint32Array.from([...this.starts, this.bytes])
  }
}

/** Where the positions of the word lists (Postings.positions) are read from, a run of POSITIONS_SKIP entries at a time. */
export interface PositionSource {
  /** How many entries the word lists have. */
  readonly entries: number
  /** Where the run of entries `run` starts in the positions (positionStarts); undefined past them. */
  start(run: number): number | undefined
  /** The positions' bytes `start` to `end`. */
  bytes(start: number, end: number): Uint8Array
  /** The packed counts of the entries `start` to `end`. */
  fields(start: number, end: number): Uint32Array
}

/** A run of POSITIONS_SKIP entries' positions, with their packed counts (from the run's first entry). */
interface Run {
  bytes: Uint8Array
  fields: Uint32Array
}

/** Bit 0 of each field's 4 bits of packed counts. */
const LOW_BITS = 0x111111

/** Whether some field's count in `packed` is FIELD_COUNT_MAX (saturated: its count follows in the positions). */
const saturated = (packed: number) => (packed & (packed >>> 1) & (packed >>> 2) & (packed >>> 3) & LOW_BITS) !== 0

/**
 * The positions of the entries of one word's list (entries `start` to `start + count` of the word
 * lists), read `whole` (a scan reads most of them: one read, in order) or a run at a time when an
 * entry of it is first asked for (a few documents' phrase bonus, kept). Whatever the source holds,
 * a read ends within the bytes read (a file precis did not write gives wrong positions at worst).
 */
export class ListPositions {
  /** The runs read, by number from the list's first run's. */
  private readonly runs: (Run | undefined)[] = []
  private readonly firstRun: number
  /** The entry read last (its number among all entries, -1 before the first), and where its positions start in its run. */
  private last = -1
  private at = 0
  private readonly counts = new Float64Array(FIELD_COUNT)
  /** The positions the last read found, from 0 (`read` says how many). */
  positions = new Uint32Array(16)

  constructor(
    private readonly source: PositionSource,
    private readonly start: number,
    private readonly count: number,
    whole: boolean,
  ) {
    this.firstRun = start >>> SKIP_SHIFT
    if (whole && count > 0) this.readWhole()
  }

  /** Every run of the list's entries, read at once. */
  private readWhole(): void {
    const first = this.firstRun
    const last = (this.start + this.count - 1) >>> SKIP_SHIFT
    const starts: number[] = []
    for (let k = first; k <= last + 1; k++) {
      const start = this.source.start(k)
      if (start === undefined || (starts.length > 0 && start < starts.at(-1)!)) return // read a run at a time instead
      starts.push(start)
    }
    const bytes = this.source.bytes(starts[0]!, starts.at(-1)!)
    const fields = this.source.fields(first << SKIP_SHIFT, Math.min(this.source.entries, (last + 1) << SKIP_SHIFT))
    for (let k = first; k <= last; k++) {
      const from = (k - first) << SKIP_SHIFT
      this.runs[k - first] = {
        bytes: bytes.subarray(starts[k - first]! - starts[0]!, starts[k - first + 1]! - starts[0]!),
        fields: fields.subarray(from, from + POSITIONS_SKIP),
      }
    }
  }

  /** The positions of the list's `index`-th entry in field `field`, ascending, into `positions` from 0; how many. */
  read(index: number, field: number): number {
    if (!(index >= 0 && index < this.count && field >= 0 && field < FIELD_COUNT)) return 0
    const entry = this.start + index
    const k = entry >>> SKIP_SHIFT
    const run = this.runs[k - this.firstRun] ?? this.readRun(k)
    if (!run) return 0
    const { bytes, fields } = run
    const first = k << SKIP_SHIFT
    const end = bytes.length
    // From the entry read last when it is of this run and not after this one, else from the run's first.
    let from = first
    let at = 0
    if (this.last >= first && this.last <= entry) {
      from = this.last
      at = this.at
    }
    for (let i = from; i < entry; i++) at = skipEntry(bytes, at, end, fields[i - first] ?? 0)
    this.last = entry
    this.at = at
    const packed = fields[entry - first] ?? 0
    let n = 0
    if (saturated(packed)) {
      const counts = this.counts
      for (let f = 0; f < FIELD_COUNT; f++) counts[f] = fieldCount(packed, f)
      for (let f = 0; f < FIELD_COUNT; f++) {
        if (counts[f] !== FIELD_COUNT_MAX) continue
        counts[f]! += readVarint(bytes, at, end)
        at = readEnd
      }
      for (let f = 0; f < field; f++) n += counts[f]!
      for (; n > 0 && at < end; at++) if (bytes[at]! < 0x80) n--
      n = counts[field]!
    } else {
      for (let f = 0; f < field; f++) n += fieldCount(packed, f)
      for (; n > 0 && at < end; at++) if (bytes[at]! < 0x80) n--
      n = fieldCount(packed, field)
    }
    if (this.positions.length < n) this.positions = new Uint32Array(Math.min(n, end - at))
    const positions = this.positions
    let found = 0
    let position = -1
    for (; n > 0 && at < end; n--) {
      // A varint, inline: most are one byte.
      let value = 0
      let scale = 1
      for (let b = 0; b < 5 && at < end; b++) {
        const byte = bytes[at++]!
        value += (byte & 0x7f) * scale
        if (byte < 0x80) break
        scale *= 128
      }
      position += value + 1
      positions[found++] = position
    }
    return found
  }

  private readRun(k: number): Run | undefined {
    const start = this.source.start(k)
    const end = this.source.start(k + 1)
    if (start === undefined || end === undefined || end < start) return undefined
    const first = k << SKIP_SHIFT
    const run = {
      bytes: this.source.bytes(start, end),
      fields: this.source.fields(first, Math.min(this.source.entries, first + POSITIONS_SKIP)),
    }
    this.runs[k - this.firstRun] = run
    return run
  }
}

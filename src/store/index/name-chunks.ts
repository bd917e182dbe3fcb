// The name table as the index file keeps it: its entries (names.ts) in chunks of NAMES_PER_CHUNK, each
// chunk the JSON of its entries with a checksum of its own, and a directory (a small JSON section)
// giving each chunk's first name, length and checksum. A lookup binary-searches the directory, then
// checks, parses and searches the one chunk the name falls in: at 100,000 summaries it reads a few
// kilobytes of a table of megabytes, and checks no whole section (so loads no node:zlib).
import { checksum } from './checksum.js'
import { chunkEntries, NAMES_PER_CHUNK, partitionPoint, storedEntry, type NameEntry, type NameTable } from './names.js'

/** One chunk as the directory describes it. */
interface ChunkPlace {
  first: string
  start: number
  length: number
  sum: string
}

/** The name table's two sections: the chunks one after another, and the directory. */
export function encodeNames(table: NameTable): { chunks: Buffer; directory: unknown } {
  const parts: Buffer[] = []
  const chunks: [string, number, string][] = []
  for (let first = 0; first < table.count; first += NAMES_PER_CHUNK) {
    const entries = Array.from({ length: Math.min(NAMES_PER_CHUNK, table.count - first) }, (_, i) => table.entry(first + i))
    const bytes = Buffer.from(JSON.stringify(entries.map(storedEntry)))
    parts.push(bytes)
    chunks.push([entries[0]!.name, bytes.length, checksum(bytes)])
  }
  return { chunks: Buffer.concat(parts), directory: [table.count, chunks] }
}

/** Raised when a chunk is damaged or not what precis writes: the table is then taken from the library. */
export class DamagedNames extends Error {}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0

/**
 * The directory `value` as precis writes it for chunks taking `size` bytes: as many chunks as
 * `count` names fill, each with a first name (strictly ascending), a length (all of them filling
 * the bytes exactly) and a checksum; null otherwise.
 */
function chunkPlaces(value: unknown, size: number): { count: number; places: ChunkPlace[] } | null {
  if (!Array.isArray(value) || value.length !== 2 || !isCount(value[0]) || !Array.isArray(value[1])) return null
  const [count, chunks] = value as [number, unknown[]]
  if (chunks.length !== Math.ceil(count / NAMES_PER_CHUNK)) return null
  const places: ChunkPlace[] = []
  let start = 0
  for (const chunk of chunks) {
    if (!Array.isArray(chunk) || chunk.length !== 3) return null
    const [first, length, sum] = chunk as unknown[]
    if (typeof first !== 'string' || !isCount(length) || typeof sum !== 'string') return null
    if (places.length > 0 && !(places[places.length - 1]!.first < first)) return null
    places.push({ first, start, length, sum })
    start += length
  }
  return start === size ? { count, places } : null
}

/**
 * The name table of an index file: `directory` (the decoded directory section) and `read` (bytes
 * of the chunks section, by offset in it and length; undefined when they cannot be read). Null when
 * the directory is not one precis writes for `size` bytes of chunks. Each chunk is checked (checksum,
 * then each entry's shape, the names strictly ascending and within the directory's bounds) when a
 * lookup first reaches it; a chunk that fails raises DamagedNames.
 */
export function chunkedNames(
  directory: unknown,
  size: number,
  read: (start: number, length: number) => Buffer | undefined,
): NameTable | null {
  const found = chunkPlaces(directory, size)
  return found && new ChunkedNames(found.count, found.places, read)
}

class ChunkedNames implements NameTable {
  private readonly decoded = new Map<number, NameEntry[]>()

  constructor(
    readonly count: number,
    private readonly places: readonly ChunkPlace[],
    private readonly read: (start: number, length: number) => Buffer | undefined,
  ) {}

  partition(before: (name: string) => boolean): number {
    // The chunks whose first name passes: the point lies in the last of them (or at the next one's start).
    const passing = partitionPoint(0, this.places.length, (c) => before(this.places[c]!.first))
    if (passing === 0) return 0
    const entries = this.chunk(passing - 1)
    return (passing - 1) * NAMES_PER_CHUNK + partitionPoint(0, entries.length, (n) => before(entries[n]!.name))
  }

  entry(n: number): NameEntry {
    if (!(isCount(n) && n < this.count)) throw new RangeError(`No name at ${n}`)
    return this.chunk(Math.floor(n / NAMES_PER_CHUNK))[n % NAMES_PER_CHUNK]!
  }

  private chunk(c: number): NameEntry[] {
    const known = this.decoded.get(c)
    if (known) return known
    const { first, start, length, sum } = this.places[c]!
    const bytes = this.read(start, length)
    if (!bytes || bytes.length !== length || checksum(bytes) !== sum) throw new DamagedNames(`name chunk ${c}`)
    let value: unknown
    try {
      value = JSON.parse(bytes.toString('utf8'))
    } catch {
      throw new DamagedNames(`name chunk ${c}`)
    }
    const entries = chunkEntries(value, Math.min(NAMES_PER_CHUNK, this.count - c * NAMES_PER_CHUNK), first, this.places[c + 1]?.first)
    if (!entries) throw new DamagedNames(`name chunk ${c}`)
    this.decoded.set(c, entries)
    return entries
  }
}

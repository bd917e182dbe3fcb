// A few values of a section read from the blocks they lie in, each block checked when first read:
// what a read of a few records (`show`, a search's hits) takes instead of the whole section.
import { checksum } from './checksum.js'
import type { Header } from './index-header.js'
import { PLACE_BLOCK, ROW_BLOCK } from './index-layout.js'
import { allCounts } from './section-checks.js'
import { sectionBytes, wholeSection } from './section-readers.js'
import { lazyRequire } from '../../core/lazy-require.js'

/**
 * Loaded when a section is first read by its blocks or a few rows are picked (a search has loaded it
 * for its postings already), and by builds: `tags`, `stats` and `show` load no node:zlib.
 */
const zlib = lazyRequire<typeof import('node:zlib')>('node:zlib')

/**
 * Where record `at` of `count` lies, as the section `name` of places holds it: read from the one
 * block of PLACE_BLOCK bytes it is in, checked (its checksum in `<name>.sums`, each value a count)
 * when first used. Undefined for a position out of range, or when the block or the sums are not
 * what precis writes: the caller then reads the whole section (checked whole, else the fallback's).
 */
export function placeInBlocks(header: Header, name: string, count: number) {
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
export function floatInBlocks(header: Header, name: string, valid?: (values: Float64Array) => boolean) {
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
export function rowInBlocks(header: Header, name: string, valid: (value: unknown) => boolean) {
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

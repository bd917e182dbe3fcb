import { lazyRequire } from '../../core/lazy-require.js'

/**
 * Loaded for the first long section only (a search has loaded it for its postings already): `tags`
 * and `show`, which decode only short sections, load no node:zlib.
 */
const zlib = lazyRequire<typeof import('node:zlib')>('node:zlib')

/**
 * From this length on, a section's checksum is node:zlib's CRC-32 (its C++ runs a megabyte in well
 * under a millisecond, where the loop below, run once in a fresh process, takes ten or more: ~1.5 ms
 * for the 40 KB of where `list`'s rows start at 10,000 summaries); below it, the loop's. Not
 * node:crypto's SHA-1: loading node:crypto cost ~2 ms of every `list`, and a checksum here finds
 * damage, not forgery (what an index holds is checked anyway), which CRC-32 does.
 */
const NATIVE_FROM = 32 * 1024

/** The checksum of an index section: which of the two depends on its length alone, for the writer as for the reader. */
export function sectionChecksum(bytes: Uint8Array): string {
  return bytes.length < NATIVE_FROM ? checksum(bytes) : zlib().crc32(bytes).toString(16).padStart(8, '0')
}

/**
 * A 64-bit checksum of some bytes, as 16 hex digits, computed here rather than with node:crypto,
 * for short texts (the headers of the index and the postings, a section under NATIVE_FROM, a library's path naming its
 * index). It finds damage (bytes cut, flipped, swapped, another file's), not forgery: what an
 * index holds is checked anyway. Two lanes, each a chain of steps that are one-to-one in the
 * running value, so a change in one 32-bit word changes each lane. (Words are read in the
 * machine's byte order: an index is kept on, and for, one machine.)
 */
export function checksum(bytes: Uint8Array): string {
  const words = bytes.length >>> 2
  // A Uint32Array needs its start aligned to 4 bytes: a copy when the bytes are a slice that is not.
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes)
  const view = new Uint32Array(aligned.buffer, aligned.byteOffset, words)
  let a = 0x9747b28c ^ bytes.length
  let b = 0x85ebca6b ^ bytes.length
  for (let i = 0; i < words; i++) {
    const k = view[i]!
    a = Math.imul(a ^ k, 0xcc9e2d51)
    a = (a << 15) | (a >>> 17)
    b = Math.imul(b + k, 0x1b873593)
    b = (b << 13) | (b >>> 19)
  }
  for (let i = words << 2; i < bytes.length; i++) {
    a = Math.imul(a ^ bytes[i]!, 0xcc9e2d51)
    b = Math.imul(b + bytes[i]!, 0x1b873593)
  }
  return hex(mix(a ^ b)) + hex(mix(b + Math.imul(a, 5)))
}

/** murmur3's final mixing: every bit of the input reaches every bit of the output. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

const hex = (n: number) => n.toString(16).padStart(8, '0')

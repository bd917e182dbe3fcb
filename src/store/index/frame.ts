// The framing the index file and the postings file share:
//
//   bytes 0-7    what the file is (8 latin1 bytes)
//   bytes 8-11   format version (u32 LE)  another version is rebuilt, never read
//   bytes 12-15  header length (u32 LE)
//   bytes 16-31  checksum of the header (checksum.ts's: it finds damage, not forgery; what the
//                sections hold is checked anyway, and node:crypto took ~2 ms to load in every read)
//   header       JSON, padded with spaces so that what follows starts at a multiple of 8
//   sections     one after another, each at a multiple of 8 from the file's start (zeros between,
//                none after the last), so a section of numbers is a view of the file's bytes
//
// What the header says of the sections, and how each is checked, is each format's own.

import { closeSync, openSync, writeSync } from 'node:fs'
import { checksum } from './checksum.js'

export interface Frame {
  /** 8 bytes naming what the file is. */
  magic: Buffer
  version: number
}

const ALIGN = 8
const padding = (offset: number) => (ALIGN - (offset % ALIGN)) % ALIGN

/** How many bytes the fixed start of a file takes: magic, version, header length and the header's checksum. */
export const FIXED_BYTES = 32

const headerSum = (header: Buffer) => Buffer.from(checksum(header), 'latin1')

/**
 * `parts` laid out one after another, each at a multiple of 8 from where the sections start:
 * the bytes to write (a section written later stands for its own bytes), and each part's
 * [name, offset from that start, length, its check].
 */
export function alignedSections<C>(parts: readonly (readonly [string, Buffer])[], check: (body: Buffer) => C) {
  const { bodies, places } = alignedLayout(parts, check)
  return { bodies: bodies as Buffer[], places }
}

/** alignedSections, where a section may be written later: it stands in `bodies` for its bytes. */
export function alignedLayout<C>(parts: readonly (readonly [string, Buffer | Later<C>])[], check: (body: Buffer) => C) {
  const bodies: (Buffer | Later<C>)[] = []
  const places: [string, number, number, C][] = []
  let offset = 0
  for (const [name, body] of parts) {
    const gap = padding(offset)
    if (gap > 0) bodies.push(Buffer.alloc(gap))
    places.push([name, offset + gap, body.length, Buffer.isBuffer(body) ? check(body) : body.check])
    bodies.push(body)
    offset += gap + body.length
  }
  return { bodies, places }
}

/** A section whose bytes are written later, as they are made: its length and check known before. */
export interface Later<C> {
  length: number
  check: C
}

/** A whole file: the fixed start, `header` as JSON (padded), then `bodies` (from alignedSections). */
export function framedFile(frame: Frame, header: unknown, bodies: readonly Buffer[]): Buffer {
  return Buffer.concat(framedParts(frame, header, bodies))
}

/**
 * framedFile's bytes as the parts they are made of, to be written one after another: joined, the
 * postings of a large library would be held twice (they are hundreds of megabytes at 100,000 entries).
 */
export function framedParts(frame: Frame, header: unknown, bodies: readonly Buffer[]): Buffer[] {
  const fixed = Buffer.alloc(FIXED_BYTES)
  const json = JSON.stringify(header)
  // Spaces after the JSON (which JSON.parse allows) bring the sections to a multiple of 8.
  const headerBytes = Buffer.from(json + ' '.repeat(padding(fixed.length + Buffer.byteLength(json))))
  frame.magic.copy(fixed, 0)
  fixed.writeUInt32LE(frame.version, 8)
  fixed.writeUInt32LE(headerBytes.length, 12)
  headerSum(headerBytes).copy(fixed, 16)
  return [fixed, headerBytes, ...bodies]
}

/** Create the file `path` (exclusively, readable by its owner only) holding `parts` one after another. */
export function writeParts(path: string, parts: readonly Buffer[]): void {
  const fd = openSync(path, 'wx', 0o600)
  try {
    for (const part of parts) for (let at = 0; at < part.length;) at += writeSync(fd, part, at, part.length - at)
  } finally {
    closeSync(fd)
  }
}

/** The version of a file of this kind that `start` (its first bytes) begins, or null when it is not one. */
export function frameVersion(frame: Frame, start: Buffer): number | null {
  return start.length >= FIXED_BYTES && start.subarray(0, 8).equals(frame.magic) ? start.readUInt32LE(8) : null
}

/** Where the header ends (and the sections start) in a file of this frame and version that `start` begins; else null. */
export function headerEnd(frame: Frame, start: Buffer): number | null {
  return frameVersion(frame, start) === frame.version ? FIXED_BYTES + start.readUInt32LE(12) : null
}

/** The header's JSON text when `header` (the bytes after the fixed start `start`) is whole and its checksum holds; else null. */
export function checkedHeader(frame: Frame, start: Buffer, header: Buffer): string | null {
  const end = headerEnd(frame, start)
  if (end === null || header.length !== end - FIXED_BYTES) return null
  return headerSum(header).equals(start.subarray(16, FIXED_BYTES)) ? header.toString('utf8') : null
}

// The index file's start: the fixed part and the header (frame.ts), what a load reads first.
import type { IndexContents } from './contents.js'
import { isCount, isText } from './columns.js'
import { checkedHeader, FIXED_BYTES, frameVersion, headerEnd } from './frame.js'
import { isFileIdentity } from './identity.js'
import { INDEX_FORMAT_VERSION, INDEX_FRAME } from './index-layout.js'

/** Where an index's bytes come from: all of them at hand, or its start, with each section read when first used. */
export interface IndexBytes {
  /** The file's first bytes: at least its fixed start and its header, when it is an index of this format. */
  head: Buffer
  /** The file's length. */
  size: number
  /** `length` bytes from `start`; undefined when they cannot be read as they were (the file was replaced meanwhile). */
  read(start: number, length: number): Buffer | undefined
}

/** An index's bytes, all at hand. */
export const allAtHand = (bytes: Buffer): IndexBytes => ({
  head: bytes,
  size: bytes.length,
  read: (start, length) => bytes.subarray(start, start + length),
})

export interface Header {
  library: string
  identity: IndexContents['identity']
  counts: { papers: number; summaries: number }
  /** Each section's place in the file and the checksum of its bytes (read and checked when the section is decoded: a read uses only some). */
  sections: Map<string, { start: number; length: number; sum: string }>
  bytes: IndexBytes
}

/** The header of an index file; null when it is not a whole index of this format (its header checked, each section within the file). */
export function readHeader(source: IndexBytes): Header | null {
  const bytes = source.head
  const end = headerEnd(INDEX_FRAME, bytes)
  const text = end === null || end > bytes.length ? null : checkedHeader(INDEX_FRAME, bytes, bytes.subarray(FIXED_BYTES, end))
  if (text === null) return null
  const header = JSON.parse(text) as Record<string, unknown>
  const counts = header.counts as Record<string, unknown> | null
  if (!isText(header.library) || !isFileIdentity(header.identity) || !Array.isArray(header.sections)) return null
  if (typeof counts !== 'object' || counts === null || !isCount(counts.papers) || !isCount(counts.summaries)) return null
  const sections = new Map<string, { start: number; length: number; sum: string }>()
  for (const section of header.sections as unknown[]) {
    if (!Array.isArray(section) || section.length !== 4) return null
    const [name, offset, length, sum] = section as unknown[]
    if (!isText(name) || !isCount(offset) || !isCount(length) || !isText(sum)) return null
    const start = end! + offset
    if (start + length > source.size) return null // cut short
    sections.set(name, { start, length, sum })
  }
  return {
    library: header.library,
    identity: header.identity,
    counts: { papers: counts.papers, summaries: counts.summaries },
    sections,
    bytes: source,
  }
}

/** True when `start` (an index file's first bytes) is an index of an older format than this precis writes. */
export function isOlderIndex(start: Buffer): boolean {
  const version = frameVersion(INDEX_FRAME, start)
  return version !== null && version < INDEX_FORMAT_VERSION
}

/** How many bytes of an index file hold its fixed start and header, or null when `start` (its first bytes) is not one of this format. */
export function headerBytes(start: Buffer): number | null {
  return headerEnd(INDEX_FRAME, start)
}

/** The library an index file says it was built from, read from its start (the fixed part and the header, checked); null when it does not say. */
export function indexedLibrary(start: Buffer): string | null {
  const end = headerBytes(start)
  if (end === null || end > start.length) return null
  const header = checkedHeader(INDEX_FRAME, start, start.subarray(FIXED_BYTES, end))
  if (header === null) return null
  try {
    const library = (JSON.parse(header) as Record<string, unknown>).library
    return isText(library) ? library : null
  } catch {
    return null
  }
}

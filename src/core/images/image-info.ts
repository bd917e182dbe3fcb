/**
 * What an image file is, read from its first bytes rather than from its name or the server's word:
 * the four raster formats precis shows (PNG, JPEG, GIF, WebP) and their pixel size. SVG and
 * everything else is not an image here: SVG is a program (scripts, external references), not a
 * picture to hand a terminal.
 */

export type ImageKind = 'png' | 'jpeg' | 'gif' | 'webp'

export interface ImageInfo {
  kind: ImageKind
  /** Pixels across and down, as the header says; 0 when the header does not say (a JPEG without a frame marker). */
  width: number
  height: number
}

/** The Content-Type each kind is served as. */
export const IMAGE_MIME: Readonly<Record<ImageKind, string>> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
}

/**
 * An image decoded to more pixels than this is refused (a small file that expands to gigabytes:
 * a decompression bomb). 40 megapixels is more than any figure a summary links to.
 */
export const MAX_IMAGE_PIXELS = 40_000_000

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => prefix.every((b, i) => bytes[at + i] === b)
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to)) // eslint-disable-line no-restricted-syntax -- a few bytes of a header
const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!
const u16le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8)
const u24le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)
const u32be = (b: Uint8Array, at: number) => ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!

/** The kind and size of the image in `bytes`; null when its magic number is none of the four. */
export function imageInfo(bytes: Uint8Array): ImageInfo | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) && bytes.length >= 24 && ascii(bytes, 12, 16) === 'IHDR') {
    return { kind: 'png', width: u32be(bytes, 16), height: u32be(bytes, 20) }
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'jpeg', ...jpegSize(bytes) }
  if ((ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') && bytes.length >= 10) {
    return { kind: 'gif', width: u16le(bytes, 6), height: u16le(bytes, 8) }
  }
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP' && bytes.length >= 30) {
    const size = webpSize(bytes)
    return size && { kind: 'webp', ...size }
  }
  return null
}

/** Whether `info` is small enough to decode and show (see MAX_IMAGE_PIXELS). */
export function withinPixelLimit(info: ImageInfo): boolean {
  return info.width * info.height <= MAX_IMAGE_PIXELS
}

/** A JPEG's size from its first start-of-frame marker (SOF0–SOF15, but not DHT, JPG or DAC). */
function jpegSize(bytes: Uint8Array): { width: number; height: number } {
  let at = 2
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) break
    const marker = bytes[at + 1]!
    if (marker === 0xff) {
      at++ // fill byte
      continue
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: u16be(bytes, at + 5), width: u16be(bytes, at + 7) }
    }
    at += 2 + u16be(bytes, at + 2)
  }
  return { width: 0, height: 0 }
}

/** A WebP's size from its first chunk: lossy (VP8), lossless (VP8L) or extended (VP8X). */
function webpSize(bytes: Uint8Array): { width: number; height: number } | null {
  const chunk = ascii(bytes, 12, 16)
  if (chunk === 'VP8 ') return { width: u16le(bytes, 26) & 0x3fff, height: u16le(bytes, 28) & 0x3fff }
  if (chunk === 'VP8L') {
    const bits = (bytes[21]! | (bytes[22]! << 8) | (bytes[23]! << 16) | (bytes[24]! << 24)) >>> 0
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 }
  }
  if (chunk === 'VP8X') return { width: u24le(bytes, 24) + 1, height: u24le(bytes, 27) + 1 }
  return null
}

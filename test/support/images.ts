/** Small images as bytes, for the figure fetch, cache and drawing tests. */
import jpeg from 'jpeg-js'
import { GifWriter } from 'omggif'
import { PNG } from 'pngjs'

/** A real 1×1 PNG (one half-transparent green pixel). */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

/** A PNG header claiming `width`×`height` (enough for the magic number and the size). */
export function pngHeader(width: number, height: number): Buffer {
  const b = Buffer.alloc(33)
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0)
  b.writeUInt32BE(13, 8)
  b.write('IHDR', 12, 'ascii')
  b.writeUInt32BE(width, 16)
  b.writeUInt32BE(height, 20)
  return b
}

/** A JPEG start with an APP0 segment, then a baseline frame header of `width`×`height`. */
export function jpegHeader(width: number, height: number): Buffer {
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]
  const sof = [0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]
  return Buffer.from([0xff, 0xd8, ...app0, ...sof])
}

export function gifHeader(width: number, height: number): Buffer {
  const b = Buffer.alloc(13)
  b.write('GIF89a', 0, 'ascii')
  b.writeUInt16LE(width, 6)
  b.writeUInt16LE(height, 8)
  return b
}

/** An extended (VP8X) WebP header of `width`×`height`. */
export function webpHeader(width: number, height: number): Buffer {
  const b = Buffer.alloc(30)
  b.write('RIFF', 0, 'ascii')
  b.writeUInt32LE(22, 4)
  b.write('WEBPVP8X', 8, 'ascii')
  b.writeUInt32LE(10, 16)
  b.writeUIntLE(width - 1, 24, 3)
  b.writeUIntLE(height - 1, 27, 3)
  return b
}

/** `width`×`height` opaque pixels of one colour, as RGBA. */
export function solid(width: number, height: number, [r, g, b]: readonly [number, number, number]): Uint8Array {
  const data = new Uint8Array(width * height * 4)
  for (let at = 0; at < data.length; at += 4) data.set([r, g, b, 255], at)
  return data
}

/** A real PNG of `width`×`height` pixels of one colour. */
export function solidPng(width: number, height: number, colour: readonly [number, number, number]): Buffer {
  const png = new PNG({ width, height })
  Buffer.from(solid(width, height, colour)).copy(png.data)
  return PNG.sync.write(png)
}

/** A real JPEG of `width`×`height` pixels of one colour (lossy: the colour comes back near, not exact). */
export function solidJpeg(width: number, height: number, colour: readonly [number, number, number]): Buffer {
  return jpeg.encode({ width, height, data: Buffer.from(solid(width, height, colour)) }, 90).data
}

/** A real GIF of `width`×`height` pixels of one colour. */
export function solidGif(width: number, height: number, [r, g, b]: readonly [number, number, number]): Buffer {
  const buffer = Buffer.alloc(1024 + width * height)
  const writer = new GifWriter(buffer, width, height, { palette: [(r << 16) | (g << 8) | b, 0] })
  writer.addFrame(0, 0, width, height, new Array<number>(width * height).fill(0))
  return buffer.subarray(0, writer.end())
}

import { describe, expect, it } from 'vitest'
import { decodeImage, encodePng, onWhite, quantise, scaleDown, sixelImage, type Pixels } from '../../../src/render/raster.js'
import { imageInfo } from '../../../src/core/images/image-info.js'
import { jpegHeader, PNG_1X1, solid, solidGif, solidJpeg, solidPng, webpHeader } from '../../support/images.js'

const CELL = { width: 10, height: 20 }
/** Red, green / blue, white. */
const RGBW: Pixels = { width: 2, height: 2, data: new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255]) }

const decode = (bytes: Uint8Array) => decodeImage(bytes, imageInfo(bytes)!)

describe('sixelImage', () => {
  it('draws each colour of a 2×2 image in one band: raster size, palette in percent, one run per colour', () => {
    // #n;2;r;g;b defines colour n; in a band each column's six pixels are one character (63 + bits,
    // top pixel the lowest bit); $ returns to the band's start for the next colour.
    expect(sixelImage(RGBW, { columns: 1, rows: 1 }, CELL)).toBe(
      '\x1bP0;0;q"1;1;2;2#0;2;100;0;0#1;2;0;100;0#2;2;0;0;100#3;2;100;100;100#0@$#2A$#1?@$#3?A$\x1b\\\n',
    )
  })

  it('goes on to the next band of six rows with - (and a newline, which sixel ignores), and repeats a column with !n', () => {
    const tall: Pixels = { width: 5, height: 8, data: solid(5, 8, [0, 0, 0]) }
    expect(sixelImage(tall, { columns: 1, rows: 1 }, CELL)).toBe('\x1bP0;0;q"1;1;5;8#0;2;0;0;0#0!5~$-\n#0!5B$\x1b\\\n')
  })

  it('scales the pixels down into the box: 40×40 into one cell of 10×20 is 10×10', () => {
    const big: Pixels = { width: 40, height: 40, data: solid(40, 40, [255, 255, 255]) }
    expect(sixelImage(big, { columns: 1, rows: 1 }, CELL)).toBe('\x1bP0;0;q"1;1;10;10#0;2;100;100;100#0!10~$-\n#0!10N$\x1b\\\n')
  })

  it("passes through tmux's DCS with every ESC doubled", () => {
    const black: Pixels = { width: 1, height: 1, data: solid(1, 1, [0, 0, 0]) }
    expect(sixelImage(black, { columns: 1, rows: 1 }, CELL, true)).toBe('\x1bPtmux;\x1b\x1bP0;0;q"1;1;1;1#0;2;0;0;0#0@$\x1b\x1b\\\x1b\\\n')
  })
})

describe('quantise', () => {
  it('keeps up to 256 colours exactly, in the order they first appear', () => {
    expect(quantise(RGBW)).toEqual({
      indices: Uint16Array.from([0, 1, 2, 3]),
      palette: [
        [255, 0, 0],
        [0, 255, 0],
        [0, 0, 255],
        [255, 255, 255],
      ],
    })
  })

  it('reduces more colours to 256 near ones', () => {
    const width = 64 * 64
    const data = new Uint8Array(width * 4) // every 6-bit red and green level: 4096 colours
    for (let i = 0; i < width; i++) data.set([(i % 64) * 4, (i >> 6) * 4, 128, 255], i * 4)
    const { indices, palette } = quantise({ width, height: 1, data })
    expect(palette).toHaveLength(256)
    for (let i = 0; i < width; i += 97) {
      const [r, g, b] = palette[indices[i]!]!
      expect(Math.abs(r - data[i * 4]!) + Math.abs(g - data[i * 4 + 1]!) + Math.abs(b - 128)).toBeLessThan(24)
    }
  })
})

describe('decodeImage', () => {
  it('decodes PNG, JPEG and the first frame of a GIF to RGBA', () => {
    expect(decode(PNG_1X1)).toEqual({ width: 1, height: 1, data: Buffer.from([0, 255, 0, 127]) })
    expect(decode(solidGif(3, 2, [0, 0, 255]))).toEqual({ width: 3, height: 2, data: solid(3, 2, [0, 0, 255]) })
    const photo = decode(solidJpeg(16, 8, [200, 40, 40]))!
    expect([photo.width, photo.height]).toEqual([16, 8])
    expect(Math.abs(photo.data[0]! - 200) + Math.abs(photo.data[1]! - 40) + Math.abs(photo.data[2]! - 40)).toBeLessThan(12)
  })

  it('has nothing for WebP (no pure-JavaScript decoder), a damaged file, or one past the pixel limit', () => {
    expect(decode(webpHeader(10, 10))).toBeNull()
    expect(decode(jpegHeader(10, 10))).toBeNull()
    expect(decode(solidPng(4, 4, [0, 0, 0]).subarray(0, 40))).toBeNull()
    expect(decodeImage(PNG_1X1, { kind: 'png', width: 10_000, height: 10_000 })).toBeNull()
  })
})

describe('scaleDown', () => {
  it('averages the pixels each new pixel covers, weighted by alpha, and never scales up', () => {
    const half: Pixels = { width: 2, height: 1, data: new Uint8Array([200, 0, 0, 255, 0, 0, 255, 0]) }
    expect(scaleDown(half, 1, 1)).toEqual({ width: 1, height: 1, data: new Uint8Array([200, 0, 0, 128]) })
    expect(scaleDown(RGBW, 10, 10)).toBe(RGBW)
  })
})

describe('onWhite and encodePng', () => {
  it('lays transparency on white', () => {
    expect(onWhite({ width: 1, height: 1, data: new Uint8Array([0, 0, 0, 0]) }).data).toEqual(new Uint8Array([255, 255, 255, 255]))
  })

  it('encodes a PNG that decodes to the same pixels', () => {
    expect(decode(encodePng(RGBW))).toEqual({ width: 2, height: 2, data: Buffer.from(RGBW.data) })
  })
})

import { describe, expect, it } from 'vitest'
import { imageInfo, withinPixelLimit } from '../../../src/core/images/image-info.js'
import { gifHeader, jpegHeader, PNG_1X1, pngHeader, webpHeader } from '../../support/images.js'

describe('imageInfo', () => {
  it.each([
    ['a real PNG', PNG_1X1, { kind: 'png', width: 1, height: 1 }],
    ['a PNG header', pngHeader(640, 480), { kind: 'png', width: 640, height: 480 }],
    ['a JPEG (frame after APP0)', jpegHeader(800, 600), { kind: 'jpeg', width: 800, height: 600 }],
    ['a GIF', gifHeader(320, 200), { kind: 'gif', width: 320, height: 200 }],
    ['a WebP (VP8X)', webpHeader(1000, 70000), { kind: 'webp', width: 1000, height: 70000 }],
  ])('reads %s', (_, bytes, info) => {
    expect(imageInfo(bytes)).toEqual(info)
  })

  it.each([
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ['HTML', Buffer.from('<!doctype html><title>Not found</title>')],
    ['nothing', Buffer.alloc(0)],
    ['a PNG signature cut short', pngHeader(10, 10).subarray(0, 12)],
    ['a RIFF that is not WebP', Buffer.from('RIFF\x16\0\0\0WAVEfmt                  ')],
  ])('refuses %s', (_, bytes) => {
    expect(imageInfo(bytes)).toBeNull()
  })

  it('tells a decompression bomb (a small file of huge size) from a figure', () => {
    expect(withinPixelLimit(imageInfo(pngHeader(100_000, 100_000))!)).toBe(false)
    expect(withinPixelLimit(imageInfo(pngHeader(4000, 3000))!)).toBe(true)
  })
})

/**
 * Figures as pixels, for the protocols that cannot take the file as it is: sixel (pixels only) and
 * kitty (PNG only). Decoded by maintained pure-JavaScript libraries (pngjs, jpeg-js, omggif for a
 * GIF's first frame; WebP has none, so it is drawn by iTerm2's protocol only), scaled down by
 * averaging, and encoded again: as PNG by pngjs, or as sixel by the `sixel` package's encoder in
 * at most 256 colours (what sixel terminals keep in their registers), chosen here (see quantise). Loaded only
 * when a figure is drawn this way, so no other command pays for the decoders.
 */
import { PNG } from 'pngjs'
import jpeg from 'jpeg-js'
import { GifReader } from 'omggif'
import { FINALIZER, introducer, sixelEncodeIndexed } from 'sixel/lib/SixelEncoder.js'
import type { CellBox } from '../core/images/cells.js'
import { MAX_IMAGE_PIXELS, withinPixelLimit, type ImageInfo } from '../core/images/image-info.js'
import { tmuxPassthrough } from './terminal-image.js'

/** Decoded pixels, four bytes (red, green, blue, alpha) each, row after row. */
export interface Pixels {
  width: number
  height: number
  data: Uint8Array
}

/** The size of one terminal cell in pixels. */
export interface CellPixels {
  width: number
  height: number
}

/** Sixel registers terminals keep (xterm, foot, mlterm, WezTerm); a VT340 had 16. */
const SIXEL_COLOURS = 256

/** The pixels of `bytes` (of kind `info`), or null when the kind has no decoder here or the file is damaged or too large. */
export function decodeImage(bytes: Uint8Array, info: ImageInfo): Pixels | null {
  if (!withinPixelLimit(info)) return null
  try {
    switch (info.kind) {
      case 'png': {
        const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
        return { width: png.width, height: png.height, data: png.data }
      }
      case 'jpeg': {
        // jpeg-js checks the frame's own size too: the header read by imageInfo may not be the frame decoded.
        const limits = { maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6, maxMemoryUsageInMB: 512 }
        const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, ...limits })
        return { width: image.width, height: image.height, data: image.data }
      }
      case 'gif': {
        const reader = new GifReader(bytes)
        if (reader.width * reader.height > MAX_IMAGE_PIXELS || reader.width < 1 || reader.height < 1) return null
        const data = new Uint8Array(reader.width * reader.height * 4)
        reader.decodeAndBlitFrameRGBA(0, data)
        return { width: reader.width, height: reader.height, data }
      }
      case 'webp':
        return null
    }
  } catch {
    return null // a damaged file stays a [fig N] reference
  }
}

/**
 * `pixels` no larger than `maxWidth` × `maxHeight`, its shape kept; never scaled up. Each new pixel
 * is the average of the source pixels it covers, weighted by their alpha (a transparent pixel's
 * colour does not bleed into its neighbours).
 */
export function scaleDown(pixels: Pixels, maxWidth: number, maxHeight: number): Pixels {
  const scale = Math.min(1, maxWidth / pixels.width, maxHeight / pixels.height)
  if (scale >= 1) return pixels
  const width = Math.max(1, Math.round(pixels.width * scale))
  const height = Math.max(1, Math.round(pixels.height * scale))
  const data = new Uint8Array(width * height * 4)
  const src = pixels.data
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor((y * pixels.height) / height)
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * pixels.height) / height))
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor((x * pixels.width) / width)
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * pixels.width) / width))
      let r = 0
      let g = 0
      let b = 0
      let a = 0
      for (let sy = y0; sy < y1; sy++) {
        for (let sx = x0; sx < x1; sx++) {
          const at = (sy * pixels.width + sx) * 4
          const alpha = src[at + 3]!
          r += src[at]! * alpha
          g += src[at + 1]! * alpha
          b += src[at + 2]! * alpha
          a += alpha
        }
      }
      const out = (y * width + x) * 4
      const count = (y1 - y0) * (x1 - x0)
      if (a > 0) {
        data[out] = Math.round(r / a)
        data[out + 1] = Math.round(g / a)
        data[out + 2] = Math.round(b / a)
      }
      data[out + 3] = Math.round(a / count)
    }
  }
  return { width, height, data }
}

/** `pixels` as a PNG file. */
export function encodePng(pixels: Pixels): Uint8Array {
  const png = new PNG({ width: pixels.width, height: pixels.height })
  Buffer.from(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength).copy(png.data)
  return PNG.sync.write(png)
}

/**
 * The sixel escape sequence (DCS … ST) that draws `pixels` at the cursor, scaled to fit `box`
 * cells of `cell` pixels, then a newline so that text resumes under it; passed through tmux when `tmux`.
 */
export function sixelImage(pixels: Pixels, box: CellBox, cell: CellPixels, tmux = false): string {
  const fitted = onWhite(scaleDown(pixels, box.columns * cell.width, box.rows * cell.height))
  const { indices, palette } = quantise(fitted)
  const escape = introducer(0) + sixelEncodeIndexed(indices, fitted.width, fitted.height, palette) + FINALIZER
  return (tmux ? tmuxPassthrough(escape) : escape) + '\n'
}

/**
 * `pixels` laid on white, every pixel opaque: a paper's figure is drawn for a white page (black
 * lines on transparency would vanish on a dark terminal), and the sixel encoder writes every pixel.
 */
export function onWhite(pixels: Pixels): Pixels {
  const data = new Uint8Array(pixels.data.length)
  for (let at = 0; at < data.length; at += 4) {
    const alpha = pixels.data[at + 3]!
    for (let c = 0; c < 3; c++) data[at + c] = Math.round((pixels.data[at + c]! * alpha + 255 * (255 - alpha)) / 255)
    data[at + 3] = 255
  }
  return { width: pixels.width, height: pixels.height, data }
}

type Colour = [number, number, number]

/**
 * Opaque `pixels` as at most SIXEL_COLOURS colours: the palette, and each pixel's index in it.
 * A figure with that few colours (most diagrams and plots) keeps them exactly. Otherwise median
 * cut on a histogram of 15-bit colours: the box of colours with the most pixels times spread is
 * split at the median of its widest channel until there are enough boxes, each box's colour being
 * the mean of its pixels; no dithering, which would speckle the flat areas of a figure. Written
 * here because the `sixel` package's own quantiser turns saturated colours grey, and image-q's
 * take seconds to set up for even the smallest image.
 */
export function quantise(pixels: Pixels): { indices: Uint16Array; palette: Colour[] } {
  const count = pixels.width * pixels.height
  const rgb = (i: number) => (pixels.data[i * 4]! << 16) | (pixels.data[i * 4 + 1]! << 8) | pixels.data[i * 4 + 2]!
  const exact = new Map<number, number>()
  for (let i = 0; i < count && exact.size <= SIXEL_COLOURS; i++) if (!exact.has(rgb(i))) exact.set(rgb(i), exact.size)
  if (exact.size <= SIXEL_COLOURS) {
    return {
      indices: Uint16Array.from({ length: count }, (_, i) => exact.get(rgb(i))!),
      palette: [...exact.keys()].map((c) => [c >> 16, (c >> 8) & 255, c & 255]),
    }
  }
  const bucket = (i: number) => ((pixels.data[i * 4]! >> 3) << 10) | ((pixels.data[i * 4 + 1]! >> 3) << 5) | (pixels.data[i * 4 + 2]! >> 3)
  const histogram = new Uint32Array(1 << 15)
  for (let i = 0; i < count; i++) histogram[bucket(i)]!++
  const channel = (b: number, c: number) => (b >> (10 - 5 * c)) & 31
  const spread = (box: number[]) => {
    let widest = 0
    let range = -1
    for (let c = 0; c < 3; c++) {
      let low = 31
      let high = 0
      for (const b of box) {
        low = Math.min(low, channel(b, c))
        high = Math.max(high, channel(b, c))
      }
      if (high - low > range) [widest, range] = [c, high - low]
    }
    let pixelsIn = 0
    for (const b of box) pixelsIn += histogram[b]!
    return { widest, score: range > 0 ? range * pixelsIn : -1 }
  }
  const boxes: number[][] = [[...histogram.keys()].filter((b) => histogram[b]! > 0)]
  while (boxes.length < SIXEL_COLOURS) {
    let best = -1
    let bestScore = 0
    let bestChannel = 0
    boxes.forEach((box, i) => {
      const { widest, score } = spread(box)
      if (score > bestScore) [best, bestScore, bestChannel] = [i, score, widest]
    })
    if (best < 0) break // every box holds one 15-bit colour
    const box = boxes[best]!.sort((a, b) => channel(a, bestChannel) - channel(b, bestChannel))
    let half = 0
    let total = 0
    for (const b of box) total += histogram[b]!
    let cut = 0
    while (cut < box.length - 1 && half + histogram[box[cut]!]! <= total / 2) half += histogram[box[cut++]!]!
    cut = Math.max(1, cut)
    boxes.splice(best, 1, box.slice(0, cut), box.slice(cut))
  }
  const boxOf = new Uint16Array(1 << 15)
  boxes.forEach((box, i) => box.forEach((b) => (boxOf[b] = i)))
  const sums = boxes.map(() => [0, 0, 0, 0])
  const indices = new Uint16Array(count)
  for (let i = 0; i < count; i++) {
    const index = boxOf[bucket(i)]!
    indices[i] = index
    const sum = sums[index]!
    for (let c = 0; c < 3; c++) sum[c]! += pixels.data[i * 4 + c]!
    sum[3]!++
  }
  return { indices, palette: sums.map(([r, g, b, n]) => [Math.round(r! / n!), Math.round(g! / n!), Math.round(b! / n!)]) }
}

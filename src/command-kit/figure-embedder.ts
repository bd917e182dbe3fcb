/**
 * The embedder the HTML export hands its converter: cached figures as data URIs, within limits so
 * one page stays a page (a figure at most 2 MB, all of them at most 20 MB; past that a figure
 * stays a link). Only the cache is read: exporting never uses the network.
 */
import type { Context } from '../context.js'
import { IMAGE_MIME } from '../core/images/image-info.js'
import type { FigureEmbedder } from '../formats/html-figures.js'
import { cacheDir } from '../sources/cache.js'
import { hasCachedFigures, readCachedFigure } from '../sources/figure-cache.js'

export const MAX_EMBEDDED_FIGURE_BYTES = 2 * 1024 * 1024
export const MAX_EMBEDDED_PAGE_BYTES = 20 * 1024 * 1024

/** An embedder over the cache, or undefined when the cache holds no figure at all. */
export function figureEmbedder(ctx: Context): FigureEmbedder | undefined {
  const dir = cacheDir(ctx.env)
  if (!hasCachedFigures(dir)) return undefined
  const uris = new Map<string, string | null>()
  let total = 0
  return (url) => {
    const known = uris.get(url)
    if (known !== undefined) return known
    const figure = readCachedFigure(dir, url)
    const fits =
      figure !== null && figure.bytes.length <= MAX_EMBEDDED_FIGURE_BYTES && total + figure.bytes.length <= MAX_EMBEDDED_PAGE_BYTES
    const uri = fits ? `data:${IMAGE_MIME[figure.info.kind]};base64,${figure.bytes.toString('base64')}` : null
    if (fits) total += figure.bytes.length
    uris.set(url, uri)
    return uri
  }
}

/**
 * Figures kept on disk for offline reading: one file per figure under `<cache>/figures/`, named by
 * the SHA-256 of its URL (no URL can choose a path). A cached file is checked like a fetched one
 * on every read (regular file, size, magic number, pixel limit): anything else is a miss.
 */
import { createHash } from 'node:crypto'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { imageInfo, withinPixelLimit } from '../core/images/image-info.js'
import { readRegularFile } from '../platform/regular-file.js'
import { writeFileAtomically } from './cache.js'
import { MAX_FIGURE_BYTES, type FetchedFigure } from './figure-fetch.js'

/** The cache file of the figure at `url`. */
export function figureCacheFile(dir: string, url: string): string {
  return join(dir, 'figures', `${createHash('sha256').update(url).digest('hex')}.img`)
}

/** The cached figure of `url`, or null when there is none or it is not a figure precis may show. */
export function readCachedFigure(dir: string, url: string): FetchedFigure | null {
  let bytes: Buffer
  try {
    bytes = readRegularFile(figureCacheFile(dir, url)) // a named pipe planted there would block a plain read
  } catch {
    return null
  }
  const info = bytes.length <= MAX_FIGURE_BYTES ? imageInfo(bytes) : null
  return info && withinPixelLimit(info) ? { bytes, info } : null
}

/** Keep a fetched figure, atomically: readers see no file or the whole one. */
export async function writeCachedFigure(dir: string, url: string, figure: FetchedFigure): Promise<void> {
  await writeFileAtomically(figureCacheFile(dir, url), figure.bytes)
}

/** Whether any figure was ever cached (so a page made without any stays exactly as before). */
export function hasCachedFigures(dir: string): boolean {
  try {
    return readdirSync(join(dir, 'figures')).some((name) => name.endsWith('.img'))
  } catch {
    return false
  }
}

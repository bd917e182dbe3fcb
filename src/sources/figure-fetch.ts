/**
 * One figure fetched for display, with the limits an image from anywhere needs: http(s) only,
 * redirects only to http(s) (http.ts), one deadline for the whole exchange, a size cap read as the
 * bytes arrive, a Content-Type that says PNG, JPEG, GIF or WebP, and the bytes' own magic number
 * agreeing. SVG is never fetched. No retries: a figure that fails is shown as its `[fig N]` link.
 */
import { NetworkError } from '../core/errors.js'
import { IMAGE_MIME, imageInfo, withinPixelLimit, type ImageInfo } from '../core/images/image-info.js'
import { describeFailure, fetchFollowing, USER_AGENT } from './http.js'
import { formatBytes } from '../core/text/sizes.js'

/** A figure's bytes and what they were found to be. */
export interface FetchedFigure {
  bytes: Buffer
  info: ImageInfo
}

export interface FigureFetchOptions {
  /** The fetch to use (Node's global one by default). */
  fetch?: typeof fetch
  /** Milliseconds the whole exchange may take, body included. */
  timeoutMs?: number
  /** Most bytes a figure may have. */
  maxBytes?: number
}

/** Larger than any figure a summary links to (imgur's PNGs are well under 2 MB). */
export const MAX_FIGURE_BYTES = 8 * 1024 * 1024
const FIGURE_TIMEOUT_MS = 20_000
const ACCEPTED = new Set(Object.values(IMAGE_MIME))

/** Fetch the figure at `url`; a NetworkError saying why when it is not a figure precis may show. */
export async function fetchFigure(url: string, options: FigureFetchOptions = {}): Promise<FetchedFigure> {
  const timeoutMs = options.timeoutMs ?? FIGURE_TIMEOUT_MS
  const maxBytes = options.maxBytes ?? MAX_FIGURE_BYTES
  const host = figureHost(url)
  try {
    const signal = AbortSignal.timeout(timeoutMs)
    const init = { headers: { 'User-Agent': USER_AGENT, Accept: [...ACCEPTED].join(', ') }, signal }
    const response = await fetchFollowing(url, init, host, options.fetch ?? fetch)
    if (response.status !== 200) {
      await response.body?.cancel()
      throw new NetworkError(`${host} answered HTTP ${response.status} for ${url}`)
    }
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (!ACCEPTED.has(type)) {
      await response.body?.cancel()
      throw new NetworkError(`${url} is not a PNG, JPEG, GIF or WebP image (the server says ${type || 'nothing'})`)
    }
    const bytes = await readBytesCapped(response, maxBytes, url)
    const info = imageInfo(bytes)
    if (!info || IMAGE_MIME[info.kind] !== type) throw new NetworkError(`${url} does not hold the ${type} image its server says it does`)
    if (!withinPixelLimit(info)) throw new NetworkError(`${url} is ${info.width}×${info.height} pixels, too large to show`)
    return { bytes, info }
  } catch (error) {
    if (error instanceof NetworkError) throw error
    throw new NetworkError(describeFailure(error, host, timeoutMs))
  }
}

/** The host of a figure's URL, for messages; refuses what precis never fetches (other schemes, SVG). */
function figureHost(url: string): string {
  if (!URL.canParse(url)) throw new NetworkError(`${url} is not a URL`)
  const parsed = new URL(url)
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new NetworkError(`${url} is not an http or https address; precis fetches figures only over http(s)`)
  }
  if (/\.svgz?$/i.test(parsed.pathname)) throw new NetworkError(`${url} is an SVG file; precis never fetches SVG for display`)
  return parsed.host
}

async function readBytesCapped(response: Response, maxBytes: number, url: string): Promise<Buffer> {
  const limit = formatBytes(maxBytes)
  const tooBig = () => new NetworkError(`${url} is larger than ${limit}; not fetched`)
  if (!response.body) return Buffer.alloc(0)
  if (Number(response.headers.get('content-length')) > maxBytes) {
    await response.body.cancel()
    throw tooBig()
  }
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength
    if (size > maxBytes) {
      await reader.cancel()
      throw tooBig()
    }
    chunks.push(chunk.value)
  }
  return Buffer.concat(chunks)
}

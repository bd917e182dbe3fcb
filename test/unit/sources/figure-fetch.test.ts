import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { NetworkError } from '../../../src/core/errors.js'
import { fetchFigure } from '../../../src/sources/figure-fetch.js'
import { figureCacheFile, readCachedFigure, writeCachedFigure } from '../../../src/sources/figure-cache.js'
import { tempDir } from '../../support/context.js'
import { PNG_1X1, pngHeader } from '../../support/images.js'
import { serverPerTest, type Reply } from './server.js'

const serve = serverPerTest(() => ({}), 1)
const png = (body: Buffer = PNG_1X1): Reply => ({ body, headers: { 'content-type': 'image/png' } })

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.catch((e: unknown) => e)
  expect(error).toBeInstanceOf(NetworkError)
  return (error as NetworkError).message
}

describe('fetchFigure', () => {
  it('fetches a PNG and says what it is', async () => {
    const { server } = await serve(() => png())
    const figure = await fetchFigure(`${server.origin}/a.png`)
    expect(figure.info).toEqual({ kind: 'png', width: 1, height: 1 })
    expect(figure.bytes.equals(PNG_1X1)).toBe(true)
    expect(server.requests[0]!.headers.accept).toBe('image/png, image/jpeg, image/gif, image/webp')
  })

  it('follows a redirect to another http address', async () => {
    const { server } = await serve((url) => (url.pathname === '/old.png' ? { status: 302, headers: { location: '/new.png' } } : png()))
    expect((await fetchFigure(`${server.origin}/old.png`)).info.kind).toBe('png')
    expect(server.requests.map((r) => r.url)).toEqual(['/old.png', '/new.png'])
  })

  it('refuses a redirect to file:', async () => {
    const { server } = await serve(() => ({ status: 302, headers: { location: 'file:///etc/passwd' } }))
    expect(await refusal(fetchFigure(`${server.origin}/a.png`))).toMatch(/redirected precis to a file: address/)
  })

  it('refuses a body larger than the limit the server admits to (Content-Length), unread', async () => {
    const { server } = await serve(() => png(Buffer.concat([PNG_1X1, Buffer.alloc(5000)])))
    expect(await refusal(fetchFigure(`${server.origin}/a.png`, { maxBytes: 1000 }))).toMatch(/is larger than 1000 B; not fetched$/)
  })

  it('refuses a body that grows past the limit without saying its size (chunked)', async () => {
    const body = Buffer.concat([PNG_1X1, Buffer.alloc(5000)])
    const { server } = await serve(() => ({ body, headers: { 'content-type': 'image/png', 'transfer-encoding': 'chunked' } }))
    expect(await refusal(fetchFigure(`${server.origin}/a.png`, { maxBytes: 1000 }))).toMatch(/is larger than 1000 B/)
  })

  it('refuses an HTML page served for an image URL', async () => {
    const { server } = await serve(() => ({ body: '<html>', headers: { 'content-type': 'text/html; charset=utf-8' } }))
    expect(await refusal(fetchFigure(`${server.origin}/a.png`))).toMatch(
      /is not a PNG, JPEG, GIF or WebP image \(the server says text\/html\)$/,
    )
  })

  it('refuses SVG served under a .png name', async () => {
    const { server } = await serve(() => ({ body: '<svg/>', headers: { 'content-type': 'image/svg+xml' } }))
    expect(await refusal(fetchFigure(`${server.origin}/a.png`))).toMatch(/the server says image\/svg\+xml/)
  })

  it('never asks for an .svg URL', async () => {
    const { server } = await serve(() => ({ body: '<svg/>', headers: { 'content-type': 'image/svg+xml' } }))
    expect(await refusal(fetchFigure(`${server.origin}/diagram.svg`))).toMatch(/is an SVG file; precis never fetches SVG/)
    expect(server.requests).toEqual([])
  })

  it('refuses bytes whose magic number is not the type the server claims', async () => {
    const { server } = await serve(() => ({ body: '<svg onload="x"/>', headers: { 'content-type': 'image/png' } }))
    expect(await refusal(fetchFigure(`${server.origin}/a.png`))).toMatch(/does not hold the image\/png image its server says it does/)
  })

  it('refuses a decompression bomb: a small PNG claiming 100000×100000 pixels', async () => {
    const { server } = await serve(() => png(pngHeader(100_000, 100_000)))
    expect(await refusal(fetchFigure(`${server.origin}/a.png`))).toMatch(/is 100000×100000 pixels, too large to show/)
  })

  it('gives up on a server that never answers, within its time limit', async () => {
    const { server } = await serve(() => ({ hang: true }))
    expect(await refusal(fetchFigure(`${server.origin}/a.png`, { timeoutMs: 50 }))).toBe(
      `${server.origin.slice(7)} did not answer within 50 ms`,
    )
  })

  it.each(['file:///etc/passwd', 'ftp://example.org/a.png', 'data:image/png;base64,AAAA', 'not a url'])(
    'refuses %s before any request',
    async (url) => {
      expect(await refusal(fetchFigure(url))).toMatch(/not an http or https address|is not a URL/)
    },
  )

  it('refuses an error status', async () => {
    const { server } = await serve(() => ({ status: 404, body: 'gone' }))
    expect(await refusal(fetchFigure(`${server.origin}/a.png`))).toMatch(/answered HTTP 404/)
  })
})

describe('the figure cache', () => {
  it('keeps a figure under the hash of its URL, written whole, and reads it back', async () => {
    const dir = tempDir('precis-figures-')
    const url = 'https://i.imgur.com/../../etc/passwd.png'
    await writeCachedFigure(dir, url, { bytes: PNG_1X1, info: { kind: 'png', width: 1, height: 1 } })
    expect(figureCacheFile(dir, url)).toMatch(/\/figures\/[0-9a-f]{64}\.img$/)
    expect(readdirSync(`${dir}/figures`)).toHaveLength(1) // no temp file left
    expect(readCachedFigure(dir, url)?.bytes.equals(PNG_1X1)).toBe(true)
    expect(readCachedFigure(dir, 'https://i.imgur.com/other.png')).toBeNull()
  })

  it('treats a cached file that is not an image as a miss', async () => {
    const dir = tempDir('precis-figures-')
    await writeCachedFigure(dir, 'https://x/a.png', { bytes: Buffer.from('<svg/>'), info: { kind: 'png', width: 1, height: 1 } })
    expect(readCachedFigure(dir, 'https://x/a.png')).toBeNull()
  })
})

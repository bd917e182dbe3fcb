import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Command } from 'commander'
import { registerFigures } from '../../src/commands/figures/command.js'
import { figuresRun } from '../../src/commands/figures/run.js'
import { NetworkError } from '../../src/core/errors.js'
import { readCachedFigure } from '../../src/sources/figure-cache.js'
import { startServer, type TestServer } from '../unit/sources/server.js'
import { libraryOf, paper, summary } from '../support/library.js'
import { tempDir, testContext } from '../support/context.js'
import { PNG_1X1 } from '../support/images.js'

let server: TestServer
let cache: string

beforeEach(async () => {
  cache = tempDir('precis-cache-')
  server = await startServer((url) =>
    url.pathname === '/ok.png'
      ? { body: PNG_1X1, headers: { 'content-type': 'image/png' } }
      : { body: '<html>', headers: { 'content-type': 'text/html' } },
  )
})
afterEach(() => server.close())

function context(json = false) {
  const body = `Setup![the model](${server.origin}/ok.png)\n\nResults:${server.origin}/bad.png and again ${server.origin}/ok.png`
  return testContext({
    library: libraryOf([paper({ key: 'gilmer2017neural' })], [summary({ id: 'gilmer2017neural', paper: 'gilmer2017neural', body })]),
    env: { PRECIS_CACHE_DIR: cache },
    globals: { json },
  })
}

describe('precis figures', () => {
  it('parses a handle and --download', async () => {
    const run = vi.fn(async () => {})
    const program = new Command().exitOverride()
    registerFigures(program, testContext(), run)
    await program.parseAsync(['figures', 'gilmer', '--download'], { from: 'user' })
    expect(run).toHaveBeenCalledWith({ handle: 'gilmer', download: true }, expect.anything())
  })

  it("lists the figures numbered as show's [fig N], without touching the network", async () => {
    const ctx = context()
    await figuresRun({ handle: 'gilmer', download: false }, ctx)
    expect(ctx.stdout()).toBe(`gilmer2017neural\n  [1] ${server.origin}/ok.png — the model\n  [2] ${server.origin}/bad.png\n`)
    expect(server.requests).toEqual([])
  })

  it('--download caches the good figures, reports the bad one and fails with exit 1', async () => {
    const ctx = context()
    const error = await figuresRun({ handle: 'gilmer', download: true }, ctx).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NetworkError)
    expect((error as NetworkError).message).toBe('1 of 2 figures could not be fetched')
    expect(ctx.stderr()).toBe(
      `[fig 2] of gilmer2017neural: ${server.origin}/bad.png is not a PNG, JPEG, GIF or WebP image (the server says text/html)\n`,
    )
    expect(ctx.stdout()).toBe(`gilmer2017neural\n  [1] ${server.origin}/ok.png — the model  (cached)\n  [2] ${server.origin}/bad.png\n`)
    expect(readCachedFigure(cache, `${server.origin}/ok.png`)?.bytes.equals(PNG_1X1)).toBe(true)
  })

  it('does not fetch again what is cached; --json lists the state', async () => {
    await figuresRun({ handle: 'gilmer', download: true }, context()).catch(() => {})
    const fetched = server.requests.length
    const ctx = context(true)
    await figuresRun({ handle: 'gilmer', download: true }, ctx).catch(() => {})
    expect(server.requests.map((r) => r.url).slice(fetched)).toEqual(['/bad.png'])
    expect(JSON.parse(ctx.stdout())).toEqual([
      { summary: 'gilmer2017neural', number: 1, url: `${server.origin}/ok.png`, caption: 'the model', cached: true },
      { summary: 'gilmer2017neural', number: 2, url: `${server.origin}/bad.png`, caption: '', cached: false },
    ])
  })
})

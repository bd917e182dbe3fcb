import { afterEach, describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { fixture } from '../unit/sources/fixtures.js'
import { startServer, type Reply, type TestServer } from '../unit/sources/server.js'
import { libraryOf, paper } from '../support/library.js'
import { tempDir, testContext, type TestContextOptions } from '../support/context.js'

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/** A test context whose metadata services are a local server answering `reply`. */
async function context(reply: (url: URL, n: number) => Reply, options: TestContextOptions = {}) {
  server = await startServer(reply)
  return testContext({
    ...options,
    env: {
      PRECIS_ARXIV_URL: `${server.origin}/api/query`,
      PRECIS_DOI_URL: `${server.origin}/doi`,
      PRECIS_CACHE_DIR: tempDir('precis-cache-'),
    },
  })
}

// The waits go through the Context's clock: these tests pass them without waiting.
describe('commands that fetch metadata wait through the clock', () => {
  it('add: a failing service is asked three times, the waits announced, then exit 1', async () => {
    const ctx = await context(() => ({ status: 503 }))
    expect(await main(['add', '10.5555/x', '--body', 'x'], ctx)).toBe(1)
    expect(ctx.slept).toEqual([1_000, 2_000])
    expect(server!.requests).toHaveLength(3)
    expect(ctx.stderr()).toBe(
      'doi.org answered HTTP 503; trying again in 1 s\n' +
        'doi.org answered HTTP 503; trying again in 2 s\n' +
        'precis: No metadata for DOI 10.5555/x: doi.org answered HTTP 503 (tried 3 times); try again in a minute\n' +
        'To add it without metadata, pass --title and --author (and --year).\n',
    )
  })

  it('add --quiet: the waits pass without a word', async () => {
    const ctx = await context(() => ({ status: 503 }))
    expect(await main(['--quiet', 'add', '10.5555/x', '--body', 'x'], ctx)).toBe(1)
    expect(ctx.slept).toEqual([1_000, 2_000])
    expect(ctx.stderr()).not.toContain('trying again')
  })

  it('refresh: a Retry-After within the limit is waited, then the answer used', async () => {
    const ctx = await context(
      (_url, n) => (n === 1 ? { status: 429, headers: { 'retry-after': '4' } } : { body: fixture('arxiv/entry.xml') }),
      {
        library: libraryOf([paper({ key: 'a2020', arxiv: '2003.10555' })]),
      },
    )
    expect(await main(['refresh', 'a2020', '--yes'], ctx), ctx.stderr()).toBe(0)
    expect(ctx.slept).toEqual([4_000])
    expect(ctx.stderr()).toContain('arXiv is rate-limiting requests; trying again in 4 s\n')
    expect((await ctx.store.read()).papers[0]?.title).toMatch(/^Pretraining Text Encoders/)
  })
})

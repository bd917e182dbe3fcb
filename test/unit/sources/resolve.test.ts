import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { NetworkError, NotFoundError } from '../../../src/core/errors.js'
import { parseSource, type Source } from '../../../src/core/papers/identifiers.js'
import { readCached } from '../../../src/sources/cache.js'
import { describeSource, resolveSource, sourceOfPaper, type ResolveOptions } from '../../../src/sources/resolve.js'
import { fixture } from './fixtures.js'
import { recordingSleep, startServer, type Reply, type TestServer } from './server.js'

let server: TestServer
let dir: string
let reply: (url: URL) => Reply
let notices: string[]

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'precis-resolve-'))
  notices = []
  reply = (url) => (url.pathname === '/api/query' ? { body: fixture('arxiv/entry.xml') } : { body: fixture('doi/article.json') })
  server = await startServer((url) => reply(url))
})
afterEach(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

function options(overrides: Partial<ResolveOptions> = {}): ResolveOptions {
  return {
    env: { PRECIS_ARXIV_URL: `${server.origin}/api/query`, PRECIS_DOI_URL: `${server.origin}/doi`, PRECIS_CACHE_DIR: dir },
    offline: false,
    sleep: recordingSleep().sleep,
    backoffMs: 1,
    attempts: 2,
    now: () => new Date('2024-03-01T12:00:00Z'),
    notice: (message) => void notices.push(message),
    ...overrides,
  }
}

const arxivSource = parseSource('arXiv:2003.10555v2')!
const doiSource = parseSource('https://doi.org/10.5555/Example.2020.17')!

describe('resolveSource', () => {
  it('resolves an arXiv source, keeping the DOI arXiv knows, and caches it', async () => {
    const metadata = await resolveSource(arxivSource, options())
    expect(metadata).toMatchObject({ arxiv: '2003.10555', version: 'v2', doi: '10.5555/example.2020.17' })
    expect((await readCached(dir, arxivSource))?.metadata).toEqual(metadata)
    expect(notices).toEqual([])
  })

  it('resolves a DOI source through the DOI base URL', async () => {
    const metadata = await resolveSource(doiSource, options())
    expect(metadata).toMatchObject({ doi: '10.5555/example.2020.17', venue: 'Journal of Worked Examples' })
    expect(server.requests.map((r) => r.url)).toEqual(['/doi/10.5555%2Fexample.2020.17'])
  })

  it('--offline answers from the cache without touching the network', async () => {
    const online = await resolveSource(arxivSource, options())
    const before = server.requests.length
    expect(await resolveSource(arxivSource, options({ offline: true }))).toEqual(online)
    expect(server.requests.length).toBe(before)
  })

  it('--offline with nothing cached is a NetworkError and no request', async () => {
    const error = await resolveSource(doiSource, options({ offline: true })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NetworkError)
    expect((error as Error).message).toBe(
      'DOI 10.5555/example.2020.17 is not in the metadata cache, and --offline keeps precis off the network',
    )
    expect(server.requests).toEqual([])
  })

  it('falls back to the cache, saying so, when the service fails', async () => {
    const online = await resolveSource(arxivSource, options())
    reply = () => ({ status: 503, body: 'Rate exceeded.' })
    expect(await resolveSource(arxivSource, options())).toEqual(online)
    expect(notices).toEqual([
      'arXiv is rate-limiting requests (tried 2 times); try again in a minute; using the metadata cached on 2024-03-01',
    ])
  })

  it('does not mask "not found" with a cached copy', async () => {
    await resolveSource(arxivSource, options())
    reply = () => ({ body: fixture('arxiv/error.xml') })
    await expect(resolveSource(arxivSource, options())).rejects.toThrow(NotFoundError)
  })

  it('fails clearly when the service fails and nothing is cached', async () => {
    reply = () => ({ status: 500 })
    await expect(resolveSource(doiSource, options())).rejects.toThrow('doi.org answered HTTP 500 (tried 2 times)')
  })

  it('still returns the metadata when the cache cannot be written', async () => {
    const file = join(dir, 'not-a-folder')
    await writeFile(file, '')
    const metadata = await resolveSource(arxivSource, options({ env: { ...options().env, PRECIS_CACHE_DIR: file } }))
    expect(metadata.arxiv).toBe('2003.10555')
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatch(/^Could not write the metadata cache in /)
  })
})

describe('describeSource', () => {
  it.each<[Source, string]>([
    [{ kind: 'arxiv', id: '2003.10555', version: 'v2' }, 'arXiv:2003.10555v2'],
    [{ kind: 'arxiv', id: 'math/0501234', version: null }, 'arXiv:math/0501234'],
    [{ kind: 'doi', doi: '10.1000/x' }, 'DOI 10.1000/x'],
  ])('%j → %s', (source, expected) => {
    expect(describeSource(source)).toBe(expected)
  })
})

describe('sourceOfPaper', () => {
  it.each<[{ arxiv: string | null; doi: string | null }, Source | null]>([
    [
      { arxiv: '2003.10555', doi: '10.5555/X' },
      { kind: 'doi', doi: '10.5555/x' },
    ],
    [
      { arxiv: '2003.10555v3', doi: null },
      { kind: 'arxiv', id: '2003.10555', version: null },
    ],
    [
      { arxiv: 'math/0501234', doi: null },
      { kind: 'arxiv', id: 'math/0501234', version: null },
    ],
    [
      { arxiv: null, doi: '10.48550/arXiv.2003.10555' },
      { kind: 'arxiv', id: '2003.10555', version: null },
    ],
    [{ arxiv: 'not an id', doi: 'nor this' }, null],
    [{ arxiv: null, doi: null }, null],
  ])('%j → %j', (paper, expected) => {
    expect(sourceOfPaper(paper)).toEqual(expected)
  })
})

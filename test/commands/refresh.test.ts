import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import type { Paper } from '../../src/core/model.js'
import { fixture } from '../unit/sources/fixtures.js'
import { startServer, type Reply, type TestServer } from '../unit/sources/server.js'
import { libraryOf, paper, summary } from '../support/library.js'
import { tempDir, testContext, type TestContextOptions } from '../support/context.js'

let server: TestServer
let reply: (url: URL) => Reply
let cacheDir: string

beforeEach(async () => {
  cacheDir = tempDir('precis-cache-')
  reply = (url) => (url.pathname === '/api/query' ? { body: fixture('arxiv/old-style.xml') } : { body: fixture('doi/article.json') })
  server = await startServer((url) => reply(url))
})
afterEach(() => server.close())

const stale = paper({
  key: 'cruz2005count',
  title: 'On the count of lattice  points',
  authors: ['S. de la Cruz'],
  year: 2005,
  venue: 'My notes',
  arxiv: 'math/0501234',
  category: 'math.NT',
  url: 'https://example.org/mine',
})

function context(papers: Paper[], options: TestContextOptions = {}) {
  return testContext({
    library: libraryOf(
      papers,
      papers.map((p) => summary({ id: p.key, paper: p.key })),
    ),
    ...options,
    env: { PRECIS_ARXIV_URL: `${server.origin}/api/query`, PRECIS_DOI_URL: `${server.origin}/doi`, PRECIS_CACHE_DIR: cacheDir },
  })
}

const DIFF =
  'title\n  - On the count of lattice  points\n  + On the Count of Lattice Points\n' +
  'authors\n  - S. de la Cruz\n  + Sofía de la Cruz\n' +
  'abstract\n  - (none)\n  + We count lattice points in dilates of a convex body.\n'

describe('refresh', () => {
  it('shows the changes and applies them with --yes; keeps the key, the venue and the URL', async () => {
    const ctx = context([stale])
    expect(await main(['refresh', 'cruz', '--yes'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe(DIFF)
    expect(ctx.stderr()).toBe('Updated cruz2005count: title, authors, abstract\n')
    expect((await ctx.store.read()).papers).toEqual([
      {
        ...stale,
        title: 'On the Count of Lattice Points',
        authors: ['Sofía de la Cruz'],
        abstract: 'We count lattice points in dilates of a convex body.',
      },
    ])
    expect(server.requests.map((r) => r.url)).toEqual(['/api/query?id_list=math%2F0501234'])
  })

  it('without a terminal and without --yes, changes nothing (exit 2)', async () => {
    const ctx = context([stale])
    expect(await main(['refresh', 'cruz2005count'], ctx)).toBe(2)
    expect(ctx.stdout()).toBe(DIFF)
    expect(ctx.stderr()).toContain('--yes')
    expect((await ctx.store.read()).papers).toEqual([stale])
  })

  it.each([
    [true, 0],
    [false, 130],
  ])('in a terminal asks first (answer %s → exit %d)', async (answer, code) => {
    const ctx = context([stale], { tty: true, answers: { confirm: answer } })
    expect(await main(['refresh', 'cruz2005count'], ctx)).toBe(code)
    expect(ctx.asked).toEqual(['confirm'])
    expect((await ctx.store.read()).papers[0]?.title).toBe(answer ? 'On the Count of Lattice Points' : stale.title)
  })

  it('says when nothing changed, without asking', async () => {
    const current = {
      ...stale,
      title: 'On the Count of Lattice Points',
      authors: ['Sofía de la Cruz'],
      abstract: 'We count lattice points in dilates of a convex body.',
    }
    const ctx = context([current], { tty: true })
    expect(await main(['refresh', 'cruz2005count'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('')
    expect(ctx.stderr()).toBe('cruz2005count already matches arXiv:math/0501234\n')
  })

  it('uses the DOI when the paper has one, and fills what the paper lacks', async () => {
    const published = paper({
      key: 'ashworth2020learned',
      title: 'Learned Messages for Small Molecules',
      year: 2020,
      doi: '10.5555/example.2020.17',
      arxiv: '2003.10555',
      authors: ['Kim Ashworth'],
    })
    const ctx = context([published])
    expect(await main(['refresh', 'ashworth2020learned', '--yes'], ctx)).toBe(0)
    expect(server.requests.map((r) => r.url)).toEqual(['/doi/10.5555%2Fexample.2020.17'])
    expect((await ctx.store.read()).papers[0]).toMatchObject({
      key: 'ashworth2020learned',
      venue: 'Journal of Worked Examples',
      url: 'https://doi.org/10.5555/example.2020.17',
      arxiv: '2003.10555',
    })
  })

  it('notes when the DOI it gained belongs to another paper too', async () => {
    reply = () => ({ body: fixture('arxiv/entry.xml') })
    const preprint = paper({ key: 'ashworth2020pretraining', arxiv: '2003.10555' })
    const published = paper({ key: 'ashworth2021pretraining', doi: '10.5555/example.2020.17' })
    const ctx = context([preprint, published])
    expect(await main(['refresh', 'ashworth2020pretraining', '--yes'], ctx)).toBe(0)
    expect(ctx.stderr()).toContain('Note: ashworth2021pretraining has the same DOI; it may be the same paper')
  })

  it('a paper without arXiv id or DOI is a usage error', async () => {
    const ctx = context([paper({ key: 'lovelace1843notes' })])
    expect(await main(['refresh', 'lovelace1843notes'], ctx)).toBe(2)
    expect(ctx.stderr()).toContain('lovelace1843notes has no arXiv id or DOI to refresh from')
    expect(server.requests).toEqual([])
  })

  it('--offline works from the cache and never touches the network', async () => {
    await main(['refresh', 'cruz2005count', '--yes'], context([stale]))
    const before = server.requests.length
    const ctx = context([stale])
    expect(await main(['refresh', 'cruz2005count', '--offline', '--yes'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe(DIFF)
    expect(server.requests.length).toBe(before)
  })

  it('--json prints the changes as data', async () => {
    const ctx = context([stale])
    expect(await main(['--json', 'refresh', 'cruz2005count', '--yes'], ctx)).toBe(0)
    expect(JSON.parse(ctx.stdout())).toEqual({
      key: 'cruz2005count',
      source: 'arXiv:math/0501234',
      changes: [
        { field: 'title', before: 'On the count of lattice  points', after: 'On the Count of Lattice Points' },
        { field: 'authors', before: ['S. de la Cruz'], after: ['Sofía de la Cruz'] },
        { field: 'abstract', before: null, after: 'We count lattice points in dilates of a convex body.' },
      ],
    })
  })

  it('an unknown handle is exit 3', async () => {
    const ctx = context([stale])
    expect(await main(['refresh', 'nobody'], ctx)).toBe(3)
  })
})

import { describe, expect, it } from 'vitest'
import { NetworkError, NotFoundError } from '../../../src/core/errors.js'
import { fetchArxiv, parseArxivFeed } from '../../../src/sources/arxiv.js'
import { fixture } from './fixtures.js'
import { serverPerTest, type Reply } from './server.js'

const serve = serverPerTest((origin) => ({ PRECIS_ARXIV_URL: `${origin}/api/query` }), 100)

const atom = (name: string): Reply => ({ body: fixture(`arxiv/${name}`), headers: { 'content-type': 'application/atom+xml' } })

describe('parseArxivFeed', () => {
  it('reads a normal entry: wrapped text collapsed, version kept apart, first DOI, journal-ref', () => {
    expect(parseArxivFeed(fixture('arxiv/entry.xml'), '2003.10555')).toEqual({
      title: 'Pretraining Text Encoders as Discriminators: Replaced Token Detection for Sample-Efficient Learning',
      authors: ['Kim Ashworth', 'Jan van der Berg', 'Zoë Ångström'],
      year: 2020,
      venue: 'Proceedings of the Example Conference on Learning (2020)',
      arxiv: '2003.10555',
      doi: '10.5555/example.2020.17',
      url: 'https://arxiv.org/abs/2003.10555',
      abstract:
        'Masked language models corrupt their input and learn to restore it, which spends most of the compute on ' +
        'tokens that were never masked. We instead train a discriminator that tells original tokens from plausible ' +
        'replacements proposed by a small generator. The discriminator learns from every position, and at equal ' +
        'compute it beats the masked model on a suite of understanding tasks.',
      primaryCategory: 'cs.CL',
      version: 'v2',
      journalRef: 'Proceedings of the Example Conference on Learning (2020)',
    })
  })

  it('reads an old-style id with no DOI or journal-ref', () => {
    const metadata = parseArxivFeed(fixture('arxiv/old-style.xml'), 'math/0501234')
    expect(metadata).toMatchObject({
      title: 'On the Count of Lattice Points',
      authors: ['Sofía de la Cruz'],
      year: 2005,
      arxiv: 'math/0501234',
      doi: null,
      venue: null,
      journalRef: null,
      primaryCategory: 'math.NT',
      version: 'v1',
      url: 'https://arxiv.org/abs/math/0501234',
    })
  })

  it('reads HTML and entities in titles and journal references as text, leaving abstracts as written', () => {
    expect(parseArxivFeed(fixture('arxiv/markup.xml'), 'math/0501234')).toMatchObject({
      title: 'Growth of MoS₂ & WSe₂ on x<y substrates',
      authors: ['Sofía de la Cruz', '{The ATLAS Collaboration}'],
      venue: 'Phys. Rev. B 7 (2005) & Errata',
      abstract: 'Bounds for $a<b$ and $b>c$ stay as written.',
    })
  })

  it('strips controls and bidi marks from every stored string and drops what is not valid', () => {
    const metadata = parseArxivFeed(fixture('arxiv/hostile.xml'), '2003.10555')
    expect(metadata.title).toBe('Harmless[2J Title gnp.exe with marks')
    expect(metadata.abstract).toBe('Bell and C1 controls31m inside.')
    expect(metadata.authors).toEqual(['__proto__', 'constructor', 'Isolated Name'])
    expect(metadata.primaryCategory).toBeNull()
    expect(metadata.doi).toBeNull()
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype)
  })

  it.each([
    ['the Error entry arXiv sends with HTTP 200', 'error.xml', /arXiv has no paper 2003\.10555/],
    ['an empty feed (unknown id)', 'empty.xml', /arXiv has no paper 2003\.10555/],
    ['an entry with nothing in it', 'hollow-entry.xml', /arXiv has no paper 2003\.10555/],
  ])('treats %s as not found', (_what, file, message) => {
    expect(() => parseArxivFeed(fixture(`arxiv/${file}`), '2003.10555')).toThrow(NotFoundError)
    expect(() => parseArxivFeed(fixture(`arxiv/${file}`), '2003.10555')).toThrow(message)
  })

  it("passes arXiv's own words on with the Error entry", () => {
    const error = captureError(() => parseArxivFeed(fixture('arxiv/error.xml'), '2003.10555'))
    expect(error.details).toEqual(['arXiv says: incorrect id format for 2003.10555'])
  })

  it.each([
    ['truncated XML', 'malformed.xml', /cannot parse/],
    ['an element named __proto__', 'proto-element.xml', /cannot parse/],
    ['an entry about another paper', 'different-paper.xml', /different paper/],
  ])('rejects %s with a NetworkError', (_what, file, message) => {
    expect(() => parseArxivFeed(fixture(`arxiv/${file}`), '2003.10555')).toThrow(NetworkError)
    expect(() => parseArxivFeed(fixture(`arxiv/${file}`), '2003.10555')).toThrow(message)
  })

  it.each([
    ['an HTML page', '<!doctype html><html><body>Maintenance</body></html>'],
    ['plain text', 'Service Unavailable'],
    ['an XML document that is not a feed', '<?xml version="1.0"?><rss><channel/></rss>'],
    ['an entry without an id', '<feed><entry><title>x</title></entry></feed>'],
  ])('rejects %s', (_what, body) => {
    expect(() => parseArxivFeed(body, '2003.10555')).toThrow(NetworkError)
  })
})

describe('fetchArxiv over HTTP', () => {
  it('asks for the id (with the version when given) and reads the answer', async () => {
    const { server, options } = await serve(() => atom('entry.xml'))
    const metadata = await fetchArxiv('2003.10555', 'v2', options)
    expect(metadata.title).toMatch(/^Pretraining Text Encoders/)
    expect(server.requests).toHaveLength(1)
    expect(server.requests[0]!.url).toBe('/api/query?id_list=2003.10555v2')
    expect(server.requests[0]!.headers['user-agent']).toMatch(/^precis\//)
  })

  it('asks for an old-style id as is', async () => {
    const { server, options } = await serve(() => atom('old-style.xml'))
    await fetchArxiv('math/0501234', null, options)
    expect(new URL(server.requests[0]!.url, server.origin).searchParams.get('id_list')).toBe('math/0501234')
  })

  it('retries "Rate exceeded." with growing back-off, then succeeds', async () => {
    const { server, waits, options } = await serve((_url, n) => (n <= 2 ? { status: 503, body: 'Rate exceeded.' } : atom('entry.xml')))
    const metadata = await fetchArxiv('2003.10555', null, options)
    expect(metadata.arxiv).toBe('2003.10555')
    expect(server.requests).toHaveLength(3)
    expect(waits).toEqual([300, 600]) // three times the back-off: arXiv asks for 3 s between requests
  })

  it('treats "Rate exceeded." as throttling even with HTTP 200', async () => {
    const { server, options } = await serve((_url, n) => (n === 1 ? { body: 'Rate exceeded.\n' } : atom('entry.xml')))
    await fetchArxiv('2003.10555', null, options)
    expect(server.requests).toHaveLength(2)
  })

  it('honours Retry-After', async () => {
    const { waits, options } = await serve((_url, n) => (n === 1 ? { status: 429, headers: { 'retry-after': '7' } } : atom('entry.xml')))
    await fetchArxiv('2003.10555', null, options)
    expect(waits).toEqual([7000])
  })

  it('gives up on persistent 5xx after a few tries with a clear error', async () => {
    const { server, waits, options } = await serve(() => ({ status: 500, body: 'oops' }))
    const error = await fetchArxiv('2003.10555', null, options).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NetworkError)
    expect((error as Error).message).toBe('arXiv answered HTTP 500 (tried 3 times); try again in a minute')
    expect(server.requests).toHaveLength(3)
    expect(waits).toEqual([100, 200])
  })

  it('gives up on persistent throttling naming it', async () => {
    const { options } = await serve(() => ({ status: 503, body: 'Rate exceeded.' }))
    await expect(fetchArxiv('2003.10555', null, { ...options, attempts: 2 })).rejects.toThrow(
      'arXiv is rate-limiting requests (tried 2 times)',
    )
  })

  it('maps the Error entry and 404 to NotFoundError without retrying', async () => {
    const { server, options } = await serve((url) => (url.pathname === '/api/query' ? atom('error.xml') : { status: 404 }))
    await expect(fetchArxiv('2003.10555', null, options)).rejects.toThrow(NotFoundError)
    await expect(fetchArxiv('2003.10555', null, { ...options, env: { PRECIS_ARXIV_URL: `${server.origin}/gone` } })).rejects.toThrow(
      NotFoundError,
    )
    expect(server.requests).toHaveLength(2)
  })

  it('times out a server that never answers', async () => {
    const { options } = await serve(() => ({ hang: true }))
    await expect(fetchArxiv('2003.10555', null, { ...options, timeoutMs: 150 })).rejects.toThrow('arXiv did not answer within 150 ms')
  })

  it('says the service is unreachable when nothing listens', async () => {
    const { server: closed, options } = await serve(() => atom('entry.xml'))
    await closed.close()
    await expect(fetchArxiv('2003.10555', null, options)).rejects.toThrow('could not reach arXiv (connection refused)')
  })

  it('passes on the reason fetch hides behind "fetch failed"', async () => {
    // Port 9 is on fetch's list of ports it refuses to use.
    await expect(fetchArxiv('2003.10555', null, { env: { PRECIS_ARXIV_URL: 'http://127.0.0.1:9/api/query' } })).rejects.toThrow(
      'could not reach arXiv (bad port)',
    )
  })

  it('refuses an absurdly large answer', async () => {
    const { options } = await serve(() => ({ body: Buffer.alloc(6 * 1024 * 1024, 0x20) }))
    await expect(fetchArxiv('2003.10555', null, options)).rejects.toThrow(/sent more than 5 MiB/)
  })

  it('reports other HTTP statuses as failures', async () => {
    const { options } = await serve(() => ({ status: 403, body: 'forbidden' }))
    await expect(fetchArxiv('2003.10555', null, options)).rejects.toThrow('arXiv answered HTTP 403')
  })
})

function captureError(fn: () => unknown): NotFoundError {
  try {
    fn()
  } catch (error) {
    return error as NotFoundError
  }
  throw new Error('expected a throw')
}

import { describe, expect, it } from 'vitest'
import { NetworkError, NotFoundError } from '../../../src/core/errors.js'
import { fetchDoi, jatsToText, parseCslJson } from '../../../src/sources/doi.js'
import { fixture } from './fixtures.js'
import { serverPerTest, type Reply } from './server.js'

const CSL_JSON = 'application/vnd.citationstyles.csl+json'

const serve = serverPerTest((origin) => ({ PRECIS_DOI_URL: origin }), 10)

describe('parseCslJson', () => {
  it.each<[string, Record<string, unknown>, string[] | undefined]>([
    ['nothing over a limit', {}, undefined],
    ['a long title', { title: 'T'.repeat(1001) }, ['title']],
    ['a long venue and abstract', { 'container-title': 'V'.repeat(501), abstract: 'A'.repeat(20_001) }, ['venue', 'abstract']],
    ['a long name', { author: [{ family: 'F'.repeat(300), given: 'Ann' }] }, ['authors']],
    ['too many names', { author: Array.from({ length: 5001 }, (_, i) => ({ family: `F${i}`, given: 'Ann' })) }, ['authors']],
  ])('says which fields it cut: %s', (_what, fields, shortened) => {
    const csl = {
      type: 'article-journal',
      title: 'A Title',
      author: [{ family: 'Doe', given: 'Ann' }],
      issued: { 'date-parts': [[2020]] },
      ...fields,
    }
    expect(parseCslJson(JSON.stringify(csl), '10.5555/x').shortened).toEqual(shortened)
  })

  it('maps a Crossref-style record to our fields', () => {
    expect(parseCslJson(fixture('doi/article.json'), '10.5555/example.2020.17')).toEqual({
      title: 'Learned Messages for Small Molecules',
      authors: [
        'Kim Ashworth',
        'van der Berg, Jan',
        'García Márquez, Gabriela',
        'Luther, Jr., Martin',
        '{The Example Consortium}',
        'Plato',
      ],
      year: 2020,
      venue: 'Journal of Worked Examples',
      arxiv: null,
      doi: '10.5555/example.2020.17',
      url: 'https://doi.org/10.5555/example.2020.17',
      abstract:
        'Abstract reasoning over graphs needs a message between every pair of neighbours. We show that H2O and ' +
        'other small molecules are predicted within chemical accuracy & at a fraction of the cost when a ' +
        '<learned> readout is used. Code is released.',
      primaryCategory: null,
      version: null,
      journalRef: null,
    })
  })

  it('reads markup and entities in titles, venues and names as text, organisations as one name', () => {
    expect(parseCslJson(fixture('doi/markup.json'), '10.5555/markup.2021.3')).toMatchObject({
      title: 'Ferroelectric HfO₂ films and H⁺ transport in Drosophila: the Cas9 case of T_c <100 K',
      authors: ['Ana González', '{ATLAS Collaboration}', '{Hen Dotan, Nripan Mathews}', '{CMS Collaboration}'],
      venue: 'Child Abuse & Neglect',
    })
  })

  it('accepts a minimal record: list title, year from a raw date, no authors, a doi.org URL made up', () => {
    expect(parseCslJson(fixture('doi/minimal.json'), '10.5555/book.1')).toMatchObject({
      title: 'A Book With a List Title',
      authors: [],
      year: 1987,
      venue: null,
      abstract: null,
      url: 'https://doi.org/10.5555/book.1',
    })
  })

  it('cleans hostile strings and refuses unsafe URLs', () => {
    const metadata = parseCslJson(fixture('doi/hostile.json'), '10.5555/evil')
    expect(metadata.title).toBe('Evil[2J]8;;https://attacker.examplelink]8;; txt.exe title')
    expect(metadata.authors).toEqual(['Ann __proto__', 'Bob Smith'])
    expect(metadata.venue).toBe('Journal of Tricks')
    expect(metadata.url).toBe('https://doi.org/10.5555/evil')
    // Numeric entities naming no character read as the replacement character.
    expect(metadata.abstract).toBe('Text [31m red \ufffd \ufffd &bogus; end')
    expect(metadata.year).toBeNull()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.keys(metadata)).not.toContain('__proto__')
  })

  it.each([
    ['malformed JSON', 'doi/malformed.json', /not JSON/],
    ['the wrong shape', 'doi/wrong-shape.json', /cannot read/],
    ['a record without a title', 'doi/no-title.json', /record precis cannot use/],
  ])('rejects %s with a NetworkError, never half a record', (_what, file, message) => {
    expect(() => parseCslJson(fixture(file), '10.5555/x')).toThrow(NetworkError)
    expect(() => parseCslJson(fixture(file), '10.5555/x')).toThrow(message)
  })
})

describe('jatsToText', () => {
  it.each([
    ['<jats:p>One</jats:p><jats:p>Two</jats:p>', ' One  Two '],
    ['<jats:title>Abstract</jats:title><jats:p>Abstract algebra</jats:p>', '  Abstract algebra '],
    ['<jats:sec><jats:title>Background</jats:title><jats:p>x</jats:p></jats:sec>', '  Background  x  '],
    ['CO<sub>2</sub> and <jats:italic>in vivo</jats:italic>', 'CO2 and in vivo'],
    ['a < b and c > d', 'a < b and c > d'],
    ['&lt;tag&gt; &amp;amp; &#233;&#xE9; &copy;', '<tag> &amp; éé ©'],
  ])('%j → %j', (input, expected) => {
    expect(jatsToText(input)).toBe(expected)
  })
})

describe('fetchDoi over HTTP', () => {
  it('asks for CSL-JSON, follows the registry redirect and reads the answer', async () => {
    const { server, options } = await serve((url): Reply => {
      if (url.pathname === '/10.5555%2Fexample.2020.17') return { status: 302, headers: { location: '/works/17/transform' } }
      return { body: fixture('doi/article.json'), headers: { 'content-type': CSL_JSON } }
    })
    const metadata = await fetchDoi('10.5555/example.2020.17', options)
    expect(metadata.title).toBe('Learned Messages for Small Molecules')
    expect(server.requests.map((r) => r.url)).toEqual(['/10.5555%2Fexample.2020.17', '/works/17/transform'])
    expect(server.requests.every((r) => r.headers.accept === CSL_JSON)).toBe(true)
  })

  it('encodes characters that would change the URL', async () => {
    const { server, options } = await serve(() => ({ body: fixture('doi/minimal.json') }))
    await fetchDoi('10.1002/(sici)1097-4571(199806)49:8<693::aid-asi4>3.0.co;2-0#x?y', options)
    expect(server.requests[0]!.url).toBe('/10.1002%2F(sici)1097-4571(199806)49%3A8%3C693%3A%3Aaid-asi4%3E3.0.co%3B2-0%23x%3Fy')
  })

  it.each([
    ['10.1234/../../admin?x=1', '/doi/10.1234%2F..%2F..%2Fadmin%3Fx%3D1'],
    ['10.1234/%2e%2e/%2E%2E/admin', '/doi/10.1234%2F%252e%252e%2F%252E%252E%2Fadmin'],
    ['10.1234/a#frag', '/doi/10.1234%2Fa%23frag'],
    ['10.1234/100%', '/doi/10.1234%2F100%25'],
  ])('keeps %j inside one path segment under the base URL', async (doi, path) => {
    const { server, options } = await serve(() => ({ body: fixture('doi/minimal.json') }))
    // The reply may still be refused (a DOI with `..` segments is no identifier to store): the request is what counts here.
    await Promise.allSettled([fetchDoi(doi, { ...options, env: { PRECIS_DOI_URL: `${server.origin}/doi` } })])
    expect(server.requests.map((r) => r.url)).toEqual([path])
  })

  it('stores a doi.org link whose reserved characters are encoded', async () => {
    const { options } = await serve(() => ({ body: fixture('doi/minimal.json') }))
    expect((await fetchDoi('10.1234/a?b#c', options)).url).toBe('https://doi.org/10.1234/a%3Fb%23c')
  })

  it.each<[string, Reply, RegExp, typeof NetworkError | typeof NotFoundError]>([
    ['404 as not found', { status: 404, body: 'DOI Not Found' }, /No paper is registered under DOI 10\.5555\/x/, NotFoundError],
    ['406 as no metadata offered', { status: 406 }, /offers no citation metadata/, NetworkError],
    ['an HTML page as unreadable', { body: '<html><body>Landing page</body></html>' }, /not JSON/, NetworkError],
    ['persistent 503 as a clear failure', { status: 503 }, /doi\.org answered HTTP 503 \(tried 3 times\)/, NetworkError],
  ])('reports %s', async (_what, reply, message, type) => {
    const { options } = await serve(() => reply)
    const error = await fetchDoi('10.5555/x', options).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(type)
    expect((error as Error).message).toMatch(message)
  })

  it('retries a transient 502', async () => {
    const { waits, options } = await serve((_url, n) => (n === 1 ? { status: 502 } : { body: fixture('doi/minimal.json') }))
    expect((await fetchDoi('10.5555/book.1', options)).title).toBe('A Book With a List Title')
    expect(waits).toEqual([10])
  })

  it('times out a slow registry', async () => {
    const { options } = await serve(() => ({ hang: true }))
    await expect(fetchDoi('10.5555/x', { ...options, timeoutMs: 100 })).rejects.toThrow('doi.org did not answer within 100 ms')
  })
})

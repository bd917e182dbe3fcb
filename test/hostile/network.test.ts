import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { libraryOf, paper } from '../support/library.js'
import { tempDir } from '../support/context.js'
import { startServer, type Reply, type TestServer } from '../unit/sources/server.js'
import { fingerprint, readLibraryFile, writeLibraryFile } from './support/files.js'
import { precisRun } from './support/in-process.js'
import { type RunResult } from './support/precis.js'

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const CSL_JSON = { type: 'article', title: 'A Paper', author: [{ given: 'Ann', family: 'Author' }], issued: { 'date-parts': [[2021]] } }
const ATOM_TITLE = (title: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2003.10555v1</id>` +
  `<title>${title}</title><author><name>Ann Author</name></author><published>2020-03-23T00:00:00Z</published></entry></feed>`

/**
 * precis run against a local arXiv and DOI service answering `reply`, on a library in a fresh folder:
 * main() in this process, or the built binary when `spawned` (the first case of each describe and table, so that
 * exit codes and messages are still checked across the process boundary).
 */
async function against(reply: (url: URL, n: number) => Reply, spawned = false) {
  server = await startServer(reply)
  const dir = tempDir('precis-network-')
  const library = join(dir, 'library.json')
  const env = {
    HOME: dir,
    PRECIS_CACHE_DIR: join(dir, 'cache'),
    PRECIS_ARXIV_URL: `${server.origin}/api/query`,
    PRECIS_DOI_URL: `${server.origin}/doi`,
  }
  const run = (args: readonly string[]) => precisRun(library, args, { env, spawned })
  return { server, library, run }
}

/** Failed with `code`, without a crash or an engine's message. */
function expectRefused(result: RunResult, code: number, message: RegExp): void {
  expect(result.signal).toBeNull()
  expect(result.code, result.stderr).toBe(code)
  expect(result.stderr).toMatch(message)
  expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+|fetch failed|URI malformed|TypeError/)
}

describe('a service asking precis to wait', () => {
  it.each([
    ['doi.org, HTTP 429', '10.5555/x', { status: 429, headers: { 'retry-after': '100000' } }],
    ['arXiv, "Rate exceeded."', '2003.10555', { status: 503, body: 'Rate exceeded.', headers: { 'retry-after': '100000' } }],
  ])('Retry-After: 100000 (%s) fails at once saying how long it asked for, after one request', async (_, source, answer) => {
    const { server, library, run } = await against(() => answer, true)
    const result = await run(['add', source, '--body', 'x'])
    expectRefused(result, 1, /asks to wait 100000 s \(about 28 hours\) before trying again; try again later/)
    expect(server.requests).toHaveLength(1)
    expect(existsSync(library)).toBe(false)
  })

  it('a service failing with HTTP 500 is asked three times, each wait announced', async () => {
    const { server, run } = await against(() => ({ status: 500 }))
    const result = await run(['add', '10.5555/x', '--body', 'x'])
    expectRefused(result, 1, /doi\.org answered HTTP 500 \(tried 3 times\)/)
    expect(result.stderr).toContain('doi.org answered HTTP 500; trying again in 1 s\n')
    expect(result.stderr).toContain('doi.org answered HTTP 500; trying again in 2 s\n')
    expect(server.requests).toHaveLength(3)
  })
})

/** Sources that are no arXiv id or DOI; the first is checked in a spawned run. */
const USAGE_ERRORS = [
  ['a traversal DOI', '10.1234/../../admin?x=1'],
  ['a DOI with a control character', '10.1234/a\u0001b'],
  ['a DOI with an escape sequence', '10.1234/\u001b[31mred'],
  ['a DOI with a space', '10.1234/a b'],
  ['a DOI without the 10. prefix', '11.1234/abc'],
  ['text', 'not an id'],
  ['an arXiv id with a space', '2003. 10555'],
] as const

describe('identifiers that would change the request', () => {
  it('a DOI with reserved characters reaches the service as one encoded path segment', async () => {
    const { server, run } = await against(() => ({ body: JSON.stringify(CSL_JSON) }), true)
    const result = await run(['add', '10.1234/admin?x=1#top%2e', '--body', 'x'])
    expect(result.code, result.stderr).toBe(0)
    expect(server.requests.map((r) => r.url)).toEqual(['/doi/10.1234%2Fadmin%3Fx%3D1%23top%252e'])
  })

  it.each(USAGE_ERRORS)('%s is a usage error before any request', async (_, source) => {
    const { server, library, run } = await against(() => ({ body: JSON.stringify(CSL_JSON) }), source === USAGE_ERRORS[0][1])
    expectRefused(await run(['add', source, '--body', 'x']), 2, /is not an arXiv id or a DOI/)
    expect(server.requests).toEqual([])
    expect(existsSync(library)).toBe(false)
  })

  it('a source of absurd length is a usage error naming its length, not echoing it', async () => {
    const { server, run } = await against(() => ({ body: JSON.stringify(CSL_JSON) }))
    const result = await run(['add', `10.1234/${'x'.repeat(100_000)}`, '--body', 'x'])
    expectRefused(result, 2, /^precis: The source is 100008 characters long; an arXiv id or DOI has at most 1000\n$/)
    expect(server.requests).toEqual([])
  })

  it('a stored traversal DOI is not sent by refresh', async () => {
    const { server, library, run } = await against(() => ({ body: JSON.stringify(CSL_JSON) }))
    writeLibraryFile(library, libraryOf([paper({ key: 'evil2020', doi: '10.1234/../../admin?x=1' })]))
    const before = fingerprint(library)
    expectRefused(
      await run(['refresh', 'evil2020', '--yes']),
      2,
      /has no arXiv id or DOI to refresh from \(its DOI is not one precis can look up\)/,
    )
    expect(server.requests).toEqual([])
    expect(fingerprint(library)).toBe(before)
  })
})

describe('hostile replies', () => {
  it('a redirect to a file: address is refused with the reason', async () => {
    const { run } = await against(() => ({ status: 302, headers: { location: 'file:///etc/passwd' } }), true)
    expectRefused(
      await run(['add', '10.5555/x', '--body', 'x']),
      1,
      /doi\.org redirected precis to a file: address; precis follows only http and https/,
    )
  })

  it('an endless redirect chain is given up', async () => {
    const { server, run } = await against((_url, n) => ({ status: 302, headers: { location: `/doi/loop${n}` } }))
    expectRefused(await run(['add', '10.5555/x', '--body', 'x']), 1, /doi\.org redirected precis more than 5 times/)
    expect(server.requests).toHaveLength(6)
  })

  it('a body over the size limit is not read', async () => {
    const { run } = await against(() => ({ body: Buffer.alloc(6 * 1024 * 1024, 0x20) }))
    expectRefused(await run(['add', '2003.10555', '--body', 'x']), 1, /arXiv sent more than 5 MiB; refusing to read it/)
  })

  it('an HTML page where CSL-JSON was asked for is named as such', async () => {
    const { run } = await against(() => ({ headers: { 'content-type': 'text/html' }, body: '<html><body>Landing</body></html>' }))
    expectRefused(await run(['add', '10.5555/x', '--body', 'x']), 1, /doi\.org sent something that is not JSON/)
  })

  it('a file: link in the reply is not stored; the doi.org link is', async () => {
    const { library, run } = await against(() => ({ body: JSON.stringify({ ...CSL_JSON, URL: 'file:///etc/passwd' }) }))
    const result = await run(['add', '10.5555/x', '--body', 'x'])
    expect(result.code, result.stderr).toBe(0)
    expect(readLibraryFile(library).papers[0]?.url).toBe('https://doi.org/10.5555/x')
  })

  it('a 4.9 MB arXiv title is cut to 1000 characters with a message, and the library reads', async () => {
    const { library, run } = await against(() => ({ body: ATOM_TITLE('T'.repeat(4_900_000)) }))
    const result = await run(['add', '2003.10555', '--body', 'x'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain('arXiv sent more than precis keeps; cut to its limits, marked with …: title (1000 characters)')
    const stored = JSON.parse(readFileSync(library, 'utf8')) as { papers: { title: string; key: string }[] }
    expect(Array.from(stored.papers[0]!.title)).toHaveLength(1000)
    expect(stored.papers[0]!.key.length).toBeLessThanOrEqual(200)
    expect((await run(['list'])).code).toBe(0)
  })

  it("a DOI in an arXiv reply that would change a URL's path is not stored", async () => {
    const feed = ATOM_TITLE('A Paper').replace(
      '</entry>',
      '<arxiv:doi xmlns:arxiv="http://arxiv.org/schemas/atom">10.1234/../../admin</arxiv:doi></entry>',
    )
    const { library, run } = await against(() => ({ body: feed }))
    const result = await run(['add', '2003.10555', '--body', 'x'])
    expect(result.code, result.stderr).toBe(0)
    expect(readLibraryFile(library).papers[0]?.doi).toBeNull()
  })
})

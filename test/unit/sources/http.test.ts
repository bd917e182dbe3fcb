import { describe, expect, it } from 'vitest'
import { NetworkError } from '../../../src/core/errors.js'
import { describeWait, getWithRetry, MAX_BODY_BYTES, parseRetryAfter, type HttpOptions } from '../../../src/sources/http.js'
import { serverPerTest, type Reply } from './server.js'

const serve = serverPerTest(() => ({}), 1)
const NOW = new Date('2026-11-26T12:00:00Z')

/** A server answering `reply`, and options that record waits and notices instead of waiting. */
async function setUp(reply: (url: URL, n: number) => Reply, overrides: HttpOptions = {}) {
  // precis's own back-off, so the waits below are the real schedule.
  const {
    server,
    waits,
    options: { backoffMs: _backoff, ...options },
  } = await serve(reply)
  const notices: string[] = []
  const get = (path = '/x') =>
    getWithRetry(`${server.origin}${path}`, {}, 'doi.org', {
      ...options,
      now: () => NOW,
      notice: (m) => void notices.push(m),
      ...overrides,
    })
  return { server, waits, notices, get }
}

async function failure(promise: Promise<unknown>): Promise<NetworkError> {
  const error = await promise.catch((e: unknown) => e)
  expect(error).toBeInstanceOf(NetworkError)
  return error as NetworkError
}

describe('getWithRetry: waiting', () => {
  it('gives up at once when the service asks for a longer wait than precis allows, saying how long', async () => {
    const { server, waits, get } = await setUp(() => ({ status: 429, headers: { 'retry-after': '100000' } }))
    const error = await failure(get())
    expect(error.message).toBe(
      'doi.org is rate-limiting requests and asks to wait 100000 s (about 28 hours) before trying again; try again later',
    )
    expect(error.details).toEqual(['precis waits at most 10 s for a service.'])
    expect(server.requests).toHaveLength(1)
    expect(waits).toEqual([])
  })

  it('waits what the service asks within the limit, and says so', async () => {
    const { server, waits, notices, get } = await setUp((_url, n) =>
      n === 1 ? { status: 503, headers: { 'retry-after': '8' } } : { body: 'ok' },
    )
    expect((await get()).body).toBe('ok')
    expect(server.requests).toHaveLength(2)
    expect(waits).toEqual([8_000])
    expect(notices).toEqual(['doi.org answered HTTP 503; trying again in 8 s'])
  })

  it('reads a Retry-After date against the clock', async () => {
    const at = new Date(NOW.getTime() + 5_000).toUTCString()
    const { waits, get } = await setUp((_url, n) => (n === 1 ? { status: 429, headers: { 'retry-after': at } } : { body: 'ok' }))
    await get()
    expect(waits).toEqual([5_000])
  })

  it('stops when the waits together would pass the total allowed', async () => {
    const { server, waits, get } = await setUp(() => ({ status: 503, headers: { 'retry-after': '9' } }))
    const error = await failure(get())
    expect(error.message).toBe('doi.org answered HTTP 503 (tried 2 times, waiting 9 s); try again later')
    expect(server.requests).toHaveLength(2)
    expect(waits).toEqual([9_000])
  })

  it('tries a failing service three times, 1 s then 2 s apart, announcing each wait', async () => {
    const { server, waits, notices, get } = await setUp(() => ({ status: 500 }))
    const error = await failure(get())
    expect(error.message).toBe('doi.org answered HTTP 500 (tried 3 times); try again in a minute')
    expect(server.requests).toHaveLength(3)
    expect(waits).toEqual([1_000, 2_000])
    expect(notices).toEqual(['doi.org answered HTTP 500; trying again in 1 s', 'doi.org answered HTTP 500; trying again in 2 s'])
  })

  it('waits 3 s, then 6 s, for a service that says "slow down" without saying how long', async () => {
    const { server, waits, notices, get } = await setUp(() => ({ status: 429 }))
    const error = await failure(get())
    expect(error.message).toBe('doi.org is rate-limiting requests (tried 3 times); try again in a minute')
    expect(server.requests).toHaveLength(3)
    expect(waits).toEqual([3_000, 6_000])
    expect(notices).toEqual([
      'doi.org is rate-limiting requests; trying again in 3 s',
      'doi.org is rate-limiting requests; trying again in 6 s',
    ])
  })

  it('passes a short wait without a notice', async () => {
    const { waits, notices, get } = await setUp((_url, n) => (n === 1 ? { status: 502 } : { body: 'ok' }), { backoffMs: 300 })
    await get()
    expect(waits).toEqual([300])
    expect(notices).toEqual([])
  })
})

describe('getWithRetry: redirects and size', () => {
  it('follows a relative redirect', async () => {
    const { server, get } = await setUp((url) => (url.pathname === '/x' ? { status: 303, headers: { location: '/y' } } : { body: 'there' }))
    expect((await get()).body).toBe('there')
    expect(server.requests.map((r) => r.url)).toEqual(['/x', '/y'])
  })

  it.each([
    ['file:///etc/passwd', 'doi.org redirected precis to a file: address; precis follows only http and https'],
    ['ftp://127.0.0.1/x', 'doi.org redirected precis to a ftp: address; precis follows only http and https'],
    ['javascript:alert(1)', 'doi.org redirected precis to a javascript: address; precis follows only http and https'],
    ['http://[bad', 'doi.org redirected precis to an address that is not a URL'],
  ])('refuses a redirect to %s with a reason', async (location, message) => {
    const { server, get } = await setUp(() => ({ status: 302, headers: { location } }))
    expect((await failure(get())).message).toBe(message)
    expect(server.requests).toHaveLength(1)
  })

  it('gives up on an endless chain of redirects after five', async () => {
    const { server, get } = await setUp((_url, n) => ({ status: 302, headers: { location: `/x?hop=${n}` } }))
    expect((await failure(get())).message).toBe('doi.org redirected precis more than 5 times; giving up')
    expect(server.requests).toHaveLength(6)
  })

  it('refuses a body announced as too large without reading it (the short body sent would hang a reader)', async () => {
    const { get } = await setUp(() => ({ headers: { 'content-length': String(MAX_BODY_BYTES + 1) }, body: 'x'.repeat(10) }))
    expect((await failure(get())).message).toBe('doi.org sent more than 5 MiB; refusing to read it')
  })

  it('refuses a body that grows past the limit', async () => {
    const { get } = await setUp(() => ({ body: Buffer.alloc(MAX_BODY_BYTES + 1, 0x20) }))
    expect((await failure(get())).message).toBe('doi.org sent more than 5 MiB; refusing to read it')
  })
})

describe('parseRetryAfter', () => {
  it.each<[string | null, number | null]>([
    ['7', 7_000],
    [' 0 ', 0],
    ['100000', 100_000_000],
    [new Date(NOW.getTime() + 30_000).toUTCString(), 30_000],
    [new Date(NOW.getTime() - 30_000).toUTCString(), 0],
    [null, null],
    ['', null],
    ['-5', null],
    ['1.5', null],
    ['soon', null],
  ])('%j → %j', (header, expected) => {
    expect(parseRetryAfter(header, NOW)).toBe(expected)
  })
})

describe('describeWait', () => {
  it.each<[number, string]>([
    [1_000, '1 s'],
    [1_500, '2 s'],
    [119_000, '119 s'],
    [600_000, '600 s (about 10 minutes)'],
    [100_000_000, '100000 s (about 28 hours)'],
    [864_000_000, '864000 s (more than two days)'],
    [1e23, 'more than two days'],
  ])('%j ms → %j', (ms, expected) => {
    expect(describeWait(ms)).toBe(expected)
  })
})

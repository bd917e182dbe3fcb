/**
 * One HTTP GET with the politeness and limits every metadata source needs: a timeout per attempt,
 * a cap on the body size, redirects followed only to http(s) and only a few times, and a few quick
 * retries when the service says "slow down" or fails on its side (429, 5xx, arXiv's "Rate
 * exceeded."). A command-line tool must not hang: a service that asks for a long wait is answered
 * with a failure that says so, at once. Everything else is the caller's to judge.
 */
import { NetworkError } from '../core/errors.js'
import { formatBytes } from '../core/text/sizes.js'

/** How a source client talks to the network; tests inject a fast `sleep` and short timeouts. */
export interface HttpOptions {
  /** The fetch to use (Node's global one by default). */
  fetch?: typeof fetch
  /** Waits between retries (real timers by default). */
  sleep?: (ms: number) => Promise<void>
  /** The current time: for a Retry-After given as a date, and for stamping cache entries. */
  now?: () => Date
  /** Told what a person should know (a wait before a retry, a fallback to the cache), for stderr. */
  notice?: (message: string) => void
  /** Milliseconds one attempt may take, body included. */
  timeoutMs?: number
  /** Attempts in all, the first included. */
  attempts?: number
  /** Delay before the first retry; each later one doubles it. */
  backoffMs?: number
}

/** What a source client needs: the environment (for base URLs) and the HTTP knobs. */
export interface ClientOptions extends HttpOptions {
  /** Read for `PRECIS_ARXIV_URL` / `PRECIS_DOI_URL` / `PRECIS_CROSSREF_URL`. */
  env: Readonly<Record<string, string | undefined>>
}

/** A response whose body was read in full. */
export interface HttpResponse {
  status: number
  body: string
}

// Three attempts 1 s and 2 s apart: a failing service costs 3 s of waiting, not half a minute.
const DEFAULTS = { timeoutMs: 20_000, attempts: 3, backoffMs: 1_000 } as const
/**
 * A service that says "slow down" without saying how long waits three times the back-off (3 s,
 * then 6 s): arXiv asks for no more than one request every three seconds.
 */
const RATE_LIMIT_FACTOR = 3
/** Larger than any real record (a 3,000-author paper is ~400 KB); a bound against absurd answers. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024
/** Longest single wait a service may ask for (Retry-After); asked for more, precis gives up at once. */
const MAX_WAIT_MS = 10_000
/** Most time the retries of one request may spend waiting, all waits together. */
const MAX_TOTAL_WAIT_MS = 15_000
/** Waits this long or longer are announced: anything shorter passes as a moment. */
const NOTICE_WAIT_MS = 1_000
/** Redirects followed for one request (doi.org needs two: the registry, then its metadata service). */
const MAX_REDIRECTS = 5
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])

/** Services ask clients to say who they are (Crossref routes polite traffic to better servers). */
export const USER_AGENT = 'precis/0.1 (terminal library of paper summaries)'

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** GET `url`; `service` names the remote side in messages ("arXiv", "doi.org"). */
export async function getWithRetry(
  url: string,
  headers: Record<string, string>,
  service: string,
  options: HttpOptions = {},
): Promise<HttpResponse> {
  const { timeoutMs, attempts, backoffMs } = { ...DEFAULTS, ...options }
  const sleep = options.sleep ?? realSleep
  const now = options.now ?? (() => new Date())
  let waited = 0
  for (let attempt = 1; ; attempt++) {
    const response = await getOnce(url, headers, service, timeoutMs, options.fetch ?? fetch)
    const overloaded = response.status === 429 || /^\s*Rate exceeded/i.test(response.body)
    if (!overloaded && response.status < 500) return response
    const trouble = `${service} ${overloaded ? 'is rate-limiting requests' : `answered HTTP ${response.status}`}`
    const asked = parseRetryAfter(response.headers.get('retry-after'), now())
    if (asked !== null && asked > MAX_WAIT_MS) {
      throw new NetworkError(`${trouble} and asks to wait ${describeWait(asked)} before trying again; try again later`, [
        `precis waits at most ${describeWait(MAX_WAIT_MS)} for a service.`,
      ])
    }
    if (attempt >= attempts) throw new NetworkError(`${trouble} (tried ${attempts} times); try again in a minute`)
    const wait = asked ?? backoffMs * (overloaded ? RATE_LIMIT_FACTOR : 1) * 2 ** (attempt - 1)
    if (waited + wait > MAX_TOTAL_WAIT_MS) {
      throw new NetworkError(`${trouble} (tried ${attempt} times, waiting ${describeWait(waited)}); try again later`)
    }
    if (wait >= NOTICE_WAIT_MS) options.notice?.(`${trouble}; trying again in ${describeWait(wait)}`)
    await sleep(wait)
    waited += wait
  }
}

async function getOnce(
  url: string,
  headers: Record<string, string>,
  service: string,
  timeoutMs: number,
  fetchImpl: typeof fetch,
): Promise<HttpResponse & { headers: Headers }> {
  try {
    // One deadline for the whole exchange: every redirect and the body.
    const signal = AbortSignal.timeout(timeoutMs)
    const response = await fetchFollowing(url, { headers: { 'User-Agent': USER_AGENT, ...headers }, signal }, service, fetchImpl)
    const body = await readCapped(response, service)
    return { status: response.status, body, headers: response.headers }
  } catch (error) {
    if (error instanceof NetworkError) throw error
    throw new NetworkError(describeFailure(error, service, timeoutMs))
  }
}

/**
 * fetch, following redirects here rather than in fetch so that a redirect to another scheme
 * (`file:`, `ftp:`) or an endless chain is refused with a reason a person can read.
 */
export async function fetchFollowing(url: string, init: RequestInit, service: string, fetchImpl: typeof fetch): Promise<Response> {
  let current = url
  for (let hop = 0; ; hop++) {
    const response = await fetchImpl(current, { ...init, redirect: 'manual' })
    const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : null
    if (location === null) return response
    await response.body?.cancel()
    if (hop >= MAX_REDIRECTS) throw new NetworkError(`${service} redirected precis more than ${MAX_REDIRECTS} times; giving up`)
    current = redirectTarget(location, current, service)
  }
}

function redirectTarget(location: string, from: string, service: string): string {
  if (!URL.canParse(location, from)) throw new NetworkError(`${service} redirected precis to an address that is not a URL`)
  const target = new URL(location, from)
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new NetworkError(`${service} redirected precis to a ${target.protocol} address; precis follows only http and https`)
  }
  return target.href
}

async function readCapped(response: Response, service: string): Promise<string> {
  if (!response.body) return ''
  const declared = Number(response.headers.get('content-length'))
  if (declared > MAX_BODY_BYTES) {
    await response.body.cancel()
    throw tooBig(service)
  }
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength
    if (size > MAX_BODY_BYTES) {
      await reader.cancel()
      throw tooBig(service)
    }
    chunks.push(chunk.value)
  }
  return new TextDecoder().decode(Buffer.concat(chunks))
}

function tooBig(service: string): NetworkError {
  return new NetworkError(`${service} sent more than ${formatBytes(MAX_BODY_BYTES)}; refusing to read it`)
}

/** Retry-After as milliseconds from `now` (seconds, or an HTTP date); null when absent or unusable. */
export function parseRetryAfter(header: string | null, now: Date): number | null {
  const text = header?.trim() ?? ''
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN
  return Number.isNaN(date) ? null : Math.max(0, date - now.getTime())
}

/** "8 s", "100000 s (about 28 hours)": the seconds a person can check, and a sense of their size. */
export function describeWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000)
  if (seconds < 120) return `${seconds} s`
  const rough =
    seconds < 7_200
      ? `about ${Math.round(seconds / 60)} minutes`
      : seconds < 172_800
        ? `about ${Math.round(seconds / 3_600)} hours`
        : 'more than two days'
  return seconds < 1e9 ? `${seconds} s (${rough})` : rough
}

export function describeFailure(error: unknown, service: string, timeoutMs: number): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } }
  if (err.name === 'TimeoutError' || err.name === 'AbortError') {
    return `${service} did not answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}`
  }
  const code = err.cause?.code
  const reason =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? 'no network or DNS'
      : code === 'ECONNREFUSED'
        ? 'connection refused'
        : code === 'ECONNRESET'
          ? 'connection reset'
          : // fetch wraps the real reason ("bad port", a TLS failure) in a generic "fetch failed".
            (code ?? err.cause?.message ?? err.message ?? String(error))
  return `could not reach ${service} (${reason})`
}

/** A reply's body as JSON; a NetworkError naming `service` (and how the body starts) when it is not. */
export function parseJsonReply(body: string, service: string): unknown {
  try {
    return JSON.parse(body)
  } catch {
    throw new NetworkError(`${service} sent something that is not JSON`, [`starts with: ${body.slice(0, 60)}`])
  }
}

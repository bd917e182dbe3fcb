/**
 * One HTTP GET with the politeness and limits every metadata source needs: a timeout per attempt,
 * a cap on the body size, and retries with back-off when the service says "slow down" or fails
 * on its side (429, 5xx, arXiv's "Rate exceeded."). Everything else is the caller's to judge.
 */
import { NetworkError } from '../core/errors.js'

/** How a source client talks to the network; tests inject a fast `sleep` and short timeouts. */
export interface HttpOptions {
  /** The fetch to use (Node's global one by default). */
  fetch?: typeof fetch
  /** Waits between retries (real timers by default). */
  sleep?: (ms: number) => Promise<void>
  /** Milliseconds one attempt may take, body included. */
  timeoutMs?: number
  /** Attempts in all, the first included. */
  attempts?: number
  /** Delay before the first retry; each later one doubles it. */
  backoffMs?: number
}

/** What a source client needs: the environment (for base URLs) and the HTTP knobs. */
export interface ClientOptions extends HttpOptions {
  /** Read for `PRECIS_ARXIV_URL` / `PRECIS_DOI_URL`. */
  env: Readonly<Record<string, string | undefined>>
}

/** A response whose body was read in full. */
export interface HttpResponse {
  status: number
  body: string
}

const DEFAULTS = { timeoutMs: 20_000, attempts: 4, backoffMs: 3_000 } as const
/** Larger than any real record (a 3,000-author paper is ~400 KB); a bound against absurd answers. */
const MAX_BODY_BYTES = 5 * 1024 * 1024
/** Longest wait a Retry-After header may ask for; beyond it precis gives up rather than hang. */
const MAX_RETRY_AFTER_MS = 60_000

/** Services ask clients to say who they are (Crossref routes polite traffic to better servers). */
const USER_AGENT = 'precis/0.1 (terminal library of paper summaries)'

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
  let last = ''
  for (let attempt = 1; ; attempt++) {
    const response = await getOnce(url, headers, service, timeoutMs, options.fetch ?? fetch)
    const overloaded = response.status === 429 || /^\s*Rate exceeded/i.test(response.body)
    if (!overloaded && response.status < 500) return response
    last = overloaded ? 'is rate-limiting requests' : `answered HTTP ${response.status}`
    if (attempt >= attempts) break
    await sleep(response.retryAfterMs ?? backoffMs * 2 ** (attempt - 1))
  }
  throw new NetworkError(`${service} ${last} (tried ${attempts} times); try again in a minute`)
}

async function getOnce(
  url: string,
  headers: Record<string, string>,
  service: string,
  timeoutMs: number,
  fetchImpl: typeof fetch,
): Promise<HttpResponse & { retryAfterMs: number | null }> {
  try {
    const response = await fetchImpl(url, {
      headers: { 'User-Agent': USER_AGENT, ...headers },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'follow',
    })
    const body = await readCapped(response, service)
    return { status: response.status, body, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) }
  } catch (error) {
    if (error instanceof NetworkError) throw error
    throw new NetworkError(describeFailure(error, service, timeoutMs))
  }
}

async function readCapped(response: Response, service: string): Promise<string> {
  if (!response.body) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength
    if (size > MAX_BODY_BYTES) {
      await reader.cancel()
      throw new NetworkError(`${service} sent more than ${MAX_BODY_BYTES / 1024 / 1024} MB; refusing to read it`)
    }
    chunks.push(chunk.value)
  }
  return new TextDecoder().decode(Buffer.concat(chunks))
}

/** Retry-After in seconds (the form these services use), bounded; null when absent or unusable. */
function parseRetryAfter(header: string | null): number | null {
  if (header === null || !/^\d+$/.test(header.trim())) return null
  return Math.min(Number(header.trim()) * 1000, MAX_RETRY_AFTER_MS)
}

function describeFailure(error: unknown, service: string, timeoutMs: number): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } }
  if (err.name === 'TimeoutError' || err.name === 'AbortError') {
    return `${service} did not answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}`
  }
  const code = err.cause?.code
  const reason =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'no network or DNS' :
    code === 'ECONNREFUSED' ? 'connection refused' :
    code === 'ECONNRESET' ? 'connection reset' :
    // fetch wraps the real reason ("bad port", a TLS failure) in a generic "fetch failed".
    code ?? err.cause?.message ?? err.message ?? String(error)
  return `could not reach ${service} (${reason})`
}

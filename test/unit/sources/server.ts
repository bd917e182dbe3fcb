import { afterEach } from 'vitest'
/**
 * A local HTTP server for source-client tests: 127.0.0.1, port chosen by the OS, replies decided
 * by the test. Nothing here reaches the internet.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What the server answers to one request. */
export interface Reply {
  status?: number
  body?: string | Buffer
  headers?: Record<string, string>
  /** Never answer (the client's timeout must fire). */
  hang?: boolean
}

/** A request as the server saw it. */
export interface SeenRequest {
  /** Path and query, e.g. `/api/query?id_list=2003.10555`. */
  url: string
  headers: IncomingHttpHeaders
}

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  origin: string
  requests: SeenRequest[]
  close(): Promise<void>
}

/** Start a server whose answer to each request is `reply(url, n)`, n counting from 1 per path. */
export async function startServer(reply: (url: URL, n: number) => Reply): Promise<TestServer> {
  const requests: SeenRequest[] = []
  const counts = new Map<string, number>()
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    requests.push({ url: req.url ?? '/', headers: req.headers })
    const n = (counts.get(url.pathname) ?? 0) + 1
    counts.set(url.pathname, n)
    const answer = reply(url, n)
    if (answer.hang) return
    res.writeHead(answer.status ?? 200, answer.headers ?? {})
    res.end(answer.body ?? '')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A sleep that returns at once and remembers what it was asked to wait. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = []
  return { waits, sleep: async (ms: number) => void waits.push(ms) }
}

/** An origin where nothing listens (a port just released by the OS): connecting is refused. */
export async function closedOrigin(): Promise<string> {
  const server = await startServer(() => ({}))
  await server.close()
  return server.origin
}

/**
 * A test server for one client test file: started by `serve`, closed after each test. `env` names
 * the service URL from the server's origin; the options are what the clients take.
 */
export function serverPerTest(env: (origin: string) => Record<string, string>, backoffMs: number) {
  let server: TestServer | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })
  return async function serve(reply: (url: URL, n: number) => Reply) {
    server = await startServer(reply)
    const { sleep, waits } = recordingSleep()
    // The deadline is only a bound for a hung test: on a loaded machine a 6 MB answer took over 2 s to
    // arrive. Tests of the deadline set their own, against a server that never answers.
    return { server, waits, options: { env: env(server.origin), sleep, backoffMs, timeoutMs: 60_000 } }
  }
}

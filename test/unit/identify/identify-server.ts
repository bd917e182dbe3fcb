/**
 * A local arXiv + Crossref for `identify`: each answer is the recorded one of the summary whose
 * marker word the query holds; a query that holds none gets an empty answer, as the services give.
 */
import { startServer, type Reply, type TestServer } from '../sources/server.js'
import { IDENTIFY_CASES } from './identify-fixtures.js'

const EMPTY_FEED = '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>ArXiv Query</title></feed>\n'
const EMPTY_WORKS = JSON.stringify({ status: 'ok', 'message-type': 'work-list', message: { 'total-results': 0, items: [] } })

/** Which service is down (HTTP 503 on every request). */
export interface Outage {
  arxiv?: boolean
  crossref?: boolean
}

/** The recorded answer to `url`: `/arxiv?search_query=...` or `/crossref/works?query.bibliographic=...`. */
export function identifyReply(url: URL, outage: Outage = {}): Reply {
  if (url.pathname === '/arxiv') {
    if (outage.arxiv) return { status: 503, body: 'down' }
    const query = (url.searchParams.get('search_query') ?? '').toLowerCase()
    const found = IDENTIFY_CASES.find((c) => query.split(' or ').includes(`all:${c.marker}`))
    return { headers: { 'Content-Type': 'application/atom+xml' }, body: found?.arxivXml ?? EMPTY_FEED }
  }
  if (url.pathname === '/crossref/works') {
    if (outage.crossref) return { status: 503, body: 'down' }
    const words = (url.searchParams.get('query.bibliographic') ?? '').toLowerCase().split(' ')
    const found = IDENTIFY_CASES.find((c) => words.includes(c.marker))
    return { headers: { 'Content-Type': 'application/json' }, body: found?.crossrefJson ?? EMPTY_WORKS }
  }
  return { status: 404 }
}

/** Start the services; `outage` may change between requests. */
export async function startIdentifyServer(
  outage: Outage = {},
): Promise<TestServer & { env: (cacheDir: string) => Record<string, string> }> {
  const server = await startServer((url) => identifyReply(url, outage))
  return Object.assign(server, {
    env: (cacheDir: string) => ({
      PRECIS_ARXIV_URL: `${server.origin}/arxiv`,
      PRECIS_CROSSREF_URL: `${server.origin}/crossref`,
      PRECIS_CACHE_DIR: cacheDir,
    }),
  })
}

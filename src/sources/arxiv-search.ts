/**
 * arXiv's search (`search_query=all:…`), for `identify`: the papers whose title, abstract,
 * authors or comments hold the words, most relevant first. Words are joined with OR: a paper with
 * most of them ranks first, and one word the paper lacks does not empty the answer.
 */
import { NetworkError } from '../core/errors.js'
import { normalizeArxivId } from '../core/papers/identifiers.js'
import { DEFAULT_ARXIV_URL, readEntries, toMetadata } from './arxiv.js'
import { getWithRetry, type ClientOptions } from './http.js'
import type { PaperMetadata } from '../core/papers/metadata.js'

/** The search expression for `words`: each a plain word (no operators, quotes or fields can slip in). */
export function arxivSearchQuery(words: readonly string[]): string {
  const plain = words
    .map((word) => word.replace(/[^\p{L}\p{N}]+/gu, ' ').trim())
    .flatMap((word) => word.split(' '))
    .filter((word) => word !== '' && !/^(?:AND|OR|ANDNOT)$/.test(word))
  return [...new Set(plain)].map((word) => `all:${word}`).join(' OR ')
}

/** Up to `max` papers arXiv finds for `words`, most relevant first. */
export async function searchArxiv(words: readonly string[], max: number, options: ClientOptions): Promise<PaperMetadata[]> {
  const url = new URL(options.env.PRECIS_ARXIV_URL || DEFAULT_ARXIV_URL)
  url.searchParams.set('search_query', arxivSearchQuery(words))
  url.searchParams.set('start', '0')
  url.searchParams.set('max_results', String(max))
  url.searchParams.set('sortBy', 'relevance')
  const response = await getWithRetry(url.href, { Accept: 'application/atom+xml' }, 'arXiv', options)
  if (response.status !== 200 && response.status !== 400) throw new NetworkError(`arXiv answered HTTP ${response.status}`)
  return parseArxivSearch(response.body, max)
}

/** The papers of a search answer; entries precis cannot store are left out, not fatal. */
export function parseArxivSearch(xml: string, max: number): PaperMetadata[] {
  const entries = readEntries(xml)
  const error = entries.find((entry) => entry.id.includes('arxiv.org/api/errors'))
  if (error) throw new NetworkError('arXiv refused the search', [`arXiv says: ${(error.summary ?? '').trim().slice(0, 200)}`])
  const found: PaperMetadata[] = []
  for (const entry of entries.slice(0, max)) {
    const id = normalizeArxivId(entry.id)
    if (!id || !entry.title?.trim()) continue
    try {
      found.push(toMetadata(entry, id))
    } catch (problem) {
      if (!(problem instanceof NetworkError)) throw problem
    }
  }
  return found
}

/**
 * Crossref's bibliographic search (`/works?query.bibliographic=…`), for `identify`: works whose
 * metadata best matches some words, best first. Items arrive in Crossref's own JSON (lists for
 * titles and container titles, `name` for an organisation author), mapped here to precis's fields
 * with the same cleaning as a DOI lookup.
 */
import { z } from 'zod'
import { NetworkError } from '../core/errors.js'
import { normalizeDoi } from '../core/papers/identifiers.js'
import { dateSchema, doiLink, formatName, jatsToText, nameSchema, yearOf } from './doi.js'
import { getWithRetry, parseJsonReply, type ClientOptions } from './http.js'
import { cleanText, cleanUrl, finishMetadata, LIMITS } from './metadata.js'
import type { PaperMetadata } from '../core/papers/metadata.js'

export const DEFAULT_CROSSREF_URL = 'https://api.crossref.org'
/** Only what precis stores is asked for: answers stay small. */
const SELECT = ['DOI', 'title', 'author', 'issued', 'published-print', 'published-online', 'container-title', 'URL', 'abstract', 'type']

const texts = z.array(z.string()).default([])
const itemSchema = z.object({
  DOI: z.string(),
  title: texts,
  author: z.array(nameSchema.extend({ name: z.string().optional() })).default([]),
  issued: dateSchema,
  'published-print': dateSchema,
  'published-online': dateSchema,
  'container-title': texts,
  URL: z.string().optional(),
  abstract: z.string().optional(),
})
const answerSchema = z.object({ status: z.literal('ok'), message: z.object({ items: z.array(z.unknown()) }) })

/** Up to `rows` works Crossref finds for `words`, best first. */
export async function searchCrossref(words: readonly string[], rows: number, options: ClientOptions): Promise<PaperMetadata[]> {
  const base = (options.env.PRECIS_CROSSREF_URL || DEFAULT_CROSSREF_URL).replace(/\/+$/, '')
  const url = new URL(`${base}/works`)
  url.searchParams.set('query.bibliographic', words.join(' '))
  url.searchParams.set('rows', String(rows))
  url.searchParams.set('select', SELECT.join(','))
  const response = await getWithRetry(url.href, { Accept: 'application/json' }, 'Crossref', options)
  if (response.status !== 200) throw new NetworkError(`Crossref answered HTTP ${response.status}`)
  return parseCrossrefWorks(response.body, rows)
}

/** The works of a Crossref answer; items precis cannot store are left out, not fatal. */
export function parseCrossrefWorks(json: string, rows: number): PaperMetadata[] {
  const value = parseJsonReply(json, 'Crossref')
  const answer = answerSchema.safeParse(value)
  if (!answer.success) throw new NetworkError('Crossref sent an answer precis cannot read')
  const found: PaperMetadata[] = []
  for (const raw of answer.data.message.items.slice(0, rows)) {
    const item = itemSchema.safeParse(raw)
    const metadata = item.success ? toMetadata(item.data) : null
    if (metadata) found.push(metadata)
  }
  return found
}

function toMetadata(item: z.infer<typeof itemSchema>): PaperMetadata | null {
  const doi = normalizeDoi(item.DOI)
  const title = cleanText(item.title[0], LIMITS.title)
  if (!doi || !title) return null
  try {
    return finishMetadata(
      {
        title,
        authors: item.author
          .map(({ name, ...rest }) => formatName(name !== undefined && rest.family === undefined ? { literal: name } : rest))
          .filter((name): name is string => name !== null)
          .slice(0, LIMITS.authors),
        year: yearOf(item.issued) ?? yearOf(item['published-print']) ?? yearOf(item['published-online']),
        venue: cleanText(item['container-title'][0], LIMITS.venue),
        arxiv: null,
        doi,
        url: cleanUrl(item.URL) ?? doiLink(doi),
        abstract: item.abstract === undefined ? null : cleanText(jatsToText(item.abstract), LIMITS.abstract),
        primaryCategory: null,
        version: null,
        journalRef: null,
      },
      'Crossref',
    )
  } catch (problem) {
    if (problem instanceof NetworkError) return null
    throw problem
  }
}

/**
 * arXiv metadata from its Atom API (`?id_list=<id>`), parsed with a real XML parser.
 * arXiv's quirks handled here: an "Error" entry sent with HTTP 200 for a bad id, an empty feed
 * for an unknown one, hard-wrapped titles and abstracts, several DOIs in one field.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { z } from 'zod'
import { literalName } from '../core/papers/author-names.js'
import { NetworkError, NotFoundError } from '../core/errors.js'
import { normalizeArxivId, normalizeDoi, parseSource } from '../core/papers/identifiers.js'
import { getWithRetry, type ClientOptions } from './http.js'
import { cleanInlineText, cleanText, cleanYear, finishMetadata, LIMITS, shortenedFields } from './metadata.js'
import type { PaperMetadata } from '../core/papers/metadata.js'

export const DEFAULT_ARXIV_URL = 'https://export.arxiv.org/api/query'

/** Metadata of arXiv paper `id` (no version), at `version` when one is given, else the latest. */
export async function fetchArxiv(id: string, version: string | null, options: ClientOptions): Promise<PaperMetadata> {
  const url = new URL(options.env.PRECIS_ARXIV_URL || DEFAULT_ARXIV_URL)
  url.searchParams.set('id_list', id + (version ?? ''))
  const response = await getWithRetry(url.href, { Accept: 'application/atom+xml' }, 'arXiv', options)
  if (response.status === 404) throw notFound(id)
  // arXiv sends its Error entry with 400 for some malformed requests, so that body is read too.
  if (response.status !== 200 && response.status !== 400) {
    throw new NetworkError(`arXiv answered HTTP ${response.status}`)
  }
  return parseArxivFeed(response.body, id)
}

// Atom text elements arrive as a string, or as an object when the element has attributes.
const text = z.union([z.string(), z.object({ '#text': z.string().optional() }).transform((node) => node['#text'] ?? '')])

const entrySchema = z.object({
  id: text,
  title: text.optional(),
  summary: text.optional(),
  published: text.optional(),
  author: z.array(z.object({ name: text.optional() })).default([]),
  primary_category: z.object({ term: z.string() }).optional(),
  doi: text.optional(),
  journal_ref: text.optional(),
})
export type Entry = z.infer<typeof entrySchema>

const feedSchema = z.object({ feed: z.object({ entry: z.array(z.unknown()).default([]) }) })

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  isArray: (name) => name === 'entry' || name === 'author',
})

/** The metadata of paper `id` in an Atom feed from arXiv; throws NotFoundError or NetworkError. */
export function parseArxivFeed(xml: string, id: string): PaperMetadata {
  const entries = readEntries(xml)
  const errorEntry = entries.find((entry) => entry.id.includes('arxiv.org/api/errors'))
  if (errorEntry) throw notFound(id, cleanText(errorEntry.summary, 200))
  const entry = entries.find((candidate) => normalizeArxivId(candidate.id) === id)
  if (!entry && entries.length > 0) throw new NetworkError(`arXiv answered about a different paper than ${id}`)
  // An unknown but well-formed id yields an empty feed (older servers: an entry with nothing in it).
  if (!entry || (!entry.title?.trim() && entry.author.length === 0)) throw notFound(id)
  return toMetadata(entry, id)
}

/** The entries of an Atom feed from arXiv; throws NetworkError when it is not one. */
export function readEntries(xml: string): Entry[] {
  const valid = XMLValidator.validate(xml)
  if (valid !== true) {
    throw new NetworkError('arXiv sent XML precis cannot parse', [`line ${valid.err.line}: ${valid.err.msg}`])
  }
  let feed: unknown
  try {
    feed = parser.parse(xml)
  } catch (error) {
    // The parser refuses element names such as __proto__ rather than build objects from them.
    throw new NetworkError('arXiv sent XML precis cannot parse', [(error as Error).message])
  }
  const shape = feedSchema.safeParse(feed)
  if (!shape.success) throw new NetworkError('arXiv sent something that is not an Atom feed')
  return shape.data.feed.entry.map((raw) => {
    const entry = entrySchema.safeParse(raw)
    if (!entry.success) throw new NetworkError('arXiv sent an entry precis cannot read')
    return entry.data
  })
}

// arXiv lists a collaboration among the people ("ATLAS Collaboration"): it is one name, stored whole.
const COLLABORATION = /\s(?:collaboration|consortium)$/i

/** An entry as metadata of paper `id`; throws NetworkError when it cannot be stored. */
export function toMetadata(entry: Entry, id: string): PaperMetadata {
  const { cut, fields: shortened } = shortenedFields()
  const journalRef = cleanInlineText(entry.journal_ref, LIMITS.venue, cut('venue'))
  if (entry.author.length > LIMITS.authors) shortened.add('authors')
  const category = entry.primary_category?.term.trim() ?? ''
  // arXiv lists every DOI the authors gave, separated by spaces; the first is the published version.
  const firstDoi = entry.doi?.trim().split(/\s+/)[0] ?? ''
  const record: PaperMetadata = {
    title: cleanInlineText(entry.title, LIMITS.title, cut('title')) ?? '',
    authors: entry.author
      .map((author) => cleanInlineText(author.name, LIMITS.author - 2, cut('authors')))
      .filter((name): name is string => name !== null)
      .map((name) => (COLLABORATION.test(name) ? literalName(name) : name))
      .slice(0, LIMITS.authors),
    year: cleanYear(entry.published?.trim().slice(0, 4)),
    venue: journalRef,
    arxiv: id,
    doi: normalizeDoi(firstDoi),
    url: `https://arxiv.org/abs/${id}`,
    abstract: cleanText(entry.summary, LIMITS.abstract, cut('abstract')),
    primaryCategory: /^[a-z-]+(\.[A-Za-z-]+)?$/.test(category) ? category : null,
    version: versionOf(entry.id),
    journalRef,
  }
  return finishMetadata(record, 'arXiv', shortened)
}

/** `v2` from an entry id such as `http://arxiv.org/abs/1704.01212v2`. */
function versionOf(entryId: string): string | null {
  const source = parseSource(entryId)
  return source?.kind === 'arxiv' ? source.version : null
}

function notFound(id: string, reason: string | null = null): NotFoundError {
  return new NotFoundError(`arXiv has no paper ${id}`, reason ? [`arXiv says: ${reason}`] : [])
}

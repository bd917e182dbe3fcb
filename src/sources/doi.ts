/**
 * DOI metadata by content negotiation: doi.org redirects to the registration agency (Crossref,
 * DataCite, ...), which answers in CSL-JSON. Mapped here to precis's fields.
 */
import { decodeHTMLStrict } from 'entities'
import { z } from 'zod'
import { NetworkError, NotFoundError } from '../core/errors.js'
import { getWithRetry, parseJsonReply, type ClientOptions } from './http.js'
import { literalName } from '../core/papers/author-names.js'
import { cleanInlineText, cleanText, cleanUrl, cleanYear, finishMetadata, LIMITS, shortenedFields } from './metadata.js'
import type { PaperMetadata } from '../core/papers/metadata.js'

export const DEFAULT_DOI_URL = 'https://doi.org'
const CSL_JSON = 'application/vnd.citationstyles.csl+json'

/** Metadata of `doi` (lower-cased canonical form). */
export async function fetchDoi(doi: string, options: ClientOptions): Promise<PaperMetadata> {
  const base = (options.env.PRECIS_DOI_URL || DEFAULT_DOI_URL).replace(/\/+$/, '')
  // One path segment, every reserved character encoded (the `/` too), so nothing in the DOI can
  // change the path or add a query; doi.org decodes the name (`10.1175%2Fabc` is `10.1175/abc`).
  const url = `${base}/${encodeURIComponent(doi)}`
  const response = await getWithRetry(url, { Accept: CSL_JSON }, 'doi.org', options)
  if (response.status === 404) throw new NotFoundError(`No paper is registered under DOI ${doi}`)
  if (response.status === 406) throw new NetworkError(`The registry of DOI ${doi} offers no citation metadata`)
  if (response.status !== 200) throw new NetworkError(`doi.org answered HTTP ${response.status}`)
  return parseCslJson(response.body, doi)
}

/** The doi.org link stored for a paper: readable slashes, other reserved characters encoded. */
export function doiLink(doi: string): string {
  return `https://doi.org/${doi.split('/').map(encodeURIComponent).join('/')}`
}

const text = z.string()
// CSL-JSON allows a list where one value is expected (Crossref sends container-title as a list).
const firstText = z.union([text, z.array(text)]).transform((value) => (Array.isArray(value) ? (value[0] ?? '') : value))
export const nameSchema = z.object({
  family: text.optional(),
  given: text.optional(),
  literal: text.optional(),
  // Crossref's own records name an organisation author `name` rather than CSL's `literal`.
  name: text.optional(),
  'non-dropping-particle': text.optional(),
  'dropping-particle': text.optional(),
  suffix: text.optional(),
})
export const dateSchema = z
  .object({ 'date-parts': z.array(z.array(z.union([z.number(), z.string(), z.null()]))).optional(), raw: text.optional() })
  .optional()
const cslSchema = z.object({
  title: firstText.optional(),
  author: z.array(nameSchema).default([]),
  issued: dateSchema,
  'published-print': dateSchema,
  'published-online': dateSchema,
  'container-title': firstText.optional(),
  URL: text.optional(),
  abstract: text.optional(),
})
export type CslName = z.infer<typeof nameSchema>
export type CslDate = z.infer<typeof dateSchema>

/** The metadata in a CSL-JSON document about `doi`; throws NetworkError when it does not parse. */
export function parseCslJson(json: string, doi: string): PaperMetadata {
  const value = parseJsonReply(json, 'doi.org')
  const parsed = cslSchema.safeParse(value)
  if (!parsed.success) throw new NetworkError('doi.org sent CSL-JSON precis cannot read')
  const csl = parsed.data
  const { cut, fields: shortened } = shortenedFields()
  if (csl.author.length > LIMITS.authors) shortened.add('authors')
  const record: PaperMetadata = {
    title: cleanInlineText(csl.title, LIMITS.title, cut('title')) ?? '',
    authors: csl.author
      .map((name) => formatName(name, cut('authors')))
      .filter((name): name is string => name !== null)
      .slice(0, LIMITS.authors),
    year: yearOf(csl.issued) ?? yearOf(csl['published-print']) ?? yearOf(csl['published-online']),
    venue: cleanInlineText(csl['container-title'], LIMITS.venue, cut('venue')),
    arxiv: null,
    doi,
    url: cleanUrl(csl.URL) ?? doiLink(doi),
    abstract: csl.abstract === undefined ? null : cleanText(jatsToText(csl.abstract), LIMITS.abstract, cut('abstract')),
    primaryCategory: null,
    version: null,
    journalRef: null,
  }
  return finishMetadata(record, 'doi.org', shortened)
}

/**
 * "Given Family"; "Family, Given" when the family name has several words (so the citekey takes
 * all of it); "Family, Suffix, Given" with a suffix (BibTeX's form for "Jr."). An organisation
 * (CSL's `literal`, Crossref's `name`: "ATLAS Collaboration") is one name, stored whole.
 */
export function formatName(name: CslName, onCut?: () => void): string | null {
  const part = (value: string | undefined) => cleanInlineText(value, LIMITS.author, onCut) ?? ''
  const whole = name.literal ?? (name.family === undefined && name.given === undefined ? name.name : undefined)
  if (whole !== undefined) {
    const literal = cleanInlineText(whole, LIMITS.author - 2, onCut)
    return literal === null ? null : literalName(literal)
  }
  const family = [part(name['non-dropping-particle']), part(name.family)].filter(Boolean).join(' ')
  const given = [part(name.given), part(name['dropping-particle'])].filter(Boolean).join(' ')
  const suffix = part(name.suffix)
  if (!family || !given) return cleanText(family || given, LIMITS.author, onCut)
  if (suffix) return cleanText(`${family}, ${suffix}, ${given}`, LIMITS.author, onCut)
  return cleanText(/\s/.test(family) ? `${family}, ${given}` : `${given} ${family}`, LIMITS.author, onCut)
}

/** The year of a CSL date: its first date part, else a four-digit year in its raw text. */
export function yearOf(date: CslDate): number | null {
  const first = date?.['date-parts']?.[0]?.[0]
  if (first !== undefined && first !== null) return cleanYear(first)
  return cleanYear(/\b\d{4}\b/.exec(date?.raw ?? '')?.[0])
}

// Block elements separate words; inline ones (italic, sub, sup) sit inside words: "H<sub>2</sub>O".
const BLOCK_TAG = /<\/?(?:jats:)?(?:p|title|sec|list|list-item|label|abstract)\b[^>]*>/gi
// Only what looks like a tag, so a stray "a < b" in the text survives.
const ANY_TAG = /<\/?[a-z][\w:.-]*(?:\s[^<>]*)?\/?>/gi
// Crossref often heads an abstract with a title that says just that; it is not part of the text.
const ABSTRACT_HEADING = /<((?:jats:)?title)\b[^>]*>\s*abstract\s*<\/\1>/gi
/**
 * Plain text of a JATS abstract. Tags are removed, not parsed: Crossref's fragments are often not
 * well-formed XML (unbound `jats:` prefixes), and the result is only ever shown as text.
 */
export function jatsToText(jats: string): string {
  return decodeHTMLStrict(jats.replace(ABSTRACT_HEADING, ' ').replace(BLOCK_TAG, ' ').replace(ANY_TAG, ''))
}

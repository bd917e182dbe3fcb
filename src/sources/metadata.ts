/**
 * The record a metadata source hands back, and the cleaning every outside string goes through
 * before it is stored. A client either returns a complete, valid `PaperMetadata` or throws.
 */
import { z } from 'zod'
import { NetworkError } from '../core/errors.js'
import { checkPaperFields, describeFieldProblem, FIELD_LIMITS } from '../core/records/field-rules.js'
import { normalizeUrl } from '../core/papers/identifiers.js'
import { markupToPlainText } from '../core/text/markup.js'
import type { PaperMetadata, ShortenedField } from '../core/papers/metadata.js'

/** Longest stored value of each field (the limits every way in shares); longer values are cut with an ellipsis. */
export const LIMITS = FIELD_LIMITS

const nullableText = (max: number) => z.string().min(1).max(max).nullable()

/** Validates a finished record (also what the on-disk cache holds). */
export const paperMetadataSchema = z.object({
  title: z.string().min(1).max(LIMITS.title),
  authors: z.array(z.string().min(1).max(LIMITS.author)).max(LIMITS.authors),
  year: z.number().int().min(1000).max(9999).nullable(),
  venue: nullableText(LIMITS.venue),
  arxiv: nullableText(100),
  doi: nullableText(LIMITS.url),
  url: nullableText(LIMITS.url),
  abstract: nullableText(LIMITS.abstract),
  primaryCategory: nullableText(100),
  version: z
    .string()
    .regex(/^v\d{1,4}$/)
    .nullable(),
  journalRef: nullableText(LIMITS.venue),
})

// Controls (C0, DEL, C1), bidi/direction marks and halves of surrogate pairs alone (a JSON reply
// may spell one as \ud800): in metadata they are never meaningful, only harmful.
/* eslint-disable no-control-regex -- strips control characters from fetched metadata */
const INVISIBLE =
  /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g
/* eslint-enable no-control-regex */

/**
 * Outside text made fit to store: controls, bidi marks and lone surrogates removed, hard wraps and runs of
 * whitespace collapsed to single spaces, NFC, cut to `max` characters. Empty becomes null.
 */
export function cleanText(value: string | null | undefined, max: number, onCut?: () => void): string | null {
  if (value === null || value === undefined) return null
  const text = value.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim().normalize('NFC')
  if (text === '') return null
  const chars = Array.from(text)
  if (chars.length <= max) return text
  onCut?.()
  return (
    chars
      .slice(0, max - 1)
      .join('')
      .trimEnd() + '…'
  )
}

/** Like cleanText, for titles, venues and names, which sources send with inline HTML, MathML and entities: those become text. */
export function cleanInlineText(value: string | null | undefined, max: number, onCut?: () => void): string | null {
  return cleanText(value === null || value === undefined ? value : markupToPlainText(value), max, onCut)
}

/** A record's cut fields, gathered as it is built: `cut('title')` is the callback cleanText calls. */
export function shortenedFields(): { cut: (field: ShortenedField) => () => void; fields: Set<ShortenedField> } {
  const fields = new Set<ShortenedField>()
  return { fields, cut: (field) => () => void fields.add(field) }
}

const LIMIT_OF: Record<ShortenedField, string> = {
  title: `${LIMITS.title} characters`,
  authors: `${LIMITS.author} characters a name, ${LIMITS.authors} names`,
  venue: `${LIMITS.venue} characters`,
  abstract: `${LIMITS.abstract} characters`,
}

/** What a person is told of the fields `service` sent too long: `arXiv sent a title over …; kept the first …`. */
export function describeShortened(fields: readonly ShortenedField[], service: string): string {
  const list = fields.map((field) => `${field} (${LIMIT_OF[field]})`).join(', ')
  return `${service} sent more than precis keeps; cut to its limits, marked with …: ${list}`
}

/** An http(s) URL as given, or null for anything else (other schemes, white space, junk, absurd lengths). */
export function cleanUrl(value: string | null | undefined): string | null {
  const text = cleanText(value, LIMITS.url + 1)
  return text === null ? null : normalizeUrl(text)
}

/** A year when `value` holds a plausible one (1000–9999), else null. */
export function cleanYear(value: unknown): number | null {
  const year = typeof value === 'string' ? Number.parseInt(value, 10) : value
  return typeof year === 'number' && Number.isInteger(year) && year >= 1000 && year <= 9999 ? year : null
}

/**
 * The final gate: a record that fails the schema is never returned half-filled.
 * `service` names the source in the error ("arXiv", "doi.org").
 */
export function finishMetadata(record: PaperMetadata, service: string, shortened: ReadonlySet<ShortenedField> = new Set()): PaperMetadata {
  const result = paperMetadataSchema.safeParse(record)
  if (!result.success) {
    const problems = result.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    throw new NetworkError(`${service} sent a record precis cannot use`, problems)
  }
  // The rules every way into a record shares (flags and imports meet the same ones).
  const { title, authors, venue, arxiv, doi, url, abstract, primaryCategory: category } = result.data
  const fields = checkPaperFields({ title, authors, venue, arxiv, doi, url, abstract, category })
  if (fields.problems.length > 0)
    throw new NetworkError(
      `${service} sent a record precis cannot use`,
      fields.problems.slice(0, 3).map((problem) => describeFieldProblem(problem)),
    )
  const checked = { ...result.data, arxiv: fields.value.arxiv, doi: fields.value.doi, url: fields.value.url }
  return shortened.size === 0 ? checked : { ...checked, shortened: [...shortened] }
}

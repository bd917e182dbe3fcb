/**
 * What counts as a difference between a library record and an imported one. Only what the import
 * actually carries can differ (a `.bib` entry without an abstract says nothing about the abstract),
 * a placeholder or empty value says nothing either (core/papers/placeholders.ts), and differences of form are not
 * differences: white space, the case of a DOI, an arXiv version, "Family, Given" against "Given
 * Family", line ends and trailing spaces in a body.
 */
import type { ImportedPaper, ImportedSummary } from './imported-records.js'
import { normalizeArxivId, normalizeDoi } from '../papers/identifiers.js'
import type { Paper, Summary } from '../model.js'
import { isPlaceholder } from '../papers/placeholders.js'
import { comparableBody } from '../papers/summary-bodies.js'

/** The paper fields an import can bring and an update can change. */
export type PaperField = 'title' | 'authors' | 'year' | 'venue' | 'arxiv' | 'category' | 'doi' | 'url' | 'abstract'

/** The summary fields an import can bring and an update can change. */
export type SummaryField = 'body' | 'tags' | 'by'

const PAPER_FIELDS: readonly PaperField[] = ['title', 'authors', 'year', 'venue', 'arxiv', 'category', 'doi', 'url', 'abstract']

/**
 * The fields where the import has a real value the library record lacks or holds otherwise: the only
 * fields an update may change. A real value is never replaced by a placeholder or by nothing.
 */
export function differingPaperFields(existing: Paper, imported: Pick<ImportedPaper, PaperField>): PaperField[] {
  return PAPER_FIELDS.filter((field) => {
    const incoming = imported[field] ?? null
    if (isPlaceholder(field, incoming)) return false
    const stored = existing[field] ?? null
    if (isPlaceholder(field, stored)) return true
    return comparable(field, incoming) !== comparable(field, stored)
  })
}

/**
 * The summary fields the import would change: a body that is other text, tags the summary lacks (an
 * update adds them, it never drops any), a summary author where the import names one.
 */
export function differingSummaryFields(existing: Summary, imported: Pick<ImportedSummary, SummaryField>): SummaryField[] {
  const fields: SummaryField[] = []
  const body = comparableBody(imported.body)
  if (body !== '' && body !== comparableBody(existing.body)) fields.push('body')
  if (imported.tags.some((tag) => !existing.tags.includes(tag))) fields.push('tags')
  if (imported.by.trim() !== '' && imported.by.trim() !== existing.by.trim()) fields.push('by')
  return fields
}

/** The summary's value for `field` after an update from `imported`: tags are the union of both. */
export function updatedSummaryValue(
  existing: Summary,
  imported: Pick<ImportedSummary, SummaryField>,
  field: SummaryField,
): Summary[SummaryField] {
  if (field === 'tags') return [...existing.tags, ...imported.tags.filter((tag) => !existing.tags.includes(tag))]
  return imported[field]
}

function comparable(field: PaperField, value: unknown): string {
  if (field === 'authors') return (value as string[]).map(nameForm).join('\n')
  if (field === 'year') return String(value)
  const text = value as string
  if (field === 'arxiv') return normalizeArxivId(text) ?? text
  if (field === 'doi') return (normalizeDoi(text) ?? text).toLowerCase() // DOIs ignore case
  return collapseSpace(text)
}

function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** "Family, Given" and "Given Family" compare equal. */
function nameForm(name: string): string {
  const [family, ...rest] = name.split(',').map(collapseSpace)
  return rest.length === 0 ? family! : [...rest.reverse(), family].join(' ')
}

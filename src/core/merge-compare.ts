/**
 * What counts as a difference between a library record and an imported one. Only what the import
 * actually carries can differ (a `.bib` entry without an abstract says nothing about the abstract),
 * and differences of form are not differences: white space, the case of a DOI, an arXiv version,
 * "Family, Given" against "Given Family".
 */
import type { ImportedPaper, ImportedSummary } from '../formats/records.js'
import { normalizeArxivId, normalizeDoi } from './identifiers.js'
import type { Paper, Summary } from './model.js'

/** The paper fields an import can bring and an update can change. */
export type PaperField = 'title' | 'authors' | 'year' | 'venue' | 'arxiv' | 'category' | 'doi' | 'url' | 'abstract'

const PAPER_FIELDS: readonly PaperField[] = ['title', 'authors', 'year', 'venue', 'arxiv', 'category', 'doi', 'url', 'abstract']

/** The fields where the import says something the library record does not. */
export function differingPaperFields(existing: Paper, imported: Pick<ImportedPaper, PaperField>): PaperField[] {
  return PAPER_FIELDS.filter((field) => {
    switch (field) {
      case 'authors':
        return imported.authors.length > 0 && imported.authors.map(nameForm).join('\n') !== existing.authors.map(nameForm).join('\n')
      case 'year':
        return imported.year !== null && imported.year !== existing.year
      case 'arxiv':
        return differs(imported.arxiv, existing.arxiv, (id) => normalizeArxivId(id) ?? id)
      case 'doi':
        return differs(imported.doi, existing.doi, (doi) => (normalizeDoi(doi) ?? doi).toLowerCase()) // DOIs ignore case
      default:
        return differs(imported[field] ?? null, existing[field] ?? null, collapseSpace)
    }
  })
}

/** The summary fields that differ (the body exactly; tags and author as given). */
export function differingSummaryFields(existing: Summary, imported: Pick<ImportedSummary, 'body' | 'tags' | 'by'>): string[] {
  const fields: string[] = []
  if (existing.body !== imported.body) fields.push('body')
  if (existing.tags.join('\n') !== imported.tags.join('\n')) fields.push('tags')
  if (existing.by !== imported.by) fields.push('by')
  return fields
}

function differs(imported: string | null, existing: string | null, normalise: (text: string) => string): boolean {
  if (imported === null || imported.trim() === '') return false
  return existing === null || normalise(imported) !== normalise(existing)
}

function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** "Family, Given" and "Given Family" compare equal. */
function nameForm(name: string): string {
  const [family, ...rest] = name.split(',').map(collapseSpace)
  return rest.length === 0 ? family! : [...rest.reverse(), family].join(' ')
}

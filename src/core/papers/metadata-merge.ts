/**
 * Bringing resolved metadata into the library: flags over metadata when adding, one record for a
 * preprint and its published version, and the field changes a refresh proposes.
 */
import { sameValue, type FieldChange as CoreFieldChange } from '../records/field-changes.js'
import type { Library, Paper } from '../model.js'
import { findSamePaper, type PaperInput } from './papers.js'
import { normalizeTitle } from './titles.js'
import { isPlaceholder } from './placeholders.js'
import type { PaperMetadata } from './metadata.js'

/** Paper fields the person gave explicitly (undefined or empty: not given). */
export interface PaperOverrides {
  title?: string
  authors: string[]
  year?: number | null
  venue?: string
  arxiv?: string
  doi?: string
  url?: string
}

/** The paper to store: the metadata, with every field the person gave taking precedence. */
export function paperFromMetadata(metadata: PaperMetadata, flags: PaperOverrides): PaperInput {
  return {
    title: flags.title ?? metadata.title,
    authors: flags.authors.length > 0 ? flags.authors : metadata.authors,
    year: flags.year !== undefined ? flags.year : metadata.year,
    venue: flags.venue ?? metadata.venue,
    arxiv: flags.arxiv ?? metadata.arxiv,
    ...(metadata.primaryCategory ? { category: metadata.primaryCategory } : {}),
    doi: flags.doi ?? metadata.doi,
    url: flags.url ?? metadata.url,
    abstract: metadata.abstract,
  }
}

/**
 * The library's record of this paper: the same paper by id or title + year, or its twin, the same
 * title where one record knows only the arXiv id and the other only the DOI (a preprint is often
 * published a year or two later, so the years may differ by up to 2).
 */
export function findKnownPaper(lib: Library, input: PaperInput): Paper | undefined {
  return findSamePaper(lib, input) ?? lib.papers.find((paper) => isPublishedTwin(paper, input))
}

function isPublishedTwin(paper: Paper, input: PaperInput): boolean {
  const title = normalizeTitle(input.title)
  if (title === '' || normalizeTitle(paper.title) !== title) return false
  const complementary =
    (paper.arxiv !== null && paper.doi === null && input.doi !== null && input.arxiv === null) ||
    (paper.doi !== null && paper.arxiv === null && input.arxiv !== null && input.doi === null)
  const near = paper.year === null || input.year === null || Math.abs(paper.year - input.year) <= 2
  return complementary && near
}

/**
 * Give `paper` the arXiv id and DOI it lacks and `input` has, so the preprint and the published
 * version stay one record. Mutates `paper`; returns the fields it filled.
 */
export function linkIdentifiers(paper: Paper, input: Pick<PaperInput, 'arxiv' | 'doi'>): ('arxiv' | 'doi')[] {
  const filled: ('arxiv' | 'doi')[] = []
  if (paper.arxiv === null && input.arxiv) {
    paper.arxiv = input.arxiv
    filled.push('arxiv')
  }
  if (paper.doi === null && input.doi) {
    paper.doi = input.doi
    filled.push('doi')
  }
  return filled
}

/** Fields a refresh may change: the source's value replaces the stored one. */
const REPLACED = ['title', 'authors', 'year', 'venue', 'abstract'] as const
/** Fields a refresh only fills in: identifiers and the link are the person's once set. */
const FILLED = ['arxiv', 'category', 'doi', 'url'] as const

export type RefreshField = (typeof REPLACED)[number] | (typeof FILLED)[number]

/** One proposed change to a stored paper. */
export type FieldChange<F extends RefreshField = RefreshField> = CoreFieldChange<Paper, F>

/**
 * What refreshing `paper` from `metadata` would change. A field the source leaves empty or holds a
 * placeholder in (placeholders.ts) is never touched; identifiers and the URL are only filled in where
 * the paper has none, or a placeholder (a shortscience.org link gives way to the paper's own).
 */
export function refreshChanges(paper: Paper, metadata: PaperMetadata): FieldChange[] {
  const changes: FieldChange[] = []
  for (const field of [...REPLACED, ...FILLED]) {
    const after = field === 'category' ? metadata.primaryCategory : metadata[field]
    const before = paper[field] ?? null
    if (isPlaceholder(field, after)) continue
    if ((FILLED as readonly string[]).includes(field) && !isPlaceholder(field, before)) continue
    if (!sameValue(before, after)) changes.push({ field, before, after })
  }
  return changes
}

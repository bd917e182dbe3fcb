/**
 * CSL-JSON export: the bibliography format of citeproc (Pandoc, Zotero, Mendeley), one item per paper
 * with the paper key as `id`. Names are split as the BibTeX export splits them (bibtex-names.ts); a
 * name stored whole is a `literal`. CSL has no arXiv field: the id goes where Zotero's and Better
 * BibTeX's CSL export put it, `archive` "arXiv" with the id in `archive_location`, and for a preprint
 * also `number` "arXiv:<id>", which citation styles print. Tags go into `keyword`, as Zotero does.
 */
import { literalNameText } from '../core/papers/author-names.js'
import type { Library, Paper } from '../core/model.js'
import { citationKeys, entryType, SUMMARY_BREAK, type EntryType } from './bibtex.js'
import { splitName } from './bibtex-names.js'
import { paperKeywords, paperNotes } from './keywords.js'

/** A CSL name: a person's parts, or one name whole. */
export type CslName = { family: string; given?: string; suffix?: string } | { literal: string }

const CSL_TYPES: Record<EntryType, string> = {
  article: 'article-journal',
  inproceedings: 'paper-conference',
  incollection: 'chapter',
  misc: 'article',
}

/** One name as CSL writes it. */
export function cslName(name: string): CslName {
  const literal = literalNameText(name)
  if (literal !== null) return { literal }
  const { family, given, suffix } = splitName(name)
  if (given === '' && suffix === '') return { literal: family }
  return { family, ...(given ? { given } : {}), ...(suffix ? { suffix } : {}) }
}

/**
 * The CSL item for one paper; `id` is its citation key, `keywords` its tags (its summaries' and its own), `notes` the
 * summaries' bodies for `annote` (the reader's notes; SUMMARY_BREAK between two, as in BibTeX).
 */
export function paperToCsl(
  paper: Paper,
  id: string,
  keywords: readonly string[] = [],
  notes: readonly string[] = [],
): Record<string, unknown> {
  const type = entryType(paper)
  const arxiv = paper.arxiv?.trim() || null
  const item: Record<string, unknown> = { id, type: CSL_TYPES[type], title: paper.title }
  const authors = paper.authors.filter((name) => name.trim() !== '')
  if (authors.length > 0) item.author = authors.map(cslName)
  if (paper.year !== null) item.issued = { 'date-parts': [[paper.year]] }
  if (paper.venue && type !== 'misc') item['container-title'] = paper.venue
  else if (paper.venue) item.publisher = paper.venue // "arXiv", "Preprint": who published it, not a container
  if (paper.doi) item.DOI = paper.doi
  if (paper.url) item.URL = paper.url
  if (arxiv) {
    item.archive = 'arXiv'
    item.archive_location = arxiv
    if (type === 'misc') item.number = `arXiv:${arxiv}`
  }
  if (keywords.length > 0) item.keyword = keywords.join(', ')
  if (paper.abstract) item.abstract = paper.abstract
  const annote = notes.filter((note) => note.trim() !== '').join(`\n\n${SUMMARY_BREAK}\n\n`)
  if (annote) item.annote = annote
  return item
}

/** A CSL-JSON file (an array of items) with every paper of `lib`, ids as the BibTeX export keys them; `withSummaries`: their bodies in `annote`. */
export function libraryToCslJson(lib: Library, withSummaries = false): string {
  return JSON.stringify(cslItems(lib, withSummaries), null, 2) + '\n'
}

/** The items of `lib`'s papers; `keys`: the citation keys of a whole export written a part at a time (by default those of `lib`). */
function cslItems(
  lib: Library,
  withSummaries: boolean,
  keys: ReadonlyMap<string, string> = citationKeys(lib.papers),
): Record<string, unknown>[] {
  const keywords = paperKeywords(lib)
  const notes = withSummaries ? paperNotes(lib) : new Map<string, string[]>()
  return lib.papers.map((paper) => paperToCsl(paper, keys.get(paper.key)!, keywords.get(paper.key), notes.get(paper.key)))
}

/**
 * libraryToCslJson's text for the papers of `parts` (each with its papers' summaries), written a
 * part at a time: the array's items as JSON.stringify indents them inside it.
 */
export function* cslJsonPieces(parts: Iterable<Library>, withSummaries: boolean, keys: ReadonlyMap<string, string>): Generator<string> {
  let items = 0
  for (const part of parts) {
    for (const item of cslItems(part, withSummaries, keys)) {
      yield `${items++ === 0 ? '[\n  ' : ',\n  '}${JSON.stringify(item, null, 2).replace(/\n/g, '\n  ')}`
    }
  }
  yield items === 0 ? '[]\n' : '\n]\n'
}

import type { Paper, Summary } from '../model.js'
import type { PaperOutline, SummaryOutline } from './outline.js'
import { readingState } from '../queue/reading.js'

/**
 * One row of the library as commands list it: a summary with its paper, or a paper not yet
 * summarised. Whole records, or their outlines when the library's outline was read.
 */
export interface Entry<P extends PaperOutline = Paper, S extends SummaryOutline = Summary> {
  /** The summary's id, or the paper's key when there is no summary yet. */
  id: string
  paper: P
  summary: S | null
}

/** An entry of the library's outline: what list shows needs no more. */
export type OutlineEntry = Entry<PaperOutline, SummaryOutline>

/** Every summary with its paper, plus each paper that has no summary ("to summarise"). */
export function libraryEntries<P extends PaperOutline, S extends SummaryOutline>(lib: {
  papers: readonly P[]
  summaries: readonly S[]
}): Entry<P, S>[] {
  const papers = new Map(lib.papers.map((p) => [p.key, p]))
  const summarised = new Set<string>()
  const entries: Entry<P, S>[] = []
  for (const summary of lib.summaries) {
    const paper = papers.get(summary.paper)
    if (!paper) continue // an orphan summary; doctor reports it
    summarised.add(paper.key)
    entries.push({ id: summary.id, paper, summary })
  }
  for (const paper of lib.papers) if (!summarised.has(paper.key)) entries.push({ id: paper.key, paper, summary: null })
  return entries
}

/** A paper's bibliographic fields, in the order every `--json` record gives them. */
export function paperJsonFields(paper: PaperOutline): Record<string, unknown> {
  const { title, authors, year, venue, arxiv, doi, url } = paper
  return { title, authors, year, venue, arxiv, doi, url }
}

/** The stable JSON shape of an entry for `--json` (README, Output conventions). */
export function entryRecord(
  entry: Entry<PaperOutline, SummaryOutline & { body?: string }>,
  options: { body?: boolean } = {},
): Record<string, unknown> {
  const { paper, summary } = entry
  return {
    id: entry.id,
    key: paper.key,
    ...paperJsonFields(paper),
    state: readingState(paper, summary !== null),
    priority: paper.priority ?? null,
    tags: summary?.tags ?? [],
    by: summary?.by ?? null,
    created: summary?.created ?? null,
    updated: summary?.updated ?? null,
    ...(options.body ? { body: summary?.body ?? null } : {}),
  }
}

export type SortOrder = 'added' | 'year' | 'title'

/** Sort entries: newest added first, newest year first, or title A→Z; ties by id. */
export function sortEntries<E extends OutlineEntry>(entries: E[], order: SortOrder): E[] {
  const added = (e: E) => e.summary?.created ?? e.paper.added
  const byId = (a: E, b: E) => a.id.localeCompare(b.id)
  const compare: Record<SortOrder, (a: E, b: E) => number> = {
    added: (a, b) => added(b).localeCompare(added(a)) || byId(a, b),
    year: (a, b) => (b.paper.year ?? -1) - (a.paper.year ?? -1) || byId(a, b),
    title: (a, b) => a.paper.title.localeCompare(b.paper.title, 'en', { sensitivity: 'base' }) || byId(a, b),
  }
  return [...entries].sort(compare[order])
}

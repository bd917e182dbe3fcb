import type { Library, Paper, Summary } from '../model.js'
import { papersByKey } from '../papers/papers.js'

/** One row of the library as commands list it: a summary with its paper, or a paper not yet summarised. */
export interface Entry {
  /** The summary's id, or the paper's key when there is no summary yet. */
  id: string
  paper: Paper
  summary: Summary | null
}

/** Every summary with its paper, plus each paper that has no summary ("to summarise"). */
export function libraryEntries(lib: Library): Entry[] {
  const papers = papersByKey(lib)
  const summarised = new Set<string>()
  const entries: Entry[] = []
  for (const summary of lib.summaries) {
    const paper = papers.get(summary.paper)
    if (!paper) continue // an orphan summary; doctor reports it
    summarised.add(paper.key)
    entries.push({ id: summary.id, paper, summary })
  }
  for (const paper of lib.papers) if (!summarised.has(paper.key)) entries.push({ id: paper.key, paper, summary: null })
  return entries
}

/** The stable JSON shape of an entry for `--json` (README, Output conventions). */
export function entryRecord(entry: Entry, options: { body?: boolean } = {}): Record<string, unknown> {
  const { paper, summary } = entry
  return {
    id: entry.id,
    key: paper.key,
    title: paper.title,
    authors: paper.authors,
    year: paper.year,
    venue: paper.venue,
    arxiv: paper.arxiv,
    doi: paper.doi,
    url: paper.url,
    tags: summary?.tags ?? [],
    by: summary?.by ?? null,
    created: summary?.created ?? null,
    updated: summary?.updated ?? null,
    ...(options.body ? { body: summary?.body ?? null } : {}),
  }
}

export type SortOrder = 'added' | 'year' | 'title'

/** Sort entries: newest added first, newest year first, or title A→Z; ties by id. */
export function sortEntries(entries: Entry[], order: SortOrder): Entry[] {
  const added = (e: Entry) => e.summary?.created ?? e.paper.added
  const byId = (a: Entry, b: Entry) => a.id.localeCompare(b.id)
  const compare: Record<SortOrder, (a: Entry, b: Entry) => number> = {
    added: (a, b) => added(b).localeCompare(added(a)) || byId(a, b),
    year: (a, b) => (b.paper.year ?? -1) - (a.paper.year ?? -1) || byId(a, b),
    title: (a, b) => a.paper.title.localeCompare(b.paper.title, 'en', { sensitivity: 'base' }) || byId(a, b),
  }
  return [...entries].sort(compare[order])
}

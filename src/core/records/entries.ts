import type { Paper, Summary } from '../model.js'
import type { LibraryOutline, PaperOutline, SummaryOutline, SortOrder } from './outline.js'
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

export type { SortOrder }

/** English collation, whatever the machine's locale, so a list (and the orders an index keeps) reads the same everywhere. Made on first use: making one loads ICU's data. */
let collators: { text: Intl.Collator; title: Intl.Collator } | undefined

/** Sort entries: newest added first, newest year first, or title A→Z; ties by id. */
export function sortEntries<E extends OutlineEntry>(entries: E[], order: SortOrder): E[] {
  const { text, title } = (collators ??= { text: new Intl.Collator('en'), title: new Intl.Collator('en', { sensitivity: 'base' }) })
  const added = (e: E) => e.summary?.created ?? e.paper.added
  const byId = (a: E, b: E) => text.compare(a.id, b.id)
  const compare: Record<SortOrder, (a: E, b: E) => number> = {
    added: (a, b) => text.compare(added(b), added(a)) || byId(a, b),
    year: (a, b) => (b.paper.year ?? -1) - (a.paper.year ?? -1) || byId(a, b),
    title: (a, b) => title.compare(a.paper.title, b.paper.title) || byId(a, b),
  }
  return [...entries].sort(compare[order])
}

/**
 * Every entry of `outline` in `order`: sortEntries(libraryEntries(outline), order), taken from the
 * order an index keeps when the outline has one (then nothing is compared).
 */
export function sortedEntries(outline: LibraryOutline, order: SortOrder): OutlineEntry[] {
  const pairs = outline.entryOrder?.(order)
  if (!pairs) return sortEntries(libraryEntries(outline), order)
  const { papers, summaries } = outline
  const entries: OutlineEntry[] = []
  for (let i = 0; i < pairs.length; i += 2) {
    const at = pairs[i]!
    const paper = papers[pairs[i + 1]!]!
    const summary = at >= 0 ? summaries[at]! : null
    entries.push({ id: summary ? summary.id : paper.key, paper, summary })
  }
  return entries
}

/** The pairs sortedEntries reads for `entries` (entries of `outline`, in any order): what an index keeps. */
export function entryPairs(outline: LibraryOutline, entries: readonly OutlineEntry[]): number[] {
  const paperAt = new Map(outline.papers.map((p, i) => [p, i]))
  const summaryAt = new Map(outline.summaries.map((s, i) => [s, i]))
  return entries.flatMap((e) => [e.summary ? summaryAt.get(e.summary)! : -1, paperAt.get(e.paper)!])
}

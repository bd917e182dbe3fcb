import { ExitCode, NotFoundError, PrecisError } from './errors.js'
import type { Library, Paper, Summary } from './model.js'

/** Paper fields an edit may set. */
export type PaperEdit = Partial<Pick<Paper, 'title' | 'authors' | 'year' | 'venue' | 'arxiv' | 'doi' | 'url'>>
/** Summary fields an edit may set. */
export type SummaryEdit = Partial<Pick<Summary, 'by' | 'tags' | 'body'>>

/** The records as they were when editing began, to notice a change made meanwhile. */
export interface EditBase {
  paper: Paper
  summary: Summary
}

function sameRecord(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * Apply an edit to summary `id` and its paper. With `base`, refuse when either record changed since
 * (another precis or a hand edit): the caller keeps the user's text. Returns the summary and
 * whether anything changed.
 */
export function applyEdit(
  lib: Library,
  id: string,
  edit: { paper: PaperEdit; summary: SummaryEdit },
  base: EditBase | null,
  now: Date,
): { summary: Summary; changed: boolean } {
  const summary = lib.summaries.find((s) => s.id === id)
  if (!summary) throw new NotFoundError(`The summary "${id}" is no longer in the library`)
  const paper = lib.papers.find((p) => p.key === summary.paper)
  if (!paper) throw new NotFoundError(`The paper "${summary.paper}" of summary "${id}" is missing (run precis doctor)`)
  if (base && !(sameRecord(base.summary, summary) && sameRecord(base.paper, paper))) {
    throw new PrecisError(`"${id}" was changed by someone else while you were editing; your edit was not applied`, ExitCode.failure)
  }
  const before = JSON.stringify([paper, summary])
  Object.assign(paper, edit.paper)
  Object.assign(summary, edit.summary)
  const changed = JSON.stringify([paper, summary]) !== before
  if (changed) summary.updated = now.toISOString()
  return { summary, changed }
}

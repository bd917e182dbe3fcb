// The tags of each paper (its summaries' and its own) and the bodies of its summaries, as the keywords and notes bibliography formats carry.
import type { Library } from '../core/model.js'

/** Paper key → the tags of its summaries, then the paper's own (a paper not yet summarised has only those), in order of first use. */
export function paperKeywords(lib: Pick<Library, 'papers' | 'summaries'>): Map<string, string[]> {
  const tags = new Map<string, Set<string>>()
  const add = (key: string, list: readonly string[]) => {
    const set = tags.get(key) ?? new Set<string>()
    for (const tag of list) set.add(tag)
    tags.set(key, set)
  }
  for (const summary of lib.summaries) add(summary.paper, summary.tags)
  for (const paper of lib.papers) if (paper.tags) add(paper.key, paper.tags)
  return new Map([...tags].map(([key, set]) => [key, [...set]]))
}

/** Paper key → the bodies of its summaries, in library order. */
export function paperNotes(lib: Pick<Library, 'summaries'>): Map<string, string[]> {
  const notes = new Map<string, string[]>()
  for (const summary of lib.summaries) notes.set(summary.paper, [...(notes.get(summary.paper) ?? []), summary.body])
  return notes
}

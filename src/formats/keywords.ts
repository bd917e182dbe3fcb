// The tags of each paper (its summaries' and its own) and the bodies of its summaries, as the keywords and notes bibliography formats carry.
import type { Library } from '../core/model.js'
import { tagsByPaper } from '../core/tags/paper-tags.js'

/** Paper key → the tags of its summaries, then the paper's own (a paper not yet summarised has only those), in order of first use. */
export function paperKeywords(lib: Pick<Library, 'papers' | 'summaries'>): Map<string, string[]> {
  return tagsByPaper(lib)
}

/** Paper key → the bodies of its summaries, in library order. */
export function paperNotes(lib: Pick<Library, 'summaries'>): Map<string, string[]> {
  const notes = new Map<string, string[]>()
  for (const summary of lib.summaries) notes.set(summary.paper, [...(notes.get(summary.paper) ?? []), summary.body])
  return notes
}

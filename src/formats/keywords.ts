// The tags and bodies of each paper's summaries, as the keywords and notes bibliography formats carry.
import type { Library } from '../core/model.js'

/** Paper key → the tags of its summaries, in order of first use. */
export function paperKeywords(lib: Pick<Library, 'summaries'>): Map<string, string[]> {
  const tags = new Map<string, Set<string>>()
  for (const summary of lib.summaries) {
    const set = tags.get(summary.paper) ?? new Set<string>()
    for (const tag of summary.tags) set.add(tag)
    tags.set(summary.paper, set)
  }
  return new Map([...tags].map(([key, set]) => [key, [...set]]))
}

/** Paper key → the bodies of its summaries, in library order. */
export function paperNotes(lib: Pick<Library, 'summaries'>): Map<string, string[]> {
  const notes = new Map<string, string[]>()
  for (const summary of lib.summaries) notes.set(summary.paper, [...(notes.get(summary.paper) ?? []), summary.body])
  return notes
}

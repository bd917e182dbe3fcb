// What a document export writes, a part at a time: an export of every record of a large library
// reads its records a part at a time where they lie, and never holds them all.
import type { Library, PaperOutline } from '../core/model.js'

export interface ExportParts {
  /** The papers exported, in library order, as an outline holds them (what a table of contents needs). */
  readonly papers: readonly PaperOutline[]
  /** How many summaries are exported. */
  readonly summaryCount: number
  /** The papers whole, in library order, a part at a time; each part holds every exported summary of its papers, in library order. */
  parts(): Iterable<Library>
}

/** A library held whole, as one part. */
export function wholeParts(lib: Library): ExportParts {
  return { papers: lib.papers, summaryCount: lib.summaries.length, parts: () => [lib] }
}

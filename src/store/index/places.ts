import type { Library, Paper, Summary, TrashEntry } from '../../core/model.js'
import { jsonPieceRanges, type ByteRange } from '../json-pieces.js'
import type { RecordList, RecordPlaced } from '../serialize.js'
import type { PlacedLibrary } from './build.js'

const flat = (ranges: readonly ByteRange[]) => ranges.flatMap(([start, end]) => [start, end])

/**
 * `library`, parsed from `bytes`, with where each record lies in them; null when the pieces found
 * do not line up with the records (never for a text that parsed into `library`).
 */
export function placesInText(library: Library, bytes: Buffer): PlacedLibrary | null {
  const ranges = jsonPieceRanges(bytes)
  const papers = rangesOf(ranges.papers, library.papers.length)
  const summaries = rangesOf(ranges.summaries, library.summaries.length)
  if (!papers || !summaries) return null
  return {
    papers: library.papers,
    summaries: library.summaries,
    trash: library.trash,
    paperPlaces: flat(papers),
    summaryPlaces: flat(summaries),
  }
}

function rangesOf(value: ByteRange | ByteRange[] | undefined, count: number): ByteRange[] | null {
  return Array.isArray(value) && value.length === count && value.every((item) => Array.isArray(item)) ? (value as ByteRange[]) : null
}

/** Collects the records of a library being written, in the order written, with their places (serializeLibrary's `placed`). */
export class PlacesWhileWriting {
  readonly placed: PlacedLibrary = { papers: [], summaries: [], trash: [], paperPlaces: [], summaryPlaces: [] }

  readonly record: RecordPlaced = (list: RecordList, record: Paper | Summary | TrashEntry, start: number, end: number) => {
    if (list === 'papers') {
      this.placed.papers.push(record as Paper)
      this.placed.paperPlaces.push(start, end)
    } else if (list === 'summaries') {
      this.placed.summaries.push(record as Summary)
      this.placed.summaryPlaces.push(start, end)
    } else this.placed.trash.push(record as TrashEntry)
  }
}

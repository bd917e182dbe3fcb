import { emptyLibrary, type Paper, type Summary, type TrashEntry } from '../../core/model.js'
import { libraryOutline, type LibraryOutline, type SortOrder } from '../../core/records/outline.js'
import { entryPairs, libraryEntries, sortedPlaces } from '../../core/records/entries.js'
import { outlineStats } from '../../core/stats/stats.js'
import { STATS_ROWS, type IndexContents } from './contents.js'
import type { FileIdentity } from './identity.js'
import { buildNames } from './names.js'

/** A library's records in the order its file holds them, with where each lies in it. */
export interface PlacedLibrary {
  papers: Paper[]
  summaries: Summary[]
  trash: TrashEntry[]
  /** [start, end) byte pairs, flattened, in the order of `papers`. */
  paperPlaces: number[]
  /** Likewise for `summaries`. */
  summaryPlaces: number[]
}

/**
 * The index of a library file whose identity is `identity`. `outline`, when given, is the outline
 * of the same records in the same order, whose derived values (word counts, citations) may already
 * have been computed for the command being run.
 */
export function buildIndex(
  placed: PlacedLibrary,
  target: string,
  identity: FileIdentity,
  outline: LibraryOutline = outlineOf(placed),
): IndexContents {
  const words = [...outline.wordCounts()]
  const cites = outline.citedKeys().map((keys) => [...keys])
  const tagCounts = [...outline.tagCounts()]
  // What is derived from the bodies, computed once for the index and for the parts derived from it.
  const known: LibraryOutline = {
    papers: placed.papers,
    summaries: placed.summaries,
    trashIds: outline.trashIds,
    wordCounts: () => words,
    citedKeys: () => cites,
    tagCounts: () => tagCounts,
  }
  return {
    library: target,
    identity,
    papers: placed.papers,
    summaries: placed.summaries,
    trashIds: [...outline.trashIds],
    words,
    cites,
    tagCounts,
    paperPlaces: placed.paperPlaces,
    summaryPlaces: placed.summaryPlaces,
    orders: ordersOf(known),
    stats: outlineStats(known, STATS_ROWS),
    names: buildNames(placed.papers, placed.summaries, cites),
  }
}

/**
 * Each order `list` sorts in, sorted here once by the function a read without an index sorts with,
 * so a read from the index sorts nothing.
 */
function ordersOf(outline: LibraryOutline): IndexContents['orders'] {
  const entries = libraryEntries(outline)
  const pairs = entryPairs(outline, entries)
  const ordered = (order: SortOrder) => sortedPlaces(entries, order).flatMap((at) => [pairs[2 * at]!, pairs[2 * at + 1]!])
  return { added: ordered('added'), year: ordered('year'), title: ordered('title') }
}

function outlineOf(placed: PlacedLibrary): LibraryOutline {
  return libraryOutline({ ...emptyLibrary(), papers: placed.papers, summaries: placed.summaries, trash: placed.trash })
}

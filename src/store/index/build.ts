import { emptyLibrary, type Paper, type Summary, type TrashEntry } from '../../core/model.js'
import { libraryOutline, type LibraryOutline } from '../../core/records/outline.js'
import type { IndexContents } from './contents.js'
import type { FileIdentity } from './identity.js'

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
  return {
    library: target,
    identity,
    papers: placed.papers,
    summaries: placed.summaries,
    trashIds: [...outline.trashIds],
    words: [...outline.wordCounts()],
    cites: outline.citedKeys().map((keys) => [...keys]),
    tagCounts: [...outline.tagCounts()],
    paperPlaces: placed.paperPlaces,
    summaryPlaces: placed.summaryPlaces,
  }
}

function outlineOf(placed: PlacedLibrary): LibraryOutline {
  return libraryOutline({ ...emptyLibrary(), papers: placed.papers, summaries: placed.summaries, trash: placed.trash })
}

import { emptyLibrary, type Paper, type Summary, type TrashEntry } from '../../core/model.js'
import { libraryOutline, type LibraryOutline, type SortOrder } from '../../core/records/outline.js'
import { entryPairs, libraryEntries, pairsInOrder } from '../../core/records/entries.js'
import { outlineStats } from '../../core/stats/stats.js'
import { Listing } from '../../core/records/listing.js'
import { plainRowsOf } from '../../core/records/plain-rows.js'
import { taggedEntriesOf } from '../../core/records/tagged-entries.js'
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
  return indexOf({ ...outline, papers: placed.papers, summaries: placed.summaries }, placed, target, identity)
}

/** The index of the library whose outline is `outline`, its records lying at `places` in the file whose identity is `identity`. */
export function indexOf(
  outline: LibraryOutline,
  places: Pick<PlacedLibrary, 'paperPlaces' | 'summaryPlaces'>,
  target: string,
  identity: FileIdentity,
): IndexContents {
  const words = [...outline.wordCounts()]
  const cites = outline.citedKeys().map((keys) => [...keys])
  const tagCounts = [...outline.tagCounts()]
  // What is derived from the bodies, computed once for the index and for the parts derived from it.
  const known: LibraryOutline = {
    papers: outline.papers,
    summaries: outline.summaries,
    trashIds: outline.trashIds,
    wordCounts: () => words,
    citedKeys: () => cites,
    tagCounts: () => tagCounts,
  }
  const orders = ordersOf(known)
  return {
    library: target,
    identity,
    papers: outline.papers,
    summaries: outline.summaries,
    trashIds: [...outline.trashIds],
    words,
    cites,
    tagCounts,
    paperPlaces: places.paperPlaces,
    summaryPlaces: places.summaryPlaces,
    orders,
    stats: outlineStats(known, STATS_ROWS),
    names: buildNames(outline.papers, outline.summaries, cites),
    plainRows: plainRowsOf(new Listing(known, orders.added).rows()),
    taggedEntries: taggedEntriesOf(
      outline.papers.map((p) => p.tags),
      outline.summaries.map((s) => s.tags),
      orders.added,
    ),
  }
}

/**
 * Each order `list` sorts in, sorted here once by the function a read without an index sorts with,
 * so a read from the index sorts nothing.
 */
function ordersOf(outline: LibraryOutline): Record<SortOrder, number[]> {
  const entries = libraryEntries(outline)
  const pairs = entryPairs(outline, entries)
  const ordered = (order: SortOrder) => pairsInOrder(entries, pairs, order)
  return { added: ordered('added'), year: ordered('year'), title: ordered('title') }
}

function outlineOf(placed: PlacedLibrary): LibraryOutline {
  return libraryOutline({ ...emptyLibrary(), papers: placed.papers, summaries: placed.summaries, trash: placed.trash })
}

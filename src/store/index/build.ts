import { emptyLibrary, type Paper, type Summary, type TrashEntry } from '../../core/model.js'
import { libraryOutline, type LibraryOutline, type SortOrder } from '../../core/records/outline.js'
import { entryPairs, libraryEntries, pairsInOrder, type Entry, type OutlineEntry } from '../../core/records/entries.js'
import { carriedOrders, type OrdersBefore } from '../../core/records/carried-order.js'
import { tieRanks } from '../../core/search/order.js'
import { outlineStats } from '../../core/stats/stats.js'
import { Listing } from '../../core/records/listing.js'
import { plainRowsOf } from '../../core/records/plain-rows.js'
import { taggedEntriesOf } from '../../core/records/tagged-entries.js'
import { tagListsOf } from '../../core/records/tag-lists.js'
import { SORT_ORDERS, STATS_ROWS, type IndexContents } from './contents.js'
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

/** What a save hands the index of the library it wrote, made once for the save. */
export interface FromSave {
  /** The orders of the index before the save changed the library, carried over rather than sorted again where they can be. */
  before?: OrdersBefore
  /** libraryEntries of the library written, which the postings take too. */
  entries: readonly Entry[]
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
  save?: FromSave,
): IndexContents {
  return indexOf({ ...outline, papers: placed.papers, summaries: placed.summaries }, placed, target, identity, undefined, save)
}

/**
 * The index of the library whose outline is `outline`, its records lying at `places` in the file
 * whose identity is `identity`. `between`: called between the parts made (the orders, the
 * statistics, the names, the rows): a large library's rebuild collects there the garbage of the
 * part before (at 100,000 summaries they made ~80 MB of it, and the rebuild peaked there).
 */
export function indexOf(
  outline: LibraryOutline,
  places: Pick<PlacedLibrary, 'paperPlaces' | 'summaryPlaces'>,
  target: string,
  identity: FileIdentity,
  between: () => void = () => undefined,
  save?: FromSave,
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
  const entries = save?.entries ?? libraryEntries(known)
  const entryPlaces = entryPairs(known, entries)
  const orders = (save?.before && carriedOrders(save.before, entries, entryPlaces, SORT_ORDERS)) || ordersOf(entries, entryPlaces)
  const ties = tieRanks(entries)
  between()
  const stats = outlineStats(known, STATS_ROWS, entries)
  between()
  const names = buildNames(outline.papers, outline.summaries, cites)
  between()
  const plainRows = plainRowsOf(new Listing(known, orders.added).rows())
  between()
  const ownTags = outline.papers.map((p) => p.tags)
  const summaryTags = outline.summaries.map((s) => s.tags)
  const taggedEntries = taggedEntriesOf(ownTags, summaryTags, orders.added)
  const tagLists = tagListsOf(ownTags, summaryTags)
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
    ties,
    entryPlaces,
    stats,
    names,
    plainRows,
    taggedEntries,
    tagLists,
  }
}

/**
 * Each order `list` sorts in, sorted here once by the function a read without an index sorts with,
 * so a read from the index sorts nothing.
 */
function ordersOf(entries: readonly OutlineEntry[], pairs: readonly number[]): Record<SortOrder, number[]> {
  return Object.fromEntries(SORT_ORDERS.map((order) => [order, pairsInOrder(entries, pairs, order)])) as Record<SortOrder, number[]>
}

function outlineOf(placed: PlacedLibrary): LibraryOutline {
  return libraryOutline({ ...emptyLibrary(), papers: placed.papers, summaries: placed.summaries, trash: placed.trash })
}

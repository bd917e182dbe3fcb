import type { Entry, EntryList } from '../core/records/entries.js'
import type { LibraryOutline } from '../core/records/outline.js'
import type { Paper, Summary } from '../core/model.js'
import type { Query } from '../core/search/query.js'
import { PostingsSearch } from '../core/search/postings-search.js'
import { PostingsUnavailable } from '../core/search/postings.js'
import { LibrarySearch } from '../core/search/search.js'
import { outlineClauses } from '../core/search/outline-filter.js'
import { readAtPositions } from './outline-reads.js'
import { IndexedSearch } from './search-reads.js'
import type { Store } from './store.js'

/** Entries read and filtered at once: their records are let go before the next part is read. */
const FILTER_PART = 256

/** The entries a filter selected: their positions in library order (libraryEntries of `outline`). */
export interface Filtered {
  outline: LibraryOutline
  positions: number[]
}

/**
 * The entries of the library that `query` selects as LibrarySearch.filter selects them from the
 * library read whole (`export`'s filter on texts), without reading it whole: the postings name the
 * entries that may match (PostingsSearch.mayMatch, a superset), and only those are read, where they
 * lie (less those the query's clauses on tags, year, id or reading state leave out: outlineClauses),
 * a part at a time, and filtered with the whole library's typo corrections; a query that any entry
 * may match (one only of negations) reads every entry so, never the library at once. Null
 * for a store without an index (its library is read whole anyway), when the postings cannot
 * answer (a query on citations, which resolve against the whole library) or the library changed
 * while being read: the caller reads it whole.
 */
export async function filterFromIndex(store: Store, query: Query): Promise<Filtered | null> {
  if (!store.postings || !PostingsSearch.answers(query)) return null
  let opened = await IndexedSearch.open(store)
  let may
  try {
    may = opened?.engine.mayMatch(query)
  } catch (error) {
    // Their word lists, read only now, were damaged or replaced: built again from the library.
    if (!(error instanceof PostingsUnavailable) || !opened) throw error
    opened = await IndexedSearch.open(store, opened.outline, true)
    may = opened?.engine.mayMatch(query)
  }
  if (!opened || !may) return null
  const { outline, entries } = opened
  // The clauses on tags, year, id or reading state tested first, on the outline: the entries failing them are not read.
  const test = outlineClauses(query)
  const candidates = (may.positions ?? Array.from({ length: entries.length }, (_, i) => i)).filter((at) => !test || test(entries.at(at)!))
  const placeOf = placesOf(outline, entries)
  const positions: number[] = []
  for (let from = 0; from < candidates.length; from += FILTER_PART) {
    const part = candidates.slice(from, from + FILTER_PART)
    const places = part.map(placeOf)
    const read = readAtPositions(
      store,
      outline,
      places.map((place) => place.paper),
      places.flatMap((place) => (place.summary >= 0 ? [place.summary] : [])),
    )
    if (!read) return null
    const at = new Map<Entry, number>()
    let summaries = 0
    const told = places.map((place, i): Entry => {
      const paper: Paper = read.papers[i]!
      const summary: Summary | null = place.summary >= 0 ? read.summaries[summaries++]! : null
      const entry = { id: summary ? summary.id : paper.key, paper, summary }
      at.set(entry, part[i]!)
      return entry
    })
    for (const entry of new LibrarySearch(told).filter(query, may.corrections)) positions.push(at.get(entry)!)
  }
  return { outline, positions }
}

/** Where the records of the entry at a position lie among the outline's papers and summaries (-1: no summary). */
function placesOf(outline: LibraryOutline, entries: EntryList): (position: number) => { paper: number; summary: number } {
  if (entries.placeOf) return (position) => entries.placeOf!(position)!
  // The entries of libraryEntries itself: its records are the outline's own objects.
  const papers = new Map(outline.papers.map((paper, i) => [paper, i]))
  const summaries = new Map(outline.summaries.map((summary, i) => [summary, i]))
  return (position) => {
    const entry = entries.at(position)!
    return { paper: papers.get(entry.paper)!, summary: entry.summary ? summaries.get(entry.summary)! : -1 }
  }
}

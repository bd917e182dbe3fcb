/**
 * Filters from the outline (`tag:`, `year:`, `has:` and the others outlineTest answers) as tests of
 * the postings' documents: a tag's or year's answer for every entry at once, from the outline's tagged
 * entries and years as `list` reads them (termMatches), kept for the next keystrokes.
 */
import type { MetaTerm } from './compile.js'
import { outlineTest } from './outline-filter.js'
import { HAS_FIGURE, HAS_MATH, type PostedEntry } from './postings.js'
import type { PostingsView } from './postings-view.js'
import { libraryPlaces, type EntryList } from '../records/entries.js'
import { termMatches } from '../records/listing-filter.js'
import type { LibraryOutline } from '../records/outline.js'

/** The filters whose marks (outlineMarks) are kept: a byte an entry each, 100 KB apiece at 100,000 entries. */
const MARKS_KEPT = 16

/**
 * Every entry's [summary index or -1, paper index] in library order (EntryList.placeOf); null when
 * one is not known. The places an index keeps, read whole and checked in one loop where it can (read
 * a number at a time they cost as much as the search; put in library order from the order `list`
 * reads, a loop over every entry run once, unoptimised, cost ~8 ms at 100,000 summaries); else from
 * that order; else entry by entry.
 */
function placesOf(outline: LibraryOutline, entries: EntryList<PostedEntry>): ArrayLike<number> | null {
  if (!entries.placeOf) return null
  const kept = outline.entryPairs?.()
  if (kept && kept.length === 2 * entries.length) return kept
  const counts = outline.recordCounts?.() ?? { papers: outline.papers.length, summaries: outline.summaries.length }
  const added = outline.entryOrder?.('added')
  const placed = added && libraryPlaces(added, counts.summaries, counts.papers)
  if (placed && placed.length === 2 * entries.length) return placed
  const places = new Int32Array(2 * entries.length)
  for (let at = 0; at < entries.length; at++) {
    const place = entries.placeOf(at)
    if (!place) return null
    places[2 * at] = place.summary
    places[2 * at + 1] = place.paper
  }
  return places
}

/** The outline's filters of a library's postings (PostingsSearch keeps one for its queries). */
export class OutlineMarks {
  constructor(
    private readonly view: PostingsView,
    /** The outline's entries, in library order. */
    private readonly entries: EntryList<PostedEntry>,
    /** The outline `entries` are of, when it keeps what a filter reads (an index's tagged entries and years). */
    private readonly outline: LibraryOutline | null,
    /** The entry whose document is `doc` (a live one). */
    private readonly entryOf: (doc: number) => PostedEntry,
  ) {}

  /** The marks (outlineMarks) each test metaTest made of them reads: candidates keeps only the entries a required one marks. */
  readonly marked = new WeakMap<(doc: number) => boolean, Uint8Array>()

  /** The entries' places in library order, for outlineMarks (null: not known; undefined: not looked at yet). */
  private places: ArrayLike<number> | null | undefined

  /** For each entry in library order, 1 when it has `term` (termMatches on the outline); null without an outline to ask. */
  private outlineMarks(term: MetaTerm): Uint8Array | null {
    if (!this.outline) return null
    // browse plans the same filter again at every keystroke typed after it: its marks kept, the latest last.
    const key = JSON.stringify(term)
    const known = this.marksOf.get(key)
    if (known) {
      this.marksOf.delete(key)
      this.marksOf.set(key, known)
      return known
    }
    const places = this.places === undefined ? (this.places = placesOf(this.outline, this.entries)) : this.places
    const marks = places && termMatches(this.outline, places, term)
    if (marks) this.marksOf.set(key, marks)
    if (this.marksOf.size > MARKS_KEPT) this.marksOf.delete(this.marksOf.keys().next().value!)
    return marks
  }

  private readonly marksOf = new Map<string, Uint8Array>()

  metaTest(term: MetaTerm): (doc: number) => boolean {
    const { features, positionOf } = this.view
    // Each entry's answer from the outline's tagged entries and years, in one loop as `list` reads
    // them: tested on each entry instead, it was made (its paper and tags decoded) for every candidate.
    const marks = term.kind === 'tag' || term.kind === 'year' ? this.outlineMarks(term) : null
    if (marks) {
      const test = (doc: number) => marks[positionOf[doc]!] === 1
      this.marked.set(test, marks)
      return test
    }
    const onOutline = outlineTest(term)
    if (onOutline) return (doc) => onOutline(this.entryOf(doc))
    switch (term.kind) {
      case 'cites':
      case 'citedby':
        throw new Error(`${term.kind}: needs the bodies; PostingsSearch.answers says so`)
      default:
        return term.kind === 'has' && term.feature === 'math'
          ? (doc) => (features[doc]! & HAS_MATH) !== 0
          : (doc) => (features[doc]! & HAS_FIGURE) !== 0
    }
  }
}

import type { Paper, Summary } from '../model.js'
import type { LibraryOutline, PaperOutline, SummaryOutline, SortOrder } from './outline.js'
import { readingState } from '../queue/reading.js'
import { entryTags } from '../tags/paper-tags.js'

/**
 * One row of the library as commands list it: a summary with its paper, or a paper not yet
 * summarised. Whole records, or their outlines when the library's outline was read.
 */
export interface Entry<P extends PaperOutline = Paper, S extends SummaryOutline = Summary> {
  /** The summary's id, or the paper's key when there is no summary yet. */
  id: string
  paper: P
  summary: S | null
}

/** An entry of the library's outline: what list shows needs no more. */
export type OutlineEntry = Entry<PaperOutline, SummaryOutline>

/** Every summary with its paper, plus each paper that has no summary ("to summarise"). */
export function libraryEntries<P extends PaperOutline, S extends SummaryOutline>(lib: {
  papers: readonly P[]
  summaries: readonly S[]
}): Entry<P, S>[] {
  const papers = new Map(lib.papers.map((p) => [p.key, p]))
  const summarised = new Set<string>()
  const entries: Entry<P, S>[] = []
  for (const summary of lib.summaries) {
    const paper = papers.get(summary.paper)
    if (!paper) continue // an orphan summary; doctor reports it
    summarised.add(paper.key)
    entries.push({ id: summary.id, paper, summary })
  }
  for (const paper of lib.papers) if (!summarised.has(paper.key)) entries.push({ id: paper.key, paper, summary: null })
  return entries
}

/** A paper's bibliographic fields, in the order every `--json` record gives them. */
export function paperJsonFields(paper: RecordedPaper): Record<string, unknown> {
  const { title, authors, year, venue, arxiv, doi, url } = paper
  return { title, authors, year, venue, arxiv, doi, url }
}

/** What entryRecord reads of a paper. */
export type RecordedPaper = Pick<
  PaperOutline,
  'key' | 'title' | 'authors' | 'year' | 'venue' | 'arxiv' | 'doi' | 'url' | 'state' | 'priority' | 'tags'
>

/** What entryRecord reads of a summary. */
export type RecordedSummary = Pick<SummaryOutline, 'tags' | 'by' | 'created' | 'updated'> & { body?: string }

/** The stable JSON shape of an entry for `--json` (README, Output conventions). */
export function entryRecord(
  entry: { id: string; paper: RecordedPaper; summary: RecordedSummary | null },
  options: { body?: boolean } = {},
): Record<string, unknown> {
  const { paper, summary } = entry
  return {
    id: entry.id,
    key: paper.key,
    ...paperJsonFields(paper),
    state: readingState(paper, summary !== null),
    priority: paper.priority ?? null,
    tags: entryTags(paper, summary),
    by: summary?.by ?? null,
    created: summary?.created ?? null,
    updated: summary?.updated ?? null,
    ...(options.body ? { body: summary?.body ?? null } : {}),
  }
}

export type { SortOrder }

/** Digits and lowercase letters, or digits and capitals: pairs of these compare alike by code and by collation. */
const isDigitOrLower = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 122)
const isDigitOrUpper = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90)

/**
 * `collator().compare`, answered without the collator where the two strings show it: identical
 * up to a place where both hold a digit or a lowercase letter, or both a digit or a capital (those
 * characters' primary weights are in code order, so the first difference decides at the first
 * level, whatever follows), or one is the other followed by such a character. Anything else (case
 * against case, accents, punctuation) goes to the collator. Sorting the 20,000 entries of a library
 * of 10,000 through ICU alone takes ~100 ms an order, and an index save sorts all three.
 */
function collating(collator: () => Intl.Collator): (a: string, b: string) => number {
  return (a, b) => {
    const length = Math.min(a.length, b.length)
    let i = 0
    while (i < length && a.charCodeAt(i) === b.charCodeAt(i)) i++
    if (i === length) {
      if (a.length === b.length) return 0
      const next = (a.length > b.length ? a : b).charCodeAt(i)
      if (isDigitOrLower(next) || isDigitOrUpper(next)) return a.length - b.length
    } else {
      const x = a.charCodeAt(i)
      const y = b.charCodeAt(i)
      if ((isDigitOrLower(x) && isDigitOrLower(y)) || (isDigitOrUpper(x) && isDigitOrUpper(y))) return x - y
    }
    return collator().compare(a, b)
  }
}

/**
 * English collation, whatever the machine's locale, so a list (and the orders an index keeps)
 * reads the same everywhere. Each collator is made on first use: making one loads ICU's data.
 */
let textCollator: Intl.Collator | undefined
let titleCollator: Intl.Collator | undefined
export const compareText = collating(() => (textCollator ??= new Intl.Collator('en')))
export const compareTitles = collating(() => (titleCollator ??= new Intl.Collator('en', { sensitivity: 'base' })))

/** Sort entries: newest added first, newest year first, or title A→Z; ties by id. */
export function sortEntries<E extends OutlineEntry>(entries: readonly E[], order: SortOrder): E[] {
  return sortedPlaces(entries, order).map((at) => entries[at]!)
}

/** Where each entry of `entries` goes in `order` (sortEntries's order), as positions in `entries`. */
function sortedPlaces(entries: readonly OutlineEntry[], order: SortOrder): number[] {
  return entries.map((_, at) => at).sort(entryComparator(entries, order))
}

/** What each order compares first (then the ids), and how: newest added first, newest year first, title A→Z. */
const SORT_KEYS: { [O in SortOrder]: { of: (entry: OutlineEntry) => string | number; compare: (a: never, b: never) => number } } = {
  added: { of: (e) => e.summary?.created ?? e.paper.added, compare: (a: string, b: string) => compareText(b, a) },
  year: { of: (e) => e.paper.year ?? -1, compare: (a: number, b: number) => b - a },
  title: { of: (e) => e.paper.title, compare: (a: string, b: string) => compareTitles(a, b) },
}

/**
 * How `order` compares the entries at two positions of `entries` (ties: 0; sortEntries keeps them in
 * the order of `entries`, its sort being stable). `ahead`: each entry's keys taken out once (a sort
 * compares each entry some 30 times); else read at each comparison (a few dozen of them).
 */
export function entryComparator(entries: readonly OutlineEntry[], order: SortOrder, ahead = true): (a: number, b: number) => number {
  const key = SORT_KEYS[order]
  const compareKeys = key.compare as (a: string | number, b: string | number) => number
  if (!ahead) {
    return (a, b) => compareKeys(key.of(entries[a]!), key.of(entries[b]!)) || compareText(entries[a]!.id, entries[b]!.id)
  }
  const keys = entries.map(key.of)
  const ids = entries.map((e) => e.id)
  return (a, b) => compareKeys(keys[a]!, keys[b]!) || compareText(ids[a]!, ids[b]!)
}

/**
 * The entries of `outline` in `order` as [summary index, or -1 for a paper without summary; paper
 * index] pairs, flattened: the order an index keeps (then nothing is compared), else
 * sortEntries(libraryEntries(outline), order).
 */
export function sortedPairs(outline: LibraryOutline, order: SortOrder): ArrayLike<number> {
  const kept = outline.entryOrder?.(order)
  if (kept) return kept
  const entries = libraryEntries(outline)
  return pairsInOrder(entries, entryPairs(outline, entries), order)
}

/** `pairs` (entryPairs of `entries`) in `order`: what an index keeps of each order. */
export function pairsInOrder(entries: readonly OutlineEntry[], pairs: readonly number[], order: SortOrder): number[] {
  return pairsAt(pairs, sortedPlaces(entries, order))
}

/** The pairs of `pairs` (two numbers an entry) of the entries at `places`, in that order. */
export function pairsAt(pairs: readonly number[], places: ArrayLike<number>): number[] {
  // A loop, not flatMap: a pair array for each of 200,000 entries at 100,000 summaries is garbage an index build promotes.
  const sorted = new Array<number>(2 * places.length)
  for (let i = 0; i < places.length; i++) {
    sorted[2 * i] = pairs[2 * places[i]!]!
    sorted[2 * i + 1] = pairs[2 * places[i]! + 1]!
  }
  return sorted
}

/** The entry each pair of `pairs` names (sortedPairs) in `outline`, its records being the outline's. */
export function entriesAt(outline: LibraryOutline, pairs: ArrayLike<number>): OutlineEntry[] {
  const { papers, summaries } = outline
  const entries: OutlineEntry[] = []
  for (let i = 0; i < pairs.length; i += 2) {
    const at = pairs[i]!
    const paper = papers[pairs[i + 1]!]!
    const summary = at >= 0 ? summaries[at]! : null
    entries.push({ id: summary ? summary.id : paper.key, paper, summary })
  }
  return entries
}

/** The pairs sortedPairs reads for `entries` (entries of `outline`, in any order): what an index keeps. */
export function entryPairs(outline: LibraryOutline, entries: readonly OutlineEntry[]): number[] {
  const paperAt = new Map(outline.papers.map((p, i) => [p, i]))
  const summaryAt = new Map(outline.summaries.map((s, i) => [s, i]))
  const pairs = new Array<number>(2 * entries.length)
  entries.forEach((e, i) => {
    pairs[2 * i] = e.summary ? summaryAt.get(e.summary)! : -1
    pairs[2 * i + 1] = paperAt.get(e.paper)!
  })
  return pairs
}

/** Entries by their place in library order (libraryEntries's), each made when first asked for. */
export interface EntryList<E extends OutlineEntry = OutlineEntry> {
  readonly length: number
  at(position: number): E | undefined
  /** Where the entry at `position` has its records among the outline's summaries (-1: none) and papers, when known. */
  placeOf?(position: number): { summary: number; paper: number } | undefined
}

/**
 * The entries of `outline` by position, in libraryEntries's order, without making them all: from an
 * order the outline keeps (an index's), whose pairs name every entry once, ordered here by where
 * their records lie (summaries in file order, then the papers without one), with no text read. A
 * search then makes only the entries it looks at. Without a kept order, or with one that names an
 * entry twice, libraryEntries itself.
 */
export function outlineEntries(outline: LibraryOutline): EntryList {
  const counts = outline.recordCounts?.() ?? { papers: outline.papers.length, summaries: outline.summaries.length }
  const kept = outline.entryPlaces?.()
  const pairs = kept ? null : outline.entryOrder?.('added')
  const placed = kept ?? (pairs && libraryPlaces(pairs, counts.summaries, counts.papers))
  if (!placed) return libraryEntries(outline)
  const length = placed.length >> 1
  // The entries made, in a Map: a search makes a few dozen, and an array of every place would be a
  // large object (800 KB at 100,000 summaries), growing the old generation towards a full collection.
  const made = new Map<number, OutlineEntry>()
  // Kept places are checked where used (a loop over every entry was a tenth of a search at 100,000
  // summaries): one that names no record sends every entry to libraryEntries, as a damaged order does.
  let whole: OutlineEntry[] | undefined
  const placeOf = (position: number) => {
    const summary = placed.at(2 * position)!
    const paper = placed.at(2 * position + 1)!
    return (summary | 0) === summary &&
      summary >= -1 &&
      summary < counts.summaries &&
      (paper | 0) === paper &&
      paper >= 0 &&
      paper < counts.papers
      ? { summary, paper }
      : undefined
  }
  return {
    length,
    placeOf: (position) => (position >= 0 && position < length && !whole ? placeOf(position) : undefined),
    at(position) {
      if (!(position >= 0 && position < length)) return undefined
      if (whole) return whole[position]
      let entry = made.get(position)
      if (!entry) {
        const place = placeOf(position)
        if (!place) return (whole = libraryEntries(outline))[position]
        const paper = (outline.paperAt ? outline.paperAt(place.paper) : outline.papers[place.paper])!
        const summary =
          place.summary >= 0 ? (outline.summaryAt ? outline.summaryAt(place.summary) : outline.summaries[place.summary])! : null
        entry = { id: summary ? summary.id : paper.key, paper, summary }
        made.set(position, entry)
      }
      return entry
    },
  }
}

/**
 * The pairs of an order (entryPairs's), in library order: the entries with a summary by the
 * summary's place, then those without by the paper's. Null when a summary, or a paper without one,
 * is named twice (not the pairs of one library's entries).
 */
export function libraryPlaces(pairs: ArrayLike<number>, summaries: number, papers: number): Int32Array | null {
  const paperOfSummary = new Int32Array(summaries).fill(-1)
  const alone = new Uint8Array(papers)
  for (let i = 0; i < pairs.length; i += 2) {
    // Two loads, not a pair destructured: a fresh process runs this once, unoptimised, over every entry.
    const at = pairs[i]!
    const paper = pairs[i + 1]!
    if (at >= 0) {
      if (paperOfSummary[at] !== -1) return null
      paperOfSummary[at] = paper
    } else {
      if (alone[paper] !== 0) return null
      alone[paper] = 1
    }
  }
  const placed = new Int32Array(pairs.length)
  let next = 0
  for (let at = 0; at < summaries; at++) {
    if (paperOfSummary[at] === -1) continue
    placed[next++] = at
    placed[next++] = paperOfSummary[at]!
  }
  for (let paper = 0; paper < papers; paper++) {
    if (alone[paper] === 0) continue
    placed[next++] = -1
    placed[next++] = paper
  }
  return placed
}

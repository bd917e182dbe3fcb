import { CitationResolver, citedPaperKeys } from '../../core/citations/citations.js'
import { mayCiteAnyOf } from '../../core/citations/name-mentions.js'
import { trashId, type Library, type Summary } from '../../core/model.js'
import type { LibraryOutline, SortOrder } from '../../core/records/outline.js'
import { countWords } from '../../core/stats/word-count.js'
import { countTags } from '../../core/tags/counts.js'
import { libraryEntryTags } from '../../core/tags/paper-tags.js'
import type { PlacedLibrary } from './build.js'
import { SORT_ORDERS, type IndexContents } from './contents.js'
import { sortFieldsOf, type OrdersBefore } from '../../core/records/carried-order.js'

/**
 * What the index of a library knew before a save changed it, so the index after the save counts
 * words and finds citations only in the bodies the save changed: over a whole library that is most
 * of the cost of building an index.
 */
export interface BeforeChange {
  /** Where each summary id was before the change (the last summary bearing it): its place in the lists below. */
  places: Map<string, number>
  /** Each summary's body as read before the change, by place. */
  bodies: readonly string[]
  /** Each summary's paper key before the change, by place: a summary moved to another paper no longer cites its new one. */
  papers: readonly string[]
  /** What a citation key could name before the change (see citationNames). */
  names: ReadonlyMap<string, string>
  /** The index's word counts and citations, by place (the index lists the summaries as the library does). */
  words: ArrayLike<number>
  cites: ArrayLike<readonly string[]>
  /** The index's orders and the fields they were sorted by, to be carried over (carried-order.ts); absent when it kept none (another collation). */
  orders?: OrdersBefore
}

/**
 * What every name a citation can use resolves to, as CitationResolver resolves it (a paper key,
 * else a summary id, ignoring case; the first record wins): citations found in an unchanged body
 * are the same unless it cites a name whose resolution changed (changedNames), however the records
 * were reordered.
 */
function citationNames(lib: Pick<Library, 'papers' | 'summaries'>): Map<string, string> {
  const names = new Map<string, string>() // name → the key of the paper it resolves to, step by step as the resolver does
  for (const paper of lib.papers) names.set(paper.key.toLowerCase(), paper.key)
  for (const summary of lib.summaries) {
    const id = summary.id.toLowerCase()
    const paper = names.get(summary.paper.toLowerCase())
    if (paper !== undefined && !names.has(id)) names.set(id, paper)
  }
  return names
}

/** The names two name maps (citationNames) resolve differently, or one only resolves: compared name by name, none sorted. */
export function changedNames(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const changed: string[] = []
  for (const [name, key] of before) if (after.get(name) !== key) changed.push(name)
  for (const name of after.keys()) if (!before.has(name)) changed.push(name)
  return changed
}

/**
 * What `contents`, the index of `library` as just read, knew of it; undefined when it does not list
 * the library's summaries in its order (never for the index of the file read): built afresh.
 */
export function beforeChange(library: Library, contents: IndexContents): BeforeChange | undefined {
  const ids = contents.summaries.map((s) => s.id)
  if (!sameSummaries(library, ids)) return undefined
  return {
    // One map for every list: a map by id of each (bodies, papers, words, citations) was ~10 ms apiece at 10,000 summaries.
    places: new Map(ids.map((id, i) => [id, i])),
    bodies: library.summaries.map((s) => s.body),
    papers: library.summaries.map((s) => s.paper),
    names: citationNames(library),
    words: contents.words,
    cites: contents.cites,
    ...(contents.orders &&
      samePaperCount(library, contents) && { orders: { orders: ordersRead(contents.orders), fields: sortFieldsOf(library) } }),
  }
}

/** Whether `library` holds the summaries whose ids are `ids`, in that order. */
function sameSummaries(library: Library, ids: readonly string[]): boolean {
  return library.summaries.length === ids.length && library.summaries.every((s, i) => s.id === ids[i])
}

/** Whether `library` holds as many papers as `contents` (its summaries already checked, sameSummaries): the file the index was built from. */
function samePaperCount(library: Library, contents: IndexContents): boolean {
  return library.papers.length === (contents.recordCounts?.().papers ?? contents.papers.length)
}

/** Each order decoded now, where a section that fails its checks throws (beforeChange's caller builds afresh), not later in the save. */
function ordersRead(orders: Record<SortOrder, ArrayLike<number>>): Record<SortOrder, ArrayLike<number>> {
  return Object.fromEntries(SORT_ORDERS.map((order) => [order, orders[order]])) as Record<SortOrder, ArrayLike<number>>
}

/**
 * The outline of the library a save wrote, its word counts taken from `before` for the bodies it did
 * not change, and its citations for those of them still of the same paper that may cite no name
 * whose resolution changed (a paper or summary added or removed changes a few).
 */
export function outlineAfterChange(placed: PlacedLibrary, before: BeforeChange): LibraryOutline {
  // The place of `s` before the change when its body is unchanged, else -1.
  const unchangedAt = (s: Summary) => {
    const at = before.places.get(s.id)
    return at !== undefined && before.bodies[at] === s.body ? at : -1
  }
  const mayCiteChanged = mayCiteAnyOf(changedNames(before.names, citationNames(placed)))
  const citesKept = (s: Summary, at: number) => at >= 0 && before.papers[at] === s.paper && !mayCiteChanged(s.body)
  let resolver: CitationResolver | undefined
  const cited = (s: Summary) => citedPaperKeys(s, (resolver ??= new CitationResolver(placed)))
  return {
    papers: placed.papers,
    summaries: placed.summaries,
    trashIds: placed.trash.map(trashId),
    wordCounts: () =>
      placed.summaries.map((s) => {
        const at = unchangedAt(s)
        return at >= 0 ? before.words[at]! : countWords(s.body)
      }),
    tagCounts: () => countTags(libraryEntryTags(placed)),
    citedKeys: () =>
      placed.summaries.map((s) => {
        const at = unchangedAt(s)
        return citesKept(s, at) ? before.cites[at]! : cited(s)
      }),
  }
}

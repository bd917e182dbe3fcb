import type { Library, Paper, Summary, TrashEntry } from '../core/model.js'
import { NotFoundError } from '../core/errors.js'
import { resolveHandle, type Resolved } from '../core/records/handles.js'
import { libraryOutline, type LibraryOutline } from '../core/records/outline.js'
import type { NamedRecords, OutlineOptions, PickedRecords, RecordPlaces, Store } from './store.js'
import { libraryEntries } from '../core/records/entries.js'
import type { PostingsView } from '../core/search/postings-view.js'

export type { NamedRecords, PickedRecords, RecordPlaces }

/** The records `keys` and `ids` name in `library`. */
export function pick(library: Library, keys: readonly string[], ids: readonly string[]): PickedRecords {
  const wantedKeys = new Set(keys)
  const wantedIds = new Set(ids)
  return {
    papers: new Map(library.papers.filter((p) => wantedKeys.has(p.key)).map((p) => [p.key, p])),
    summaries: new Map(library.summaries.filter((s) => wantedIds.has(s.id)).map((s) => [s.id, s])),
  }
}

/** Libraries read whole for an outline, by the outline: a store without an index of its own. */
const wholeLibraries = new WeakMap<LibraryOutline, Library>()

/**
 * The library's outline: from the store's index when it keeps one, else from the library read
 * whole. `forSearch`: readPostings follows (a rebuild of the index then builds them in the same reading).
 */
export async function readOutline(store: Store, options?: OutlineOptions): Promise<LibraryOutline> {
  if (store.outline) return store.outline(options)
  const library = await store.read()
  const outline = libraryOutline(library)
  wholeLibraries.set(outline, library)
  return outline
}

/** The library `outline` (from readOutline on `store`) was made of, when it was read whole for it; else null. */
export function wholeLibraryOf(store: Store, outline: LibraryOutline): Library | null {
  return wholeLibraries.get(outline) ?? store.wholeLibrary?.(outline) ?? null
}

/**
 * The search postings of the library `outline` (from readOutline on `store`) was made of, in the
 * order of its entries (libraryEntries); null when the library changed since and they cannot be.
 */
export async function readPostings(store: Store, outline: LibraryOutline, rebuild = false): Promise<PostingsView | null> {
  const library = wholeLibraries.get(outline)
  if (library) {
    // Loaded by a search only: the other reads of this module never build postings.
    const [{ buildPostings }, { PostingsView }] = await Promise.all([
      import('../core/search/postings.js'),
      import('../core/search/postings-view.js'),
    ])
    return new PostingsView(buildPostings(libraryEntries(library)))
  }
  return store.postings ? store.postings(outline, rebuild) : null
}

/** The library's trash entries: without holding the rest of the library when the store can, else from the library read whole. */
export async function readTrash(store: Store): Promise<TrashEntry[]> {
  return store.trash ? store.trash() : (await store.read()).trash
}

/**
 * The whole records of the papers `keys` and summaries `ids` of the library `outline` (from
 * readOutline on `store`) was made of. One the library no longer holds is missing from the result.
 */
export async function readRecords(
  store: Store,
  outline: LibraryOutline,
  keys: readonly string[],
  ids: readonly string[],
  places?: RecordPlaces,
): Promise<PickedRecords> {
  const library = wholeLibraries.get(outline)
  if (library) return pick(library, keys, ids)
  if (store.records) return store.records(outline, keys, ids, places)
  return pick(await store.read(), keys, ids)
}

/**
 * Records of the library `outline` (from readOutline on `store`) was made of, found by name through
 * the store's index; null when there is none (the outline is then the library read whole, as cheap to search).
 */
export async function readNamed(store: Store, outline: LibraryOutline): Promise<NamedRecords | null> {
  if (wholeLibraries.has(outline) || !store.named) return null
  return store.named(outline)
}

/**
 * What resolveHandle gives for `handle` in the library `outline` (from readOutline) was made of,
 * whole, resolved among the few records `named` (from readNamed) finds for it; null when it cannot
 * find them (resolve on the outline then). A handle that names nothing throws as resolveHandle does
 * on the outline, with close candidates among every name.
 */
export function resolveNamed(named: NamedRecords, outline: LibraryOutline, handle: string): Resolved | null {
  const records = named.handle(handle)
  if (!records) return null
  try {
    return resolveHandle(records, handle)
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error
    resolveHandle(outline, handle) // throws, with the close candidates
    return null // the outline found what the index did not
  }
}

/**
 * The whole records at positions `papers` of the outline's papers and `summaries` of its summaries
 * (the outline from readOutline on `store`), in the order asked: read where they lie, or taken from
 * the library the outline was read whole for. Null when the library changed since (read it whole then).
 */
export function readAtPositions(
  store: Store,
  outline: LibraryOutline,
  papers: readonly number[],
  summaries: readonly number[],
): { papers: Paper[]; summaries: Summary[] } | null {
  const whole = wholeLibraryOf(store, outline)
  if (whole) return { papers: papers.map((at) => whole.papers[at]!), summaries: summaries.map((at) => whole.summaries[at]!) }
  const reads = store.recordsAt?.(outline)
  const read = reads && { papers: reads.papers(papers), summaries: reads.summaries(summaries) }
  return read?.papers && read.summaries ? { papers: read.papers, summaries: read.summaries } : null
}

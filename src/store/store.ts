import type { Library, Paper, Summary } from '../core/model.js'
import type { LibraryOutline } from '../core/records/outline.js'
import type { TrashEntry } from '../core/model.js'
import type { PostingsView } from '../core/search/postings-view.js'

/** How an update is told in the library's history (a git commit when sync is on). */
export interface UpdateOptions<T> {
  /**
   * What the change did, e.g. `tags rename ml graph (12 summaries)`, possibly from the change's
   * result. Without it the history says what changed, record by record (`add x`, `edit x (body)`).
   */
  message?: string | ((result: T) => string)
  /**
   * A library an earlier `read()` of this store returned (changed since, or not): the change is told
   * whether the file is still the one that read read, so work done on that read need not be redone.
   */
  since?: Library
  /**
   * A library an earlier `read()` of this store returned, handed over: while the file is still the
   * one that read read, the change is applied to it instead of to the library read again inside
   * the lock, which saves a whole parse. Taken once: the caller must not use it afterwards, since
   * the change may have changed it (a later update given it again reads the file).
   */
  reuse?: Library
}

/** What an update tells its change besides the library it re-read. */
export interface UpdateState {
  /** Nothing changed the library since the read that returned `options.since`. */
  unchanged: boolean
}

/** A change an update makes to the library, inside the lock. */
export type Change<T> = (library: Library, state: UpdateState) => T | Promise<T>

/** Whole records picked by key and id. */
export interface PickedRecords {
  papers: Map<string, Paper>
  summaries: Map<string, Summary>
}

/** Records read by their place in the library an outline was made of (the index says where each lies in the file). */
export interface RecordsAt {
  /** The papers at `places` (indexes into the outline's papers); null when they cannot be read there (the file changed since). */
  papers(places: readonly number[]): Paper[] | null
  /** The summaries at `places` (indexes into the outline's summaries); likewise. */
  summaries(places: readonly number[]): Summary[] | null
}

/**
 * Where the records asked for are among the outline's papers and summaries, when the caller knows
 * (an index's entries by position): index i of `papers` is where keys[i] should be, likewise for
 * `summaries` and ids. A record not found there is looked for by key or id.
 */
export interface RecordPlaces {
  papers: readonly number[]
  summaries: readonly number[]
}

/**
 * Records found by name through the store's index, read whole, without decoding every key and id.
 * Each answer is null (undefined for `cited`) where the index cannot give it: the caller then uses the outline.
 */
export interface NamedRecords {
  /**
   * Every record resolveHandle could answer `handle` with, whole and in library order: resolving
   * `handle` among them gives what resolving it in the whole library gives (the same records, the
   * same error when it names several papers), except that a handle naming nothing gets no close candidates.
   */
  handle(handle: string): { papers: Paper[]; summaries: Summary[] } | null
  /** The paper a citation of `key` names (as CitationResolver resolves it), whole; null for none. */
  cited(key: string): Paper | null | undefined
  /** The summaries citing the paper `key` (backlinks), in library order, each with its paper (the last of that key); those whose paper is missing left out. */
  citing(key: string): { summary: Summary; paper: Paper }[] | null
}

/**
 * The library store (lowdb's Adapter idea, with a locked read-modify-write).
 * Commands read through `read` and change through `update`, never by writing a file themselves.
 */
/** What a read of the outline will ask next (see Store.outline). */
export interface OutlineOptions {
  forSearch?: boolean
}

export interface Store {
  /** The library file, or null for an in-memory store. */
  readonly path: string | null
  /** The current library (an empty one when the file does not exist yet). Validated. */
  read(): Promise<Library>
  /**
   * Lock, re-read, let `change` mutate the library, then write it durably and unlock.
   * When `change` throws, nothing is written. Returns what `change` returned.
   */
  update<T>(change: Change<T>, options?: UpdateOptions<T>): Promise<T>
  /**
   * The library without bodies and abstracts, from the store's index while it is current. Read it
   * through `readOutline` (outline-reads.ts), which reads the whole library for a store without one.
   * `forSearch`: its postings are asked for next, so a rebuild builds them in the same reading.
   */
  outline?(options?: OutlineOptions): Promise<LibraryOutline>
  /** Whole records of the library an outline from `outline()` was made of (see `readRecords`). */
  records?(outline: LibraryOutline, keys: readonly string[], ids: readonly string[], places?: RecordPlaces): Promise<PickedRecords>
  /**
   * The search postings of the library an outline from `outline()` was made of (see `readPostings`);
   * null when it changed since. `rebuild`: built again, not loaded (those loaded turned out unreadable).
   */
  postings?(outline: LibraryOutline, rebuild?: boolean): Promise<PostingsView | null>
  /**
   * An outline (as `outline` gives) and its search postings, from the store's index and postings
   * files while both are current for the library file as it is now; null otherwise: neither is built
   * nor the library read (for a thread beside another that builds them: browse's keys).
   */
  currentIndex?(): Promise<{ outline: LibraryOutline; postings: PostingsView } | null>
  /** The trash entries, read without holding the rest of the library (see `readTrash`). */
  trash?(): Promise<TrashEntry[]>
  /**
   * The library an outline from `outline()` was made of, when it was read whole for it (no index was
   * current); else null, and its records are read where they lie (`recordsAt`).
   */
  wholeLibrary?(outline: LibraryOutline): Library | null
  /**
   * Whether the library file is no longer the one an outline from `outline()` was made of from the
   * index (a save or a hand edit since): its places and postings are then not the file's. False for
   * an outline of the library read whole, which holds its records.
   */
  changedSince?(outline: LibraryOutline): boolean
  /** Reads of the records of the library an outline from `outline()` was made of, by place; null when it was read whole. */
  recordsAt?(outline: LibraryOutline): RecordsAt | null
  /** Records of the library an outline from `outline()` was made of, found by name (see `readNamed`); null without an index. */
  named?(outline: LibraryOutline): Promise<NamedRecords | null>
  /** Where a library file's index is kept (IndexOptions), and who is told of a long rebuild: another thread opens the same library with it (browse's search). */
  readonly index?: { readonly cacheDir: string; readonly note?: (message: string) => void }
}

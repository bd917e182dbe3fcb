import { emptyLibrary, type Library } from '../../core/model.js'
import { libraryOutline, type LibraryOutline } from '../../core/records/outline.js'
import type { Entry } from '../../core/records/entries.js'
import type { LibraryFile } from '../library-file.js'
import { formatBytes } from '../../core/text/sizes.js'
import { buildIndex, type PlacedLibrary } from './build.js'
import { COLLECT_FROM_BYTES, indexOutline, type IndexContents } from './contents.js'
import { fileIdentity, readableIdentity, sameIdentity, type FileIdentity } from './identity.js'
import { IndexFile } from './index-file.js'
import { indexPath } from './location.js'
import { streamedIndex } from './streamed.js'
import { runWithDefaultSignals } from '../../platform/interrupt.js'
import { placesInText } from './places.js'
import { beforeChange, outlineAfterChange, type BeforeChange } from './reuse.js'
import { pick, type PickedRecords, type RecordPlaces } from '../outline-reads.js'
import type { NamedRecords, RecordsAt } from '../store.js'
import { IndexedNames } from './named-records.js'
import { readPlacedRecords, readRecordsAt } from './record-reader.js'
import type { PostingsView } from '../../core/search/postings-view.js'
import type { PostingsPlace } from './indexed-postings.js'
import type { OutlineOptions } from '../store.js'
import { deltaPath, postingsPath } from './location.js'

/** Where indexes are kept, and how a long rebuild is announced. */
export interface IndexOptions {
  /** precis's cache folder; the index goes in its `index/` folder. */
  cacheDir: string
  /** Told before a large library is read whole to build its index (a progress line). */
  note?: (message: string) => void
  /** Libraries from this size on are announced when their index is built by a read (a parameter for tests). */
  noteFromBytes?: number
}

/** Libraries from this size on take long enough to read whole that a rebuild says so. */
const NOTE_FROM_BYTES = 16 * 1024 * 1024

/** What a read that builds the index says first, for a large library. */
export type RebuildNote = (message: string) => void

/** The index of the library file `target`. */
export function indexFileOf(target: string, options: IndexOptions): IndexFile {
  return new IndexFile(indexPath(options.cacheDir, target), target)
}

/**
 * Reads of one library file that answer from its index while the index is current, and otherwise
 * read the whole library, answer from it, and build the index for the next read. The JSON file
 * stays the only truth: the index is used only when it was built from the file as it is now.
 */
export class IndexedLibrary {
  /** What each outline handed out came from: the index, or the whole library read. */
  private readonly sources = new WeakMap<LibraryOutline, IndexContents | Library>()
  /** For an outline of the library read whole: the file's identity, unchanged from before the read to after it. */
  private readonly readIdentities = new WeakMap<LibraryOutline, FileIdentity>()

  constructor(
    private readonly target: string,
    private readonly file: LibraryFile,
    private readonly index: IndexFile | null,
    private readonly note: RebuildNote = () => undefined,
    private readonly noteFromBytes = NOTE_FROM_BYTES,
    /** Libraries from this size on are rebuilt as a large one is (COLLECT_FROM_BYTES; a parameter for tests). */
    private readonly largeFromBytes = COLLECT_FROM_BYTES,
  ) {}

  /** Postings built with an outline (indexAndPostings), for the search that asked for both. */
  private readonly builtPostings = new WeakMap<LibraryOutline, PostingsView>()

  async outline(options: OutlineOptions = {}): Promise<LibraryOutline> {
    const current = readableIdentity(this.target)
    const contents = this.index?.load(current, () => this.instead(current!))
    if (contents) return this.handOut(indexOutline(contents), contents)
    if (this.index && current && Number(current.size) >= this.noteFromBytes)
      this.note(`Indexing the library (${formatBytes(Number(current.size))}); later reads will be quick.`)
    if (this.index && current) {
      const made = await this.builtIndex(this.index, current, options.forSearch === true)
      if (made) {
        // What the build left (and, for a large library, the outline built, read from the file instead) let go before the read goes on.
        made.collect?.()
        const outline = this.handOut(indexOutline(made.contents), made.contents)
        if (made.postings) this.builtPostings.set(outline, made.postings)
        return outline
      }
    }
    const { library, bytes } = await this.file.readWithBytes()
    const outline = libraryOutline(library ?? emptyLibrary())
    // Built only from bytes known to be the file `current` names: unchanged from before the read to after it.
    if (this.index && library && bytes && sameIdentity(current, fileIdentity(this.target))) {
      this.readIdentities.set(outline, current!)
      const placed = placesInText(library, bytes)
      if (placed) await this.index.save(() => buildIndex(placed, this.target, current!, outline))
      this.index.pruneOrphans()
    }
    return this.handOut(outline, library ?? emptyLibrary())
  }

  /**
   * The whole records of the papers `keys` and summaries `ids` of the library `outline` (from this
   * reader) was made of: read from where the index says they lie, or taken from the library read
   * whole. A record the library no longer holds (changed since) is missing from the result.
   */
  async records(outline: LibraryOutline, keys: readonly string[], ids: readonly string[], places?: RecordPlaces): Promise<PickedRecords> {
    const source = this.sources.get(outline)
    if (source && !('format' in source)) {
      const picked = readRecordsAt(this.target, source, keys, ids, places)
      if (picked) return picked
    }
    const library = source && 'format' in source ? source : ((await this.file.read()) ?? emptyLibrary())
    return pick(library, keys, ids)
  }

  /** The library `outline` (from this reader) was made of, when it was read whole for it; else null. */
  wholeLibrary(outline: LibraryOutline): Library | null {
    const source = this.sources.get(outline)
    return source && 'format' in source ? source : null
  }

  /** Whether the library file is no longer the one the index `outline` (from this reader) came from was built of; false for a library read whole. */
  changedSince(outline: LibraryOutline): boolean {
    const source = this.sources.get(outline)
    return source !== undefined && !('format' in source) && !sameIdentity(fileIdentity(this.target), source.identity)
  }

  /** Reads of the records of the library `outline` (from this reader) was made of, by place; null when it was read whole. */
  recordsAt(outline: LibraryOutline): RecordsAt | null {
    const source = this.sources.get(outline)
    if (!source || 'format' in source) return null
    return {
      papers: (places) => readPlacedRecords(this.target, source, 'papers', places),
      summaries: (places) => readPlacedRecords(this.target, source, 'summaries', places),
    }
  }

  /** The records of the library `outline` (from this reader) was made of, found by name in its index; null when it was read whole. */
  named(outline: LibraryOutline): NamedRecords | null {
    const source = this.sources.get(outline)
    return source && !('format' in source) ? new IndexedNames(this.target, source) : null
  }

  /**
   * The search postings of the library `outline` (from this reader) was made of, built when a
   * search first needs them; null when the file changed since (indexed-postings.ts).
   */
  async postings(outline: LibraryOutline, rebuild = false): Promise<PostingsView | null> {
    const source = this.sources.get(outline)
    if (!source) return null
    const kept = rebuild ? undefined : this.builtPostings.get(outline)
    if (kept) return kept
    // Loaded by a search only: the postings' code needs node:zlib, which other reads never load.
    const { postingsOf } = await import('./indexed-postings.js')
    return postingsOf(this.place(), source, this.readIdentities.get(outline) ?? null, rebuild)
  }

  /**
   * An outline and its postings, from the index and the postings files while both are current for
   * the file; else null, neither built (Store.currentIndex). An index whose columns turn out not to
   * be what precis writes is made from the file read whole, as for any read (`instead`).
   */
  async currentIndex(): Promise<{ outline: LibraryOutline; postings: PostingsView } | null> {
    const current = readableIdentity(this.target)
    const contents = current && this.index?.load(current, this.fallback(current))
    if (!contents) return null
    // Loaded by a search only, as for `postings`.
    const { storedPostings } = await import('./indexed-postings.js')
    const postings = storedPostings(this.place(), contents.identity)
    return postings && { outline: this.handOut(indexOutline(contents), contents), postings }
  }

  /**
   * The index of the file (identity `current`) built from it read record by record, holding only
   * the outline (with the postings too, for a search), and saved; null when the file is not read
   * that way (the whole read says why). A library of COLLECT_FROM_BYTES or more is handed the index
   * as saved, read back as a later read reads it (each section decoded when first used): the outline
   * built (~100 MB at 100,000 summaries) would stay under the read that goes on (`related` peaked there).
   * `collect`: for such a library, what lets the build's garbage go (collectGarbage).
   */
  private async builtIndex(
    index: IndexFile,
    current: FileIdentity,
    forSearch: boolean,
  ): Promise<{ contents: IndexContents; postings?: PostingsView; collect?: () => void } | null> {
    // Record by record, holding only the outline; a file read so refuses goes on to the whole read, which says why.
    const both = forSearch ? await this.indexAndPostings(current) : null
    const built = both?.contents ?? runWithDefaultSignals(() => streamedIndex(this.target, current))
    if (!built) return null
    // The garbage of making the index, then of writing it, let go before the read goes on (collectGarbage).
    // Loaded only then: node:v8 and node:vm, which no other read needs.
    const collect = Number(current.size) >= this.largeFromBytes ? (await import('../../platform/collect.js')).collectGarbage : undefined
    collect?.()
    await index.save(() => built)
    index.pruneOrphans()
    // The fallback made outside this scope: a closure made here would hold `built` (one context for them all).
    const saved = collect && index.load(current, this.fallback(current))
    return { contents: saved || built, ...(both && { postings: both.postings }), ...(collect && { collect }) }
  }

  /** The index and the postings of the file (identity `current`) built in one reading, for a search; null: each its own way. */
  private async indexAndPostings(current: FileIdentity) {
    const { indexAndPostings } = await import('./indexed-postings.js')
    return indexAndPostings(this.place(), current)
  }

  private place(): PostingsPlace {
    return {
      target: this.target,
      file: this.file,
      path: this.index && postingsPath(this.index.path),
      note: this.note,
      noteFromBytes: this.noteFromBytes,
      largeFromBytes: this.largeFromBytes,
    }
  }

  /** instead(identity), for a load to call when it must. */
  private fallback(identity: FileIdentity): () => IndexContents {
    return () => this.instead(identity)
  }

  /**
   * The contents of the index, taken from the library read whole (synchronously: columns are decoded
   * inside reads that are not), for an index whose checksums hold but whose columns are not what
   * precis writes, or whose checksum fails. That index is removed: the next read builds it.
   */
  private instead(identity: FileIdentity): IndexContents {
    this.index?.remove()
    const { library, bytes } = this.file.readNow()
    const whole = library ?? emptyLibrary()
    const placed = bytes && library ? placesInText(library, bytes) : null
    return buildIndex(placed ?? { ...whole, paperPlaces: [], summaryPlaces: [] }, this.target, identity)
  }

  private handOut(outline: LibraryOutline, source: IndexContents | Library): LibraryOutline {
    this.sources.set(outline, source)
    return outline
  }
}

/**
 * Inside a save's lock, once it has read the library: what the index knew of the library read,
 * when the index is current for it (`read` is the file's identity before it was read; it must be
 * the same after); else undefined.
 */
export function indexBeforeChange(
  target: string,
  options: IndexOptions,
  read: FileIdentity | null,
  library: Library,
): BeforeChange | undefined {
  if (!sameIdentity(read, fileIdentity(target))) return undefined // changed while being read
  const contents = indexFileOf(target, options).load(read)
  try {
    return contents ? beforeChange(library, contents) : undefined
  } catch {
    return undefined // columns precis did not write: built afresh
  }
}

/**
 * After a save (inside its lock): the index of the file just written, from the records as they
 * were placed in it (whose entries are `entries`); what did not change is taken from `before`.
 */
export async function indexAfterWrite(
  target: string,
  options: IndexOptions,
  placed: PlacedLibrary,
  entries: readonly Entry[],
  before?: BeforeChange,
): Promise<void> {
  const identity = fileIdentity(target)
  if (!identity) return
  const index = indexFileOf(target, options)
  await index.save(() =>
    buildIndex(placed, target, identity, before && outlineAfterChange(placed, before), {
      entries,
      ...(before?.orders && { before: before.orders }),
    }),
  )
  // What killed saves left; only here, where a save has loaded what this needs (a read has not).
  const { removeDeadWritersFiles } = await import('../temp-files.js')
  await removeDeadWritersFiles(index.path)
  await removeDeadWritersFiles(postingsPath(index.path))
  await removeDeadWritersFiles(deltaPath(postingsPath(index.path)))
}

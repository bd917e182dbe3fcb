import type { Library, TrashEntry } from '../core/model.js'
import type { LibraryOutline } from '../core/records/outline.js'
import type { PostingsView } from '../core/search/postings-view.js'
import type { FileStore } from './file-store.js'
import type { IndexOptions } from './index/indexed-library.js'
import type { PickedRecords } from './outline-reads.js'
import type { LoadRecorder } from './recorder.js'
import type { Change, NamedRecords, OutlineOptions, RecordPlaces, RecordsAt, Store, UpdateOptions } from './store.js'

/**
 * The file store, loaded on first use. The context names the library as soon as a command asks
 * for it, but the lock, the durable writer and lowdb are loaded only when it is read or changed,
 * so that start-up (`--help`, and every command's parsing) does not pay for them.
 */
export class DeferredFileStore implements Store {
  #store: Promise<FileStore> | undefined

  constructor(
    readonly path: string,
    private readonly lockTimeoutMs: number,
    /** Told when a saved change could not be recorded in the library's history. */
    private readonly warn: (message: string) => void,
    /** How changes are recorded in the library's history. */
    private readonly loadRecorder: LoadRecorder,
    /** Where the library's index is kept. */
    readonly index?: IndexOptions,
  ) {}

  async read(): Promise<Library> {
    return (await this.#open()).read()
  }

  async update<T>(change: Change<T>, options?: UpdateOptions<T>): Promise<T> {
    return (await this.#open()).update(change, options)
  }

  async outline(options?: OutlineOptions): Promise<LibraryOutline> {
    return (await this.#open()).outline(options)
  }

  async records(outline: LibraryOutline, keys: readonly string[], ids: readonly string[], places?: RecordPlaces): Promise<PickedRecords> {
    return (await this.#open()).records(outline, keys, ids, places)
  }

  async trash(): Promise<TrashEntry[]> {
    return (await this.#open()).trash()
  }

  async postings(outline: LibraryOutline, rebuild?: boolean): Promise<PostingsView | null> {
    const store = await this.#open()
    return store.postings ? store.postings(outline, rebuild) : null
  }

  async currentIndex(): Promise<{ outline: LibraryOutline; postings: PostingsView } | null> {
    return (await this.#open()).currentIndex()
  }

  async named(outline: LibraryOutline): Promise<NamedRecords | null> {
    return (await this.#open()).named(outline)
  }

  wholeLibrary(outline: LibraryOutline): Library | null {
    return this.#opened?.wholeLibrary(outline) ?? null
  }

  changedSince(outline: LibraryOutline): boolean {
    return this.#opened?.changedSince(outline) ?? false
  }

  recordsAt(outline: LibraryOutline): RecordsAt | null {
    return this.#opened?.recordsAt(outline) ?? null
  }

  /** The store once opened (an outline it handed out was made by it). */
  #opened: FileStore | undefined

  #open(): Promise<FileStore> {
    this.#store ??= import('./file-store.js').then(
      ({ FileStore }) => (this.#opened = new FileStore(this.path, this.lockTimeoutMs, this.loadRecorder, this.warn, this.index)),
    )
    return this.#store
  }
}

import type { Library } from '../core/model.js'
import type { LibraryOutline } from '../core/records/outline.js'
import type { PostingsView } from '../core/search/postings-view.js'
import type { FileStore } from './file-store.js'
import type { IndexOptions } from './index/indexed-library.js'
import type { PickedRecords } from './outline-reads.js'
import type { LoadRecorder } from './recorder.js'
import type { Change, NamedRecords, Store, UpdateOptions } from './store.js'

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
    private readonly index?: IndexOptions,
  ) {}

  async read(): Promise<Library> {
    return (await this.#open()).read()
  }

  async update<T>(change: Change<T>, options?: UpdateOptions<T>): Promise<T> {
    return (await this.#open()).update(change, options)
  }

  async outline(): Promise<LibraryOutline> {
    return (await this.#open()).outline()
  }

  async records(outline: LibraryOutline, keys: readonly string[], ids: readonly string[]): Promise<PickedRecords> {
    return (await this.#open()).records(outline, keys, ids)
  }

  async postings(outline: LibraryOutline, rebuild?: boolean): Promise<PostingsView | null> {
    const store = await this.#open()
    return store.postings ? store.postings(outline, rebuild) : null
  }

  async named(outline: LibraryOutline): Promise<NamedRecords | null> {
    return (await this.#open()).named(outline)
  }

  #open(): Promise<FileStore> {
    this.#store ??= import('./file-store.js').then(
      ({ FileStore }) => new FileStore(this.path, this.lockTimeoutMs, this.loadRecorder, this.warn, this.index),
    )
    return this.#store
  }
}

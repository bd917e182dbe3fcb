import type { Library } from '../core/model.js'

/**
 * The library store (lowdb's Adapter idea, with a locked read-modify-write).
 * Commands read through `read` and change through `update`, never by writing a file themselves.
 */
export interface Store {
  /** The library file, or null for an in-memory store. */
  readonly path: string | null
  /** The current library (an empty one when the file does not exist yet). Validated. */
  read(): Promise<Library>
  /**
   * Lock, re-read, let `change` mutate the library, then write it durably and unlock.
   * When `change` throws, nothing is written. Returns what `change` returned.
   */
  update<T>(change: (library: Library) => T | Promise<T>): Promise<T>
}

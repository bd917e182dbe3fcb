import { emptyLibrary, type Library } from '../core/model.js'
import type { Change, Store, UpdateOptions } from './store.js'
import { checkBeforeWrite } from './write-gate.js'

/** An in-memory store for unit tests. Each read returns a copy, as a file read would. */
export class MemoryStore implements Store {
  readonly path = null
  private library: Library
  /** Updates so far: a read is unchanged while none came after it. */
  private version = 0
  private readonly reads = new WeakMap<Library, number>()

  constructor(initial: Library = emptyLibrary()) {
    this.library = structuredClone(initial)
  }

  async read(): Promise<Library> {
    const copy = structuredClone(this.library)
    this.reads.set(copy, this.version)
    return copy
  }

  async update<T>(change: Change<T>, options: UpdateOptions<T> = {}): Promise<T> {
    const draft = structuredClone(this.library)
    const unchanged = options.since !== undefined && this.reads.get(options.since) === this.version
    const result = await change(draft, { unchanged })
    checkBeforeWrite(draft, 'the library') // the file store's gate, so command tests meet it too
    this.library = draft
    this.version++
    return result
  }
}

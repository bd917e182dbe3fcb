import { emptyLibrary, type Library } from '../core/model.js'
import type { Store } from './store.js'
import { checkBeforeWrite } from './write-gate.js'

/** An in-memory store for unit tests. Each read returns a copy, as a file read would. */
export class MemoryStore implements Store {
  readonly path = null
  private library: Library

  constructor(initial: Library = emptyLibrary()) {
    this.library = structuredClone(initial)
  }

  async read(): Promise<Library> {
    return structuredClone(this.library)
  }

  async update<T>(change: (library: Library) => T | Promise<T>): Promise<T> {
    const draft = structuredClone(this.library)
    const result = await change(draft)
    checkBeforeWrite(draft, 'the library') // the file store's gate, so command tests meet it too
    this.library = draft
    return result
  }
}

import type { Library } from '../../src/core/model.js'
import type { Change, Store, UpdateOptions } from '../../src/store/store.js'
import { testContext, type TestContext, type TestContextOptions } from './context.js'

/**
 * A store whose first update lets someone else change the library first (another precis, a hand
 * edit), through the real store. A command reads the library before its update, so the change lands
 * between its read and its write: a concurrent change, made deterministic.
 */
export class MeddlingStore implements Store {
  /** How many times the change was made (0 until the command's first update). */
  meddled = 0

  constructor(
    private readonly inner: Store,
    private readonly meddle: (library: Library) => void,
  ) {}

  get path(): string | null {
    return this.inner.path
  }

  read(): Promise<Library> {
    return this.inner.read()
  }

  async update<T>(change: Change<T>, options?: UpdateOptions<T>): Promise<T> {
    if (this.meddled === 0) {
      this.meddled++
      await this.inner.update(this.meddle)
    }
    return this.inner.update(change, options)
  }
}

/** A test Context whose store is changed by `meddle` just before the command's first update. */
export function meddledContext(options: TestContextOptions, meddle: (library: Library) => void): TestContext & { store: MeddlingStore } {
  const ctx = testContext(options)
  return { ...ctx, store: new MeddlingStore(ctx.store, meddle) }
}

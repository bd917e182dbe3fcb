import { lstat, mkdir, readlink, realpath } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { emptyLibrary, type Library } from '../core/model.js'
import { gitAutoCommit } from '../sync/auto-commit.js'
import { saveFailure } from './durable-write.js'
import { LibraryFile } from './library-file.js'
import { acquireLock } from './lock.js'
import { DEFAULT_LOCK_TIMEOUT_MS } from './lock-timeout.js'
import type { ChangeRecorder } from './recorder.js'
import type { Store, UpdateOptions } from './store.js'

/**
 * The real path behind `path`: symlinks followed (also a dangling one, so the first write creates
 * the link's target rather than replacing the link), folders resolved where they exist.
 */
export async function resolveLibraryTarget(path: string, hops = 0): Promise<string> {
  try {
    return await realpath(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || hops > 40) throw error
  }
  try {
    if ((await lstat(path)).isSymbolicLink()) {
      return resolveLibraryTarget(resolve(dirname(path), await readlink(path)), hops + 1)
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  try {
    return join(await realpath(dirname(path)), basename(path))
  } catch {
    return path // the folder does not exist yet; it is created on first write
  }
}

/**
 * The library in a JSON file: lowdb over our adapter, with a cross-process lock around every update,
 * and each update recorded in the library's history (a git commit when sync is on).
 */
export class FileStore implements Store {
  constructor(
    readonly path: string,
    private readonly lockTimeoutMs = DEFAULT_LOCK_TIMEOUT_MS,
    private readonly recorder: ChangeRecorder = gitAutoCommit,
  ) {}

  async read(): Promise<Library> {
    const { Low } = await import('lowdb') // not at start-up: `--help` never opens the library
    const db = new Low(new LibraryFile(await resolveLibraryTarget(this.path)), emptyLibrary())
    await db.read()
    return db.data
  }

  async update<T>(change: (library: Library) => T | Promise<T>, options: UpdateOptions<T> = {}): Promise<T> {
    const target = await resolveLibraryTarget(this.path)
    await mkdir(dirname(target), { recursive: true })
    const lock = `${target}.lock`
    const release = await acquireLock(lock, { timeoutMs: this.lockTimeoutMs, label: this.path }).catch((error: unknown) => {
      throw saveFailure(target, error, `its lock file ${lock} could not be created`)
    })
    try {
      const { Low } = await import('lowdb')
      const db = new Low(new LibraryFile(target), emptyLibrary()) // re-read inside the lock: never a lost update
      await db.read()
      const recording = await this.recorder.begin(target, db.data)
      const result = await change(db.data)
      await db.write()
      const { message } = options
      await recording?.finish(db.data, typeof message === 'function' ? message(result) : message)
      return result
    } finally {
      await release()
    }
  }
}

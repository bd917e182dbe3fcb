// Synchronous calls: fs/promises (with readline and streams) costs every command's start more than they take.
import { lstatSync, mkdirSync, readlinkSync, realpathSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { emptyLibrary, type Library } from '../core/model.js'
import { LibraryFile } from './library-file.js'
import { DEFAULT_LOCK_TIMEOUT_MS } from './lock-timeout.js'
import type { ChangeRecorder } from './recorder.js'
import type { Store, UpdateOptions } from './store.js'

/**
 * The real path behind `path`: symlinks followed (also a dangling one, so the first write creates
 * the link's target rather than replacing the link), folders resolved where they exist.
 */
export async function resolveLibraryTarget(path: string, hops = 0): Promise<string> {
  try {
    return realpathSync(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || hops > 40) throw error
  }
  try {
    if (lstatSync(path).isSymbolicLink()) {
      return resolveLibraryTarget(resolve(dirname(path), readlinkSync(path)), hops + 1)
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  try {
    return join(realpathSync(dirname(path)), basename(path))
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
    /** How changes are recorded: by default a git commit when sync is on. */
    private readonly recorder?: ChangeRecorder,
  ) {}

  async read(): Promise<Library> {
    const { Low } = await import('lowdb') // not at start-up: `--help` never opens the library
    const db = new Low(new LibraryFile(await resolveLibraryTarget(this.path)), emptyLibrary())
    await db.read()
    return db.data
  }

  async update<T>(change: (library: Library) => T | Promise<T>, options: UpdateOptions<T> = {}): Promise<T> {
    // Loaded by the commands that write only: with them, git and the durable write (child_process,
    // crypto, fs/promises) would slow the start of every command that reads.
    const [{ acquireLock }, { saveFailure }, { checkBeforeWrite }, recorder] = await Promise.all([
      import('./lock.js'),
      import('./durable-write.js'),
      import('./write-gate.js'),
      this.recorder ?? import('../sync/auto-commit.js').then((m) => m.gitAutoCommit),
    ])
    const target = await resolveLibraryTarget(this.path)
    mkdirSync(dirname(target), { recursive: true })
    const lock = `${target}.lock`
    const release = await acquireLock(lock, { timeoutMs: this.lockTimeoutMs, label: this.path }).catch((error: unknown) => {
      throw saveFailure(target, error, `its lock file ${lock} could not be created`)
    })
    try {
      const { Low } = await import('lowdb')
      const db = new Low(new LibraryFile(target), emptyLibrary()) // re-read inside the lock: never a lost update
      await db.read()
      const recording = await recorder.begin(target, db.data)
      const result = await change(db.data)
      checkBeforeWrite(db.data, this.path) // the read path's rules: never write what cannot be read back
      await db.write()
      const { message } = options
      await recording?.finish(db.data, typeof message === 'function' ? message(result) : message)
      return result
    } finally {
      await release()
    }
  }
}

/**
 * What `precis doctor` does to the files beside a library: look at them, and remove what killed
 * writers left. Everything that changes a file holds the library lock, so it never races a running
 * precis (restore-backup.ts puts the backup back the same way).
 */
import { lstat, readdir, rm } from 'node:fs/promises'
import { hostname } from 'node:os'
import { basename, dirname, join } from 'node:path'
import type { FolderState } from '../core/doctor/files.js'
import { NewerLibraryError } from '../core/schema/upgrade.js'
import { DataError } from '../core/errors.js'
import { resolveLibraryTarget } from './file-store.js'
import { LibraryFile } from './library-file.js'
import { acquireLock, isStale, readOwner } from './lock.js'
import { visitLibrary } from './library-records.js'
import { runWithDefaultSignals } from '../platform/interrupt.js'

/** True for the error of a file that does not exist. */
export function missing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT'
}

/** Why the library file at `path` does not read, or null when it does. */
export async function readProblem(path: string): Promise<string | null> {
  // Record by record first, holding none (a backup is as large as the library); read whole, with its own words, when not read so.
  const ignore = () => undefined
  if (runWithDefaultSignals(() => visitLibrary(path, { paper: ignore, summary: ignore, trash: ignore }))) return null
  try {
    await new LibraryFile(path).read()
    return null
  } catch (error) {
    // A newer precis's file is not damaged: no repair or restore may replace it, so nothing goes on.
    if (error instanceof DataError && !(error instanceof NewerLibraryError)) return error.message
    throw error
  }
}

/** The owner a lock names and whether that owner is certainly gone; null when there is no lock. */
function lockFileState(path: string): { stale: boolean; owner: string } | null {
  const lock = readOwner(path)
  if (!lock) return null
  const { owner, ageMs } = lock
  const who = owner ? `process ${owner.pid} on ${owner.host}` : 'a precis that was stopped while taking it'
  return { stale: isStale(owner, ageMs, hostname()), owner: who }
}

async function backupState(target: string): Promise<FolderState['backup']> {
  const path = `${target}.bak`
  try {
    const info = await lstat(path)
    const problem = info.isSymbolicLink() ? 'it is a symbolic link, which precis never makes' : await readProblem(path)
    return { path, mtimeMs: info.mtimeMs, problem }
  } catch (error) {
    if (missing(error)) return null
    throw error
  }
}

/** Temp files of killed writers beside `target`, and a break lock whose owner is gone. */
async function leftoversBeside(target: string): Promise<FolderState['leftovers']> {
  const name = basename(target)
  const found: FolderState['leftovers'] = []
  for (const entry of await readdir(dirname(target))) {
    const path = join(dirname(target), entry)
    const temp = entry.startsWith(`.${name}.tmp-`) || entry.startsWith(`.${name}.bak-`)
    if (!temp && !(entry === `${name}.lock.break` && lockFileState(path)?.stale)) continue
    try {
      found.push({ path, bytes: (await lstat(path)).size })
    } catch (error) {
      if (!missing(error)) throw error // removed meanwhile by a writer that finished
    }
  }
  return found.sort((a, b) => a.path.localeCompare(b.path))
}

/** The state of the files beside the library at `libraryPath`. */
export async function inspectFolder(libraryPath: string): Promise<FolderState> {
  const library = await resolveLibraryTarget(libraryPath)
  let libraryMtimeMs: number | null = null
  try {
    libraryMtimeMs = (await lstat(library)).mtimeMs
  } catch (error) {
    if (!missing(error)) throw error
  }
  const lockPath = `${library}.lock`
  const lock = lockFileState(lockPath)
  let leftovers: FolderState['leftovers'] = []
  try {
    leftovers = await leftoversBeside(library)
  } catch (error) {
    if (!missing(error)) throw error // no folder yet: nothing beside it
  }
  return { library, libraryMtimeMs, backup: await backupState(library), lock: lock && { path: lockPath, ...lock }, leftovers }
}

/** Run `work` holding the library's lock (a stale lock is broken on the way, as every writer does). */
export async function withLock<T>(libraryPath: string, timeoutMs: number, work: (target: string) => Promise<T>): Promise<T> {
  const target = await resolveLibraryTarget(libraryPath)
  const release = await acquireLock(`${target}.lock`, { timeoutMs, label: libraryPath })
  try {
    return await work(target)
  } finally {
    await release()
  }
}

/**
 * Remove the temp files killed writers left beside the library. Done holding the lock: a running
 * precis only has temp files while it holds it, so every one found then is a leftover.
 */
export async function removeLeftovers(libraryPath: string, timeoutMs: number): Promise<string[]> {
  return withLock(libraryPath, timeoutMs, async (target) => {
    const leftovers = await leftoversBeside(target)
    for (const { path } of leftovers) await rm(path, { force: true }) // a link is removed, never its target
    return leftovers.map((f) => f.path)
  })
}

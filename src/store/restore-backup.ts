/**
 * `precis doctor --restore-backup`: the backup back in the library's place, atomically and
 * durably, holding the lock; the file it replaces is kept, never deleted.
 */
import { lstat } from 'node:fs/promises'
import { DataError, NotFoundError } from '../core/errors.js'
import { linkOrCopy, replaceWithLinkOrCopy } from './link-or-copy.js'
import { missing, readProblem, withLock } from './maintenance.js'

/** What restoring the backup did. */
export interface Restored {
  backup: string
  /** Where the file it replaced was kept; null when there was no library file. */
  keptAs: string | null
}

/**
 * Put `<library>.bak` in the library's place, atomically and durably, after checking it is a
 * valid library. The file it replaces is never deleted: it is kept beside it as
 * `<library>.damaged-<time>` (or `.replaced-<time>` when it was a valid library). The backup stays.
 */
export async function restoreBackup(libraryPath: string, now: Date, timeoutMs: number): Promise<Restored> {
  return withLock(libraryPath, timeoutMs, async (target) => {
    const backup = `${target}.bak`
    const info = await lstat(backup).catch((error: unknown) => {
      throw missing(error) ? new NotFoundError(`There is no backup to restore: ${backup} does not exist`) : error
    })
    if (!info.isFile()) throw new DataError(`${backup} is not a regular file (a symbolic link?); precis does not restore from it`)
    const problem = await readProblem(backup)
    if (problem) throw new DataError(`The backup is not a valid library either, so it was not restored: ${problem}`)
    let keptAs: string | null = null
    const current = await lstat(target).catch((error: unknown) => {
      if (missing(error)) return null
      throw error
    })
    if (current) {
      const damaged = (await readProblem(target)) !== null
      keptAs = `${target}.${damaged ? 'damaged' : 'replaced'}-${now.toISOString().replace(/[:.]/g, '-')}`
      await linkOrCopy(target, keptAs)
    }
    // Linked, not copied: precis never changes a file in place, so the library may share the backup's inode.
    await replaceWithLinkOrCopy(backup, target, 'tmp')
    return { backup, keptAs }
  })
}

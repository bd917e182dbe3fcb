/**
 * Before the first write of a library file of an older format version (read upgraded, see
 * core/schema/upgrade.ts), the file as it was is kept beside it as `<library>.v<version>.bak`, so
 * going back to an older precis stays possible. Kept for good: later writes rotate `<library>.bak`,
 * never this one.
 */
import { rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { fsyncDirectory } from './durable-write.js'
import { upgradeBackupPath } from './paths.js'
import { linkOrCopy } from './link-or-copy.js'
import { tempNameBeside } from './temp-files.js'

/**
 * Keep the library file at `target` (of format `version`) as its upgrade backup, durably, and return
 * where. Linked, not copied, where the file system allows: precis never changes a file in place. A
 * backup left by an earlier upgrade is replaced: it held an older state of the same library.
 */
export async function keepUpgradeBackup(target: string, version: number): Promise<string> {
  const backup = upgradeBackupPath(target, version)
  const temp = tempNameBeside(target, 'bak')
  await linkOrCopy(target, temp)
  try {
    await rename(temp, backup)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  await fsyncDirectory(dirname(target))
  return backup
}

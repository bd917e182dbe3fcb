/**
 * Before the first write of a library file of an older format version (read upgraded, see
 * core/schema/upgrade.ts), the file as it was is kept beside it as `<library>.v<version>.bak`, so
 * going back to an older precis stays possible. Kept for good: later writes rotate `<library>.bak`,
 * never this one.
 */
import { upgradeBackupPath } from './paths.js'
import { replaceWithLinkOrCopy } from './link-or-copy.js'

/**
 * Keep the library file at `target` (of format `version`) as its upgrade backup, durably, and return
 * where. Linked, not copied, where the file system allows: precis never changes a file in place. A
 * backup left by an earlier upgrade is replaced: it held an older state of the same library.
 */
export async function keepUpgradeBackup(target: string, version: number): Promise<string> {
  const backup = upgradeBackupPath(target, version)
  await replaceWithLinkOrCopy(target, backup, 'bak')
  return backup
}

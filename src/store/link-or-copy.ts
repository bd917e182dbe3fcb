import { constants } from 'node:fs'
import { copyFile, link, open } from 'node:fs/promises'

/** Hard-link `from` to the new name `to`, or copy it (flushed) where links are not supported. */
export async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'EMLINK') throw error
    await copyFile(from, to, constants.COPYFILE_EXCL)
    const handle = await open(to, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  }
}

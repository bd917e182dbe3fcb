import { constants } from 'node:fs'
import { copyFile, link, open, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { fsyncDirectory } from './durable-write.js'
import { tempNameBeside } from './temp-files.js'

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

/**
 * Put `from`'s bytes at `to`, replacing what is there in one rename: linked (or copied) under a
 * temporary name beside `to` (ending in `suffix`) first, so `to` is never seen half written.
 */
export async function replaceWithLinkOrCopy(from: string, to: string, suffix: 'tmp' | 'bak'): Promise<void> {
  const temp = tempNameBeside(to, suffix)
  await linkOrCopy(from, temp)
  try {
    await rename(temp, to)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  await fsyncDirectory(dirname(to))
}

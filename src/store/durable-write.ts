import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { link, open, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** Mode of a library created by precis: notes are private. */
export const NEW_FILE_MODE = 0o600

/** Chunks are gathered into writes of about this many characters: few syscalls, bounded memory. */
const WRITE_BATCH_CHARS = 4 * 1024 * 1024

function tempNameBeside(path: string, purpose: string): string {
  return join(dirname(path), `.${basename(path)}.${purpose}-${process.pid}-${randomBytes(6).toString('hex')}`)
}

async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY)
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function modeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).mode & 0o7777
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/**
 * Keep the current file as `<path>.bak`. The backup is a hard link to the current inode, which the
 * rename below leaves untouched, so no copy is made; where links are not supported it is copied.
 */
async function keepBackup(path: string): Promise<void> {
  const temp = tempNameBeside(path, 'bak')
  try {
    await link(path, temp)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return // first write: nothing to keep
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error
    const { copyFile } = await import('node:fs/promises')
    await copyFile(path, temp, constants.COPYFILE_EXCL)
  }
  await rename(temp, `${path}.bak`)
}

/**
 * Replace `path` with `chunks` so that a crash at any moment leaves either the old or the new file:
 * write a unique temp file beside it (O_EXCL, so a planted symlink is never followed), fsync it,
 * keep the old file as `.bak`, rename over, fsync the folder. The file's mode is kept.
 * `path` must already be the real path (symlinks resolved by the caller).
 */
export async function writeFileDurably(path: string, chunks: Iterable<string>): Promise<void> {
  const mode = (await modeOf(path)) ?? NEW_FILE_MODE
  const temp = tempNameBeside(path, 'tmp')
  const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode)
  try {
    try {
      // Written in pieces so a large library never has to become one giant string.
      let pending: string[] = []
      let pendingLength = 0
      for (const chunk of chunks) {
        pending.push(chunk)
        pendingLength += chunk.length
        if (pendingLength >= WRITE_BATCH_CHARS) {
          await handle.write(pending.join(''))
          pending = []
          pendingLength = 0
        }
      }
      if (pending.length > 0) await handle.write(pending.join(''))
      await handle.chmod(mode) // the umask may have narrowed the mode given to open
      await handle.sync()
    } finally {
      await handle.close()
    }
    await keepBackup(path)
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  await fsyncDirectory(dirname(path))
}

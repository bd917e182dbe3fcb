import { closeSync, constants, linkSync, openSync } from 'node:fs'
import { access, open, rename, rm, stat, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import { ExitCode, PrecisError } from '../core/errors.js'
import { describeFileError } from '../platform/file-errors.js'
import { removeOnInterrupt } from '../platform/interrupt.js'
import { removeDeadWritersFiles, tempNameBeside } from './temp-files.js'

/** Mode of a library created by precis: notes are private. */
export const NEW_FILE_MODE = 0o600

/** Chunks are encoded into a buffer of this size and written when it fills: few syscalls, bounded memory. */
const WRITE_BUFFER_BYTES = 4 * 1024 * 1024

/**
 * A save that failed before the library was replaced, as a message a person can act on: which
 * library, why, and that it is unchanged. Errors that are not system errors pass through.
 */
export function saveFailure(library: string, error: unknown, step?: string): unknown {
  if (error instanceof PrecisError || typeof (error as NodeJS.ErrnoException | null)?.code !== 'string') return error
  return new PrecisError(`Could not save the library ${library}: ${step ? `${step}: ` : ''}${describeFileError(error)}`, ExitCode.failure, [
    'The library was not changed.',
  ])
}

/** Flush a folder's entries (a rename into it) to disk. */
export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY)
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * Why the file at `path`, of `mode`, must not be replaced, or null when it may. A save renames a new
 * file over the library and never writes into it, which the file's own permissions do not stop (the
 * folder's do): a library the person made read-only is honoured here. Decided by the mode bits, not
 * only by access(2): root passes every access check (precis's tests run as root), but an owner
 * write bit taken away is a decision to respect whoever runs precis. `writable` is access(2)'s
 * answer, for a file of another user or one an ACL denies.
 */
export function readOnlyReason(path: string, mode: number, writable: boolean): string | null {
  const quoted = `'${path.replace(/'/g, `'\\''`)}'`
  if ((mode & 0o200) === 0) return `the library file is read-only; chmod u+w ${quoted} to allow changes`
  if (!writable) return `you do not have permission to change the library file ${quoted} (see its owner and mode with ls -l)`
  return null
}

/** The mode of the file at `path`, to keep for its replacement; null when there is none yet. Refuses a read-only file. */
async function modeToKeep(path: string): Promise<number | null> {
  let mode: number
  try {
    mode = (await stat(path)).mode & 0o7777
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw saveFailure(path, error)
  }
  const writable = await access(path, constants.W_OK).then(
    () => true,
    (error: NodeJS.ErrnoException) => error.code !== 'EACCES', // a read-only file system is the write's to report
  )
  const reason = readOnlyReason(path, mode, writable)
  if (reason) throw new PrecisError(`Could not save the library ${path}: ${reason}`, ExitCode.failure, ['The library was not changed.'])
  return mode
}

/**
 * Keep the current file as `<path>.bak`. The backup is a hard link to the current inode, which the
 * rename below leaves untouched, so no copy is made; where links are not supported it is copied.
 */
async function keepBackup(path: string): Promise<void> {
  const temp = tempNameBeside(path, 'bak')
  const forget = removeOnInterrupt(temp) // from before it exists, as in writeFileDurably
  try {
    // Made by synchronous calls, as the temp file is.
    try {
      linkSync(path, temp)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT') return // first write: nothing to keep
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error
      closeSync(openSync(temp, 'wx', NEW_FILE_MODE))
      const { copyFile } = await import('node:fs/promises')
      await copyFile(path, temp) // over the file made just now, ours
    }
    await rename(temp, `${path}.bak`).catch(async (error: unknown) => {
      await rm(temp, { force: true })
      throw error
    })
  } finally {
    forget()
  }
}

/** Write `length` bytes of `bytes`: one write may be cut short (disk full, file size limit) without an error. */
async function writeAll(handle: FileHandle, bytes: Buffer, length: number): Promise<void> {
  for (let offset = 0; offset < length;) {
    const { bytesWritten } = await handle.write(bytes, offset, length - offset)
    if (bytesWritten === 0) throw Object.assign(new Error('no byte could be written'), { code: 'EIO' })
    offset += bytesWritten
  }
}

/** Thrown when the text would be longer than the `maxBytes` given to `writeFileDurably`. */
export class TooLongError extends Error {}

/**
 * Write `chunks` as UTF-8 to the new file behind `handle`. Each chunk is encoded straight into one
 * reused buffer, written out whenever the next might not fit: no joined batches or per-chunk
 * buffers, so a large library is written in bounded memory.
 */
async function writeChunks(handle: FileHandle, chunks: Iterable<string>, maxBytes: number): Promise<void> {
  const buffer = Buffer.allocUnsafe(WRITE_BUFFER_BYTES)
  let used = 0
  let total = 0
  for (const chunk of chunks) {
    const mostBytes = chunk.length * 3 // a UTF-16 code unit takes at most 3 bytes in UTF-8
    if (used + mostBytes > buffer.length) {
      await writeAll(handle, buffer, used)
      used = 0
    }
    const bytes = mostBytes > buffer.length ? Buffer.from(chunk) : undefined // a chunk longer than the buffer goes on its own
    const length = bytes ? bytes.length : buffer.write(chunk, used)
    total += length
    if (total > maxBytes) throw new TooLongError(`the text is longer than ${maxBytes} bytes`)
    if (bytes) await writeAll(handle, bytes, length)
    else used += length
  }
  await writeAll(handle, buffer, used)
}

/** Write `chunks` to the new file behind `handle`, flush it to disk and close it. */
async function fillAndClose(handle: FileHandle, chunks: Iterable<string>, maxBytes: number, mode: number): Promise<void> {
  try {
    await writeChunks(handle, chunks, maxBytes)
    await handle.chmod(mode) // the umask may have narrowed the mode given to open
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * Replace `path` with `chunks` so that a crash at any moment leaves either the old or the new file:
 * write a unique temp file beside it (O_EXCL, so a planted symlink is never followed), fsync it,
 * keep the old file as `.bak`, rename over, fsync the folder. The file's mode is kept.
 * `path` must already be the real path (symlinks resolved by the caller). Text longer than
 * `maxBytes` is not written: TooLongError, and `path` is left as it was; nor is a file the person
 * made read-only. Temp files of writers that were killed are removed on the way.
 */
export async function writeFileDurably(path: string, chunks: Iterable<string>, maxBytes = Infinity): Promise<void> {
  const mode = (await modeToKeep(path)) ?? NEW_FILE_MODE
  await removeDeadWritersFiles(path) // before this write adds its own; the caller holds the lock
  const temp = tempNameBeside(path, 'tmp')
  // Removed on Ctrl-C from before it exists, so an interruption just after the kernel creates it
  // finds it too: the name is new and random, the only file it can name is the one we create.
  const forget = removeOnInterrupt(temp)
  let created = false
  try {
    // Created by a synchronous call, then opened (see platform/interrupt.ts: a Ctrl-C handled while
    // another thread was creating it would leave it behind).
    closeSync(openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode))
    created = true // from here on the temp file is ours to remove; a name we did not create is never touched
    const handle = await open(temp, constants.O_WRONLY | constants.O_NOFOLLOW)
    await fillAndClose(handle, chunks, maxBytes, mode)
    await keepBackup(path)
    await rename(temp, path)
  } catch (error) {
    if (created) await rm(temp, { force: true })
    throw saveFailure(path, error)
  } finally {
    forget()
  }
  await fsyncDirectory(dirname(path))
}

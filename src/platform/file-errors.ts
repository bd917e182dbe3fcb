/**
 * File-system failures in the person's terms. Node's errors read `ELOOP: too many symbolic links
 * encountered, stat '/x'`; every read and write of a file names its reason through here instead.
 */
import type { Stats } from 'node:fs'

const REASONS: ReadonlyMap<string, string> = new Map([
  ['ENOENT', 'it does not exist'],
  ['ELOOP', 'its path goes through too many symbolic links (links that lead back to each other?)'],
  ['EACCES', 'permission denied'],
  ['EPERM', 'operation not permitted'],
  ['EISDIR', 'it is a folder, not a file'],
  ['ENOTDIR', 'a part of its path is a file, not a folder'],
  ['ENAMETOOLONG', 'its path is too long for the file system'],
  ['ENXIO', 'it is a socket or a device, not a regular file'],
  ['EEXIST', 'a file precis was about to create already exists'],
  ['EMFILE', 'too many files are open in precis'],
  ['ENFILE', 'too many files are open on this system'],
  ['ENOSPC', 'the disk is full'],
  ['EDQUOT', 'the disk quota is used up'],
  ['EFBIG', 'the file would be bigger than precis may write (file size limit)'],
  ['EROFS', 'the file system is read-only'],
  ['EIO', 'the disk reported an input/output error'],
  ['EBUSY', 'the file is in use by the system'],
  ['ETIMEDOUT', 'the file system did not answer in time'],
  ['ESTALE', 'the network file system lost track of the file'],
])

/** Thrown for a path that names something other than a regular file (see regular-file.ts). */
export class NotRegularFileError extends Error {
  /** `kind`: what the path names instead, as describeKind says it. */
  constructor(kind: string) {
    super(`it is ${kind}, not a regular file`)
  }
}

/** What kind of thing a path that is not a regular file names, as an article and a noun. */
export function describeKind(info: Stats): string {
  if (info.isDirectory()) return 'a folder'
  if (info.isFIFO()) return 'a named pipe (FIFO)'
  if (info.isCharacterDevice()) return 'a character device'
  if (info.isBlockDevice()) return 'a block device'
  if (info.isSocket()) return 'a socket'
  if (info.isSymbolicLink()) return 'a symbolic link'
  return 'a special file'
}

/**
 * Why a file operation failed, as a clause that follows "cannot read X: ". Unknown system errors
 * keep the words of their description without the code and the path.
 */
export function describeFileError(error: unknown): string {
  if (error instanceof NotRegularFileError) return error.message
  const { code, message } = error as NodeJS.ErrnoException
  const known = typeof code === 'string' ? REASONS.get(code) : undefined
  if (known) return known
  const words = /^[A-Z0-9_]+: ([^,]+)/.exec(String(message))?.[1]
  return words ?? String(message ?? error)
}

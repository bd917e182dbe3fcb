import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs'
import { describeKind, NotRegularFileError } from './file-errors.js'

/**
 * Opened without blocking: opening a named pipe for reading otherwise waits for a writer, in a
 * synchronous call that no signal interrupts (Ctrl-C and SIGTERM would be ignored). Not made the
 * controlling terminal if it is one. Both flags are 0 where the platform has no such thing.
 */
const OPEN_FOR_READING = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0)

/** A regular file open for reading, and its size when opened. */
export interface OpenFile {
  fd: number
  size: number
}

/**
 * Open `path` for reading if it is a regular file. A named pipe, a device (`/dev/zero` never ends),
 * a socket or a folder is refused at once with NotRegularFileError. The kind is taken from the
 * opened file itself, so it cannot be swapped between a check and the open. A symbolic link is
 * followed, unless `noFollow` (for a path already checked: a link put in its place is refused).
 * Other failures are the system's errors (file-errors.ts names them).
 */
export function openRegularFile(path: string, noFollow = false): OpenFile {
  let fd: number
  try {
    fd = openSync(path, OPEN_FOR_READING | (noFollow ? (constants.O_NOFOLLOW ?? 0) : 0))
  } catch (error) {
    // What O_NOFOLLOW meets at the end of the path: a link.
    if (noFollow && (error as NodeJS.ErrnoException).code === 'ELOOP') throw new NotRegularFileError('a symbolic link')
    throw error
  }
  try {
    const info = fstatSync(fd)
    if (!info.isFile()) throw new NotRegularFileError(describeKind(info))
    return { fd, size: info.size }
  } catch (error) {
    closeSync(fd)
    throw error
  }
}

/**
 * The bytes of a file `openRegularFile` opened, as many as its size said. Nothing is read from a
 * file of no size: those of /proc report none, and some never end (/proc/kmsg waits for the
 * kernel's next message); it reads as empty, which every reader refuses or skips as such.
 */
export function readOpenedFile({ fd, size }: OpenFile): Buffer {
  return size === 0 ? Buffer.alloc(0) : readFileSync(fd)
}

/** The bytes of the regular file at `path` (see openRegularFile for what is refused, and how). */
export function readRegularFile(path: string): Buffer {
  const opened = openRegularFile(path)
  try {
    return readOpenedFile(opened)
  } finally {
    closeSync(opened.fd)
  }
}

/**
 * The bytes of a file of a cache at `path`, or null when there is none to use: not a regular file
 * (a link or a folder put in its place is not followed), larger than `maxBytes`, or unreadable. A
 * cache is rebuilt rather than trusted, so any failure here is a miss, never an error.
 */
export function readCacheFile(path: string, maxBytes: number): Buffer | null {
  try {
    const opened = openRegularFile(path, true)
    try {
      return opened.size > maxBytes ? null : readOpenedFile(opened)
    } finally {
      closeSync(opened.fd)
    }
  } catch {
    return null
  }
}

import { closeSync, constants, fstatSync, openSync } from 'node:fs'
import { NotRegularFileError } from './file-errors.js'

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
 * Open `path` (symbolic links followed) for reading if it is a regular file. A named pipe, a device
 * (`/dev/zero` never ends), a socket or a folder is refused at once with NotRegularFileError. The
 * kind is taken from the opened file itself, so it cannot be swapped between a check and the open.
 * Other failures are the system's errors (file-errors.ts names them).
 */
export function openRegularFile(path: string): OpenFile {
  const fd = openSync(path, OPEN_FOR_READING)
  try {
    const info = fstatSync(fd)
    if (!info.isFile()) throw new NotRegularFileError(info)
    return { fd, size: info.size }
  } catch (error) {
    closeSync(fd)
    throw error
  }
}

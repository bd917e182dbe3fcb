import { closeSync } from 'node:fs'
import { DataError, NotFoundError } from '../core/errors.js'
import { describeFileError } from './file-errors.js'
import { decodeInput, MAX_INPUT_BYTES } from '../core/text/input.js'
import { openRegularFile, readOpenedFile, type OpenFile } from './regular-file.js'

/**
 * Read a text file from outside through the import gate (size, binary, strict UTF-8), refusing an
 * oversized file before reading it whole, and anything but a regular file (a named pipe, a device)
 * at once. Errors name the file. Standard input is read elsewhere (`-`).
 */
export async function readTextFile(path: string): Promise<string> {
  let opened: OpenFile
  try {
    opened = openRegularFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError(`No such file: ${path}`)
    throw new DataError(`Cannot read ${path}: ${describeFileError(error)}`)
  }
  try {
    if (opened.size > MAX_INPUT_BYTES) throw new DataError(`${path} is too big (${opened.size} bytes; the limit is ${MAX_INPUT_BYTES})`)
    return decodeInput(readOpenedFile(opened), path)
  } finally {
    closeSync(opened.fd)
  }
}

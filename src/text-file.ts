import { open } from 'node:fs/promises'
import { DataError, NotFoundError } from './core/errors.js'
import { decodeInput, MAX_INPUT_BYTES } from './formats/input.js'

/**
 * Read a text file from outside through the import gate (size, binary, strict UTF-8), refusing an
 * oversized file before reading it whole. Errors name the file.
 */
export async function readTextFile(path: string): Promise<string> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new NotFoundError(`No such file: ${path}`)
    throw new DataError(`Cannot read ${path}: ${(error as Error).message}`)
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) throw new DataError(`${path} is not a regular file`)
    if (info.size > MAX_INPUT_BYTES) throw new DataError(`${path} is too big (${info.size} bytes; the limit is ${MAX_INPUT_BYTES})`)
    return decodeInput(await handle.readFile(), path)
  } finally {
    await handle.close()
  }
}

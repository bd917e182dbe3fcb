// Where the library format stops. The file is read whole (fs.readFile), which Node refuses beyond
// 2 GiB; past V8's string limit (~512 MiB, about 100,000 summaries) it is parsed record by record,
// so that limit is not one the user meets. Memory is the other bound: a library takes about
// three times its file size in memory while read.

import { statSync } from 'node:fs'
import { formatBytes } from '../core/text/sizes.js'

/** The largest library file precis can read: Node's limit for reading a file whole. */
export const MAX_LIBRARY_FILE_BYTES = 2 ** 31 - 1

/** From this size on, every command warns that the library is nearing the limit. */
export const WARN_LIBRARY_FILE_BYTES = Math.floor(MAX_LIBRARY_FILE_BYTES * 0.75)

/** The warning for a library file of `bytes`, or null while it is comfortably below the limit. */
export function sizeWarning(path: string, bytes: number): string | null {
  if (bytes < WARN_LIBRARY_FILE_BYTES) return null
  return (
    `The library ${path} is ${formatBytes(bytes)}; precis cannot read a library file over ${formatBytes(MAX_LIBRARY_FILE_BYTES)}. ` +
    'Move summaries you no longer need to another library (precis export, then import there) before it grows further.'
  )
}

/** The size of the library file in bytes; null when there is none yet (or it cannot be looked at: the read says why). */
export function libraryFileBytes(path: string): number | null {
  try {
    return statSync(path).size
  } catch {
    return null
  }
}

import { renameSync, rmdirSync } from 'node:fs'

/**
 * Rename `temp` over `path`, as the files derived from the library (the index, its postings, the
 * math cache) are replaced: a folder in the way is removed when empty; otherwise this throws, and
 * the caller keeps what was there.
 */
export function renameOver(temp: string, path: string): void {
  try {
    renameSync(temp, path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EISDIR') throw error
    rmdirSync(path)
    renameSync(temp, path)
  }
}

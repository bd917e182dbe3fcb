import { closeSync, fstatSync, mkdirSync, readSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { openRegularFile } from '../../platform/regular-file.js'
import { decodePostings, encodePostings, type PostingsContents } from './postings-format.js'
import { identityOf, sameIdentity, type FileIdentity } from './identity.js'

/** Where the postings of the library whose index is at `indexPath` are kept: beside it, `<name>.postings`. */
export function postingsPath(indexPath: string): string {
  return indexPath.replace(/\.index$/, '') + '.postings'
}

/** Up to `length` bytes of the open file `fd` from `start`. */
function readAt(fd: number, start: number, length: number): Buffer {
  const bytes = Buffer.allocUnsafe(Math.max(0, length))
  let filled = 0
  while (filled < bytes.length) {
    const read = readSync(fd, bytes, filled, bytes.length - filled, start + filled)
    if (read === 0) break
    filled += read
  }
  return bytes.subarray(0, filled)
}

/**
 * The postings file of one library, loaded and saved as its index file is (index-file.ts): a link,
 * a folder, a damaged, foreign or outdated file reads as none; writing it never fails a command.
 */
export class PostingsFile {
  constructor(
    readonly path: string,
    /** The real path of the library file it indexes. */
    private readonly library: string,
  ) {}

  /** What the file holds, when built from the library file whose identity is `current`; else null. */
  load(current: FileIdentity | null): PostingsContents | null {
    if (current === null) return null
    let contents: PostingsContents | null
    try {
      const opened = openRegularFile(this.path, true) // a link put in its place is not followed
      try {
        // The tokens are read later, from the same file only: the one opened now, unchanged.
        const file = identityOf(fstatSync(opened.fd, { bigint: true }))
        contents = decodePostings({
          read: (start, length) => readAt(opened.fd, start, length),
          readLater: (start, length) => this.readLater(file, start, length),
        })
      } finally {
        closeSync(opened.fd)
      }
    } catch {
      return null
    }
    return contents && contents.library === this.library && sameIdentity(contents.identity, current) ? contents : null
  }

  private readLater(file: FileIdentity, start: number, length: number): Buffer | null {
    try {
      const opened = openRegularFile(this.path, true)
      try {
        return sameIdentity(identityOf(fstatSync(opened.fd, { bigint: true })), file) ? readAt(opened.fd, start, length) : null
      } finally {
        closeSync(opened.fd)
      }
    } catch {
      return null
    }
  }

  /** Replace the file with `contents`: written beside it (created exclusively), then renamed over it. */
  async save(contents: PostingsContents): Promise<void> {
    const { tempNameBeside } = await import('../temp-files.js')
    const temp = tempNameBeside(this.path, 'tmp')
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 })
      writeFileSync(temp, encodePostings(contents), { mode: 0o600, flag: 'wx' })
      try {
        renameSync(temp, this.path)
      } catch (error) {
        // A folder where the file goes: removed when empty, else the postings are not kept.
        if ((error as NodeJS.ErrnoException).code !== 'EISDIR') throw error
        rmdirSync(this.path)
        renameSync(temp, this.path)
      }
    } catch {
      try {
        rmSync(temp, { force: true })
      } catch {
        // its folder could not be made: nothing to remove
      }
    }
  }
}

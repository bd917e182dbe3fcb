import { closeSync, mkdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { openRegularFile, readOpenedFile } from '../../platform/regular-file.js'
import type { IndexContents } from './contents.js'
import { decodeIndex, encodeIndex } from './format.js'
import { sameIdentity, type FileIdentity } from './identity.js'

/**
 * The index file of one library. Nothing read from it is trusted: a link, a folder, a damaged,
 * foreign or outdated file reads as no index. Writing it never fails a command: it is a shortcut,
 * and the next read builds it again.
 */
export class IndexFile {
  constructor(
    /** Where the index is kept (location.ts). */
    readonly path: string,
    /** The real path of the library file it indexes. */
    private readonly library: string,
  ) {}

  /** What the index holds, when it was built from the library file whose identity is `current`; else null. */
  load(current: FileIdentity | null): IndexContents | null {
    if (current === null) return null
    let bytes: Buffer
    try {
      const opened = openRegularFile(this.path, true) // a link put in its place is not followed
      try {
        bytes = readOpenedFile(opened)
      } finally {
        closeSync(opened.fd)
      }
    } catch {
      return null
    }
    const contents = decodeIndex(bytes)
    return contents && contents.library === this.library && sameIdentity(contents.identity, current) ? contents : null
  }

  /**
   * Replace the index with `contents()`: written to a new file beside it (created exclusively, so a
   * planted link is never written through), then renamed over it. Not synced to disk: a file cut
   * short by a crash fails its checksum and is rebuilt.
   */
  async save(contents: () => IndexContents): Promise<void> {
    // Named after this process, so that a later save removes what a killed one left (as the library's own writes do).
    const { tempNameBeside } = await import('../temp-files.js')
    const temp = tempNameBeside(this.path, 'tmp')
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 }) // first: where there is no cache folder, nothing is computed
      writeFileSync(temp, encodeIndex(contents()), { mode: 0o600, flag: 'wx' })
      this.replaceWith(temp)
    } catch {
      removeQuietly(temp)
    }
  }

  private replaceWith(temp: string): void {
    try {
      renameSync(temp, this.path)
    } catch (error) {
      // A folder where the index goes: removed when empty, else the index is not kept.
      if ((error as NodeJS.ErrnoException).code !== 'EISDIR') throw error
      rmdirSync(this.path)
      renameSync(temp, this.path)
    }
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true })
  } catch {
    // nothing was made there (its folder could not be): nothing to remove
  }
}

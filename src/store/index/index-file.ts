import { closeSync, existsSync, fstatSync, mkdirSync, readdirSync, readSync, rmSync } from 'node:fs'
import { renameOver } from '../rename-over.js'
import { dirname, join } from 'node:path'
import { openRegularFile } from '../../platform/regular-file.js'
import { closeWhenUnreachable } from './open-files.js'
import type { IndexContents } from './contents.js'
import { decodeIndex, type IndexFallback } from './format.js'
import { indexParts } from './encode-index.js'
import { headerBytes, indexedLibrary, isOlderIndex, type IndexBytes } from './index-header.js'

/** What a load reads first: the fixed start and the header (some kilobytes), in one read. */
const HEAD_BYTES = 64 * 1024

/** `length` bytes of `fd` from `start` (fewer at the end of the file). */
function readAt(fd: number, start: number, length: number): Buffer {
  const bytes = Buffer.allocUnsafe(length)
  let filled = 0
  while (filled < length) {
    const read = readSync(fd, bytes, filled, length - filled, start + filled)
    if (read === 0) break
    filled += read
  }
  return bytes.subarray(0, filled)
}
import { sameIdentity, type FileIdentity } from './identity.js'
import { deltaPath, postingsPath } from './location.js'
import { writeParts } from './frame.js'

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

  /**
   * What the index holds, when it was built from the library file whose identity is `current`; else
   * null. `fallback`: where columns come from if one turns out not to be what precis writes (see
   * decodeIndex).
   */
  load(current: FileIdentity | null, fallback?: IndexFallback): IndexContents | null {
    if (current === null) return null
    const bytes = this.bytes()
    const contents = bytes && decodeIndex(bytes, fallback)
    return contents && contents.library === this.library && sameIdentity(contents.identity, current) ? contents : null
  }

  /**
   * The index file's start (its header), and the means to read each section when a read first
   * uses it: `tags` reads a few kilobytes of a file of 40 MB at 100,000 summaries. The file stays
   * open for those reads, so they read the file the start was read from even when a save renames
   * another over it meanwhile: one state of the index, never two. It is closed when nothing can
   * read it any more (or with the process).
   */
  private bytes(): IndexBytes | null {
    let fd: number
    try {
      fd = openRegularFile(this.path, true).fd // a link put in its place is not followed
    } catch {
      return null
    }
    try {
      const size = fstatSync(fd).size
      let head = readAt(fd, 0, Math.min(size, HEAD_BYTES))
      const end = headerBytes(head)
      if (end !== null && end > head.length && end <= size) head = readAt(fd, 0, end)
      const bytes: IndexBytes = {
        head,
        size,
        read: (start, length) => {
          try {
            return readAt(fd, start, length)
          } catch {
            return undefined
          }
        },
      }
      closeWhenUnreachable(bytes, fd)
      return bytes
    } catch {
      closeSync(fd)
      return null
    }
  }

  /**
   * Replace the index with `contents()`: written to a new file beside it (created exclusively, so a
   * planted link is never written through), then renamed over it. Not synced to disk: a file cut
   * short by a crash fails its checksum and is rebuilt.
   */
  async save(contents: () => IndexContents): Promise<void> {
    // Named after this process, so that a later save removes what a killed one left (as the library's
    // own writes do). Loaded here: naming it needs node:crypto, which a read from the index never loads.
    const { tempNameBeside } = await import('../temp-files.js')
    const temp = tempNameBeside(this.path, 'tmp')
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 }) // first: where there is no cache folder, nothing is computed
      writeParts(temp, indexParts(contents()))
      this.replaceWith(temp)
    } catch {
      removeQuietly(temp)
    }
  }

  /** Remove the index (one found not to be what precis writes): the next read builds it again. */
  remove(): void {
    try {
      rmSync(this.path) // a folder is left alone, as save leaves one with files in it
    } catch {
      // already gone, or not ours to remove: the next save replaces it or leaves reads without an index
    }
  }

  /**
   * Remove the indexes beside this one whose library file no longer exists (named after their
   * library's path, nothing would ever replace them) or of an older format (perhaps named
   * otherwise). Called when an index is rebuilt (a read of the whole library has just cost far
   * more); only each file's header is read.
   */
  pruneOrphans(): void {
    const dir = dirname(this.path)
    let names: string[]
    try {
      names = readdirSync(dir)
    } catch {
      return
    }
    for (const name of names) {
      const path = join(dir, name)
      if (!name.endsWith('.index') || path === this.path) continue
      const library = libraryOfIndex(path)
      if (library === OLDER || (library !== null && !existsSync(library))) {
        removeQuietly(path)
        // Its search postings too: named after the index, nothing would ever replace them.
        removeQuietly(postingsPath(path))
        removeQuietly(deltaPath(postingsPath(path)))
      }
    }
  }

  private replaceWith(temp: string): void {
    renameOver(temp, this.path)
  }
}

/** The largest header read to learn which library an index belongs to (a path and some numbers; far less in practice). */
const MAX_HEADER_BYTES = 1 << 20

/** What libraryOfIndex says of an index of an older format: whatever its library, this precis rebuilds it rather than read it. */
const OLDER = Symbol('older')

/**
 * The library the index file at `path` names in its header; OLDER for an index of an older format;
 * null for anything else (a link, a folder, a newer format, damage).
 */
function libraryOfIndex(path: string): string | typeof OLDER | null {
  let fd: number
  try {
    fd = openRegularFile(path, true).fd
  } catch {
    return null
  }
  try {
    const start = readAt(fd, 0, 4096)
    if (isOlderIndex(start)) return OLDER
    const end = headerBytes(start)
    if (end === null || end > MAX_HEADER_BYTES) return null
    return indexedLibrary(end <= start.length ? start : readAt(fd, 0, end))
  } catch {
    return null
  } finally {
    closeSync(fd)
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true })
  } catch {
    // nothing was made there (its folder could not be): nothing to remove
  }
}

import { closeSync, mkdirSync, readSync, rmSync } from 'node:fs'
import { renameOver } from '../rename-over.js'
import { dirname } from 'node:path'
import { openRegularFile } from '../../platform/regular-file.js'
import { closeWhenUnreachable } from './open-files.js'
import { decodePostings, decodePostingsHead, postingsParts, type PostingsContents, type PostingsHead } from './postings-format.js'
import { PostingsView, type PostingsDelta } from '../../core/search/postings-view.js'
import { PostingsUnavailable, type Postings } from '../../core/search/postings.js'
import { sameIdentity, type FileIdentity } from './identity.js'
import { deltaPath } from './location.js'
import { writeParts } from './frame.js'
import type { SegmentedPostings } from './postings-segments.js'
import { removeOnInterrupt } from '../../platform/interrupt.js'

/** Up to `length` bytes of the open file `fd` from `start`, read into `room` when given. */
function readAt(fd: number, start: number, length: number, room?: Buffer): Buffer {
  const bytes = room ? room.subarray(0, Math.max(0, length)) : Buffer.allocUnsafe(Math.max(0, length))
  let filled = 0
  while (filled < bytes.length) {
    const read = readSync(fd, bytes, filled, bytes.length - filled, start + filled)
    if (read === 0) break
    filled += read
  }
  return bytes.subarray(0, filled)
}

/**
 * What a save needs of the postings current for the file it read: the base's size and name, where
 * each entry's document is, and the delta's postings when there is one (its sections checked).
 */
export interface PostingsState {
  baseCount: number
  baseHash: string
  order: Uint32Array
  delta?: Postings
}

/** Whether `order` gives each of `count` documents to at most one entry. */
function isOrder(order: Uint32Array, count: number): boolean {
  const seen = new Uint8Array(count)
  for (const doc of order) {
    if (doc >= count || seen[doc] === 1) return false
    seen[doc] = 1
  }
  return true
}

/** Whether every section of `postings` read from a file holds its checksums (a delta is small: read whole). */
function checked(postings: Postings): boolean {
  try {
    postings.check?.()
    return true
  } catch (error) {
    if (error instanceof PostingsUnavailable) return false
    throw error
  }
}

const identityOrder = (count: number) => Uint32Array.from({ length: count }, (_, i) => i)

/**
 * The postings file of one library and its delta (postings-view.ts), loaded and saved as its index
 * file is (index-file.ts): a link, a folder, a damaged, foreign or outdated file reads as none;
 * writing them never fails a command. The delta names the base it is a delta of by the checksum of
 * the base's header, so a delta is never read over another base.
 */
export class PostingsFile {
  readonly delta: string

  constructor(
    readonly path: string,
    /** The real path of the library file it indexes. */
    readonly library: string,
  ) {
    this.delta = deltaPath(path)
  }

  /** The postings, when current for the library file whose identity is `current` (a base and perhaps its delta); else null. */
  load(current: FileIdentity | null): PostingsView | null {
    if (current === null) return null
    const delta = this.decode(this.delta, true)
    if (delta?.delta && sameIdentity(delta.identity, current)) {
      const base = this.decode(this.path, false)
      if (!base || base.delta || base.hash !== delta.delta.base) return null
      if (!isOrder(delta.delta.order, base.postings.count + delta.postings.count)) return null
      try {
        // A delta is small and read whole: every section checked now, as a base's are when first used.
        delta.postings.check?.()
        return new PostingsView(base.postings, { postings: delta.postings, order: delta.delta.order })
      } catch (error) {
        if (error instanceof PostingsUnavailable) return null // damaged, or the delta replaced while read
        throw error
      }
    }
    const base = this.decode(this.path, false)
    return base && !base.delta && sameIdentity(base.identity, current) ? new PostingsView(base.postings) : null
  }

  /** For a save: what the postings current for the library file whose identity is `read` hold, read from the heads and the delta only. */
  state(read: FileIdentity | null): PostingsState | null {
    if (read === null) return null
    const base = this.head(this.path)
    if (!base || base.delta || base.library !== this.library) return null
    const delta = this.decode(this.delta, true)
    if (delta?.delta && delta.delta.base === base.hash && sameIdentity(delta.identity, read)) {
      const order = delta.delta.order
      if (!isOrder(order, base.count + delta.postings.count)) return null
      return { baseCount: base.count, baseHash: base.hash, order, ...(checked(delta.postings) && { delta: delta.postings }) }
    }
    return sameIdentity(base.identity, read) ? { baseCount: base.count, baseHash: base.hash, order: identityOrder(base.count) } : null
  }

  /** The base, whatever library file it was built from (this one's, as it was before a hand edit): its documents may serve again. */
  anyBase(): (PostingsContents & { hash: string }) | null {
    return this.decode(this.path, false, true)
  }

  /** The file at `path` decoded, when it is postings of this library (a delta only as `delta`; its entries' fingerprints only as `fingerprints`). */
  private decode(path: string, delta: boolean, fingerprints = false): (PostingsContents & { hash: string }) | null {
    let fd: number
    try {
      fd = openRegularFile(path, true).fd // a link put in its place is not followed
    } catch {
      return null
    }
    let contents
    try {
      // The vocabulary when first used, and the lists and the words in order a block at a time, are
      // read later through the descriptor opened now (kept open until the postings are collected):
      // from this file only, even when a save renames others over it meanwhile, with no open and
      // check by block (a phrase reads hundreds).
      contents = decodePostings(
        {
          read: (start, length) => readAt(fd, start, length),
          readLater: (start, length, room) => {
            try {
              return readAt(fd, start, length, room)
            } catch {
              return null
            }
          },
        },
        fingerprints,
      )
    } catch {
      contents = null
    }
    if (!contents || contents.library !== this.library || (contents.delta !== undefined) !== delta) {
      closeSync(fd)
      return null
    }
    closeWhenUnreachable(contents.postings, fd)
    return contents
  }

  private head(path: string): PostingsHead | null {
    try {
      const opened = openRegularFile(path, true)
      try {
        return decodePostingsHead({ read: (start, length) => readAt(opened.fd, start, length), readLater: () => null })
      } finally {
        closeSync(opened.fd)
      }
    } catch {
      return null
    }
  }

  /** Replace the postings with `contents`, built whole: their delta, of the postings replaced, is removed. */
  async save(contents: PostingsContents): Promise<void> {
    const parts = postingsParts(contents)
    await replaceFile(this.path, (temp) => writeParts(temp, parts))
    this.removeDelta()
  }

  /**
   * Replace the postings with those built in `segments`, of the library file whose identity is
   * `identity`, with each entry's `fingerprints`; their delta is removed. False when they could not be written.
   */
  async saveSegmented(segments: SegmentedPostings, identity: FileIdentity, fingerprints: Uint8Array): Promise<boolean> {
    const saved = await replaceFile(this.path, (temp) => segments.write(temp, { library: this.library, identity, fingerprints }))
    this.removeDelta()
    return saved
  }

  /** Replace the delta with that of the base named `baseHash`, current for the library file whose identity is `identity`. */
  async saveDelta(baseHash: string, delta: PostingsDelta, identity: FileIdentity): Promise<void> {
    const contents = { library: this.library, identity, postings: delta.postings, delta: { base: baseHash, order: delta.order } }
    const parts = postingsParts(contents)
    await replaceFile(this.delta, (temp) => writeParts(temp, parts))
  }

  /** No delta: the postings are current only if the base is (else the next search builds them whole). */
  removeDelta(): void {
    try {
      rmSync(this.delta, { force: true })
    } catch {
      // a folder there: it is no delta, and is read as none
    }
  }
}

/**
 * Put at `path` what `write` writes to the file it is given (to create exclusively): written beside
 * it, then renamed over it. A failure leaves the file as it was, and false.
 */
async function replaceFile(path: string, write: (temp: string) => void): Promise<boolean> {
  const { tempNameBeside } = await import('../temp-files.js')
  const temp = tempNameBeside(path, 'tmp')
  const forget = removeOnInterrupt(temp)
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
    write(temp)
    renameOver(temp, path)
    return true
  } catch {
    try {
      rmSync(temp, { force: true })
    } catch {
      // its folder could not be made: nothing to remove
    }
    return false
  } finally {
    forget()
  }
}

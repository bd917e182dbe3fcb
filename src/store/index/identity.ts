import { closeSync, fstatSync, statSync, type BigIntStats } from 'node:fs'
import { openRegularFile } from '../../platform/regular-file.js'

/**
 * What says a library file is the one an index was built from: its device and inode (another file,
 * or the file replaced by a save, a checkout or a restore), its size, and its modification and
 * change times in nanoseconds. A hand edit that puts the size and modification time back still
 * moves the change time, which no one can set. Numbers as decimal strings: they are 64-bit.
 */
export interface FileIdentity {
  dev: string
  ino: string
  size: string
  mtimeNs: string
  ctimeNs: string
}

/** The identity of the file at `path` now, or null when there is none. Links are followed, as reading does. */
export function fileIdentity(path: string): FileIdentity | null {
  try {
    const info = statSync(path, { bigint: true, throwIfNoEntry: false })
    return info ? identityOf(info) : null
  } catch {
    return null // unreadable: the read that follows says why
  }
}

/**
 * The identity of the file at `path` when it can be read now: opened as a read opens it (a regular
 * file, readable by this user), so an index is never used for a library its read would refuse.
 * Null otherwise, and the whole read that follows says why.
 */
export function readableIdentity(path: string): FileIdentity | null {
  let fd: number
  try {
    fd = openRegularFile(path).fd
  } catch {
    return null
  }
  try {
    return identityOf(fstatSync(fd, { bigint: true }))
  } finally {
    closeSync(fd)
  }
}

/** The identity in a file's status (`fstatSync(fd, { bigint: true })` of a file already open). */
export function identityOf(info: BigIntStats): FileIdentity {
  return {
    dev: String(info.dev),
    ino: String(info.ino),
    size: String(info.size),
    mtimeNs: String(info.mtimeNs),
    ctimeNs: String(info.ctimeNs),
  }
}

export function sameIdentity(a: FileIdentity | null, b: FileIdentity | null): boolean {
  return (
    a !== null &&
    b !== null &&
    a.dev === b.dev &&
    a.ino === b.ino &&
    a.size === b.size &&
    a.mtimeNs === b.mtimeNs &&
    a.ctimeNs === b.ctimeNs
  )
}

/** True when `value` has the shape of an identity (read from an index file, which is not trusted). */
export function isFileIdentity(value: unknown): value is FileIdentity {
  if (typeof value !== 'object' || value === null) return false
  const fields = value as Record<string, unknown>
  return ['dev', 'ino', 'size', 'mtimeNs', 'ctimeNs'].every((name) => typeof fields[name] === 'string')
}

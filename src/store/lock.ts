import { closeSync, fsyncSync, lstatSync, openSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { BusyError } from '../core/errors.js'
import { removeOnInterrupt } from '../platform/interrupt.js'

/**
 * An exclusive cross-process lock: a symbolic link whose target is its owner (pid, host, nonce),
 * made in one step, so that no lock ever lacks its owner, whenever its maker is killed (as Emacs
 * locks files). Where symbolic links cannot be made, a file created with O_EXCL, then filled in.
 *
 * Written here rather than taken from proper-lockfile because that library decides staleness by
 * mtime alone: after a crash every writer waits out the stale period, and a slow writer can be
 * judged stale. Here a lock whose owner process is gone (same host) is broken at once; locks from
 * another host fall back to age. Breaking is serialised through a second lock so that two
 * processes cannot both break a lock and one delete the other's fresh lock.
 */

/** How long a lock held by another host, or a leftover break lock, may be before it counts as stale. */
const STALE_AFTER_MS = 60_000
const BREAK_LOCK_STALE_MS = 5_000

export interface LockOptions {
  /** Give up after this many milliseconds with a BusyError. */
  timeoutMs: number
  /** What to name in the busy message (the library path). */
  label: string
  /** How the busy message begins: "Library busy" unless said. */
  busy?: string
}

export interface Owner {
  pid: number
  host: string
  nonce: string
}

export type Release = () => Promise<void>

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Errors of file systems that cannot make symbolic links (FAT, some network shares). */
const NO_SYMLINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EINVAL'])

/**
 * Try once to create the lock. When it is ours, returns the function that stops it being removed
 * on an interruption (call it as the lock is released); null when another holds it. Made, filled in
 * and removed by synchronous calls: no Ctrl-C is handled in between (see platform/interrupt.ts).
 */
function tryCreate(path: string, content: string): (() => void) | null {
  // Removed on Ctrl-C only while it names us: a precis on another host may have broken it as stale and taken it.
  const forget = removeOnInterrupt(path, () => readOwner(path)?.raw === content)
  try {
    try {
      symlinkSync(content, path)
    } catch (error) {
      if (!NO_SYMLINKS.has((error as NodeJS.ErrnoException).code ?? '')) throw error
      createFile(path, content)
    }
  } catch (error) {
    forget()
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return null
    throw error
  }
  return forget
}

/** The lock as a file created with O_EXCL, then filled in; one that could not be filled (disk full) is removed. */
function createFile(path: string, content: string): void {
  const fd = openSync(path, 'wx', 0o600)
  try {
    writeFileSync(fd, content)
    fsyncSync(fd)
  } catch (error) {
    rmSync(path, { force: true }) // it would block everyone
    throw error
  } finally {
    closeSync(fd)
  }
}

/** True while process `pid` of this host runs (or may: one of another user counts as running). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' // exists, owned by someone else
  }
}

/**
 * What a lock records, as written (`raw`) and read, and how old it is; null when there is no lock.
 * Synchronous: a Ctrl-C handler asks it whether the lock is still ours.
 */
export function readOwner(path: string): { owner: Owner | null; raw: string; ageMs: number } | null {
  try {
    const info = lstatSync(path)
    // A regular file: made where links cannot be, or by an older precis.
    // Anything else planted there (a named pipe would block a read) is no owner's record either.
    const raw = info.isSymbolicLink() ? readlinkSync(path) : info.isFile() ? readFileSync(path, 'utf8') : ''
    return { owner: parseOwner(raw), raw, ageMs: Date.now() - info.mtimeMs }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

// Null for what no precis wrote whole: a file cut short between its creation and its filling in,
// or a link planted by someone else.
function parseOwner(raw: string): Owner | null {
  try {
    const owner = JSON.parse(raw) as Partial<Owner> | null
    return owner && Number.isInteger(owner.pid) && typeof owner.host === 'string' ? (owner as Owner) : null
  } catch {
    return null
  }
}

/** True when the lock's owner is certainly gone. */
export function isStale(owner: Owner | null, ageMs: number, here: string): boolean {
  if (owner && owner.host === here && Number.isInteger(owner.pid)) return !processIsAlive(owner.pid)
  return ageMs > STALE_AFTER_MS || (owner === null && ageMs > BREAK_LOCK_STALE_MS)
}

/** Remove the lock at `path` if it still holds exactly `raw`, under the break lock. */
function breakStaleLock(path: string, raw: string): void {
  const breaker = `${path}.break`
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), nonce: Math.random().toString(36).slice(2) })
  const forget = tryCreate(breaker, mine)
  if (!forget) {
    const info = readOwner(breaker)
    if (info && info.ageMs > BREAK_LOCK_STALE_MS) rmSync(breaker, { force: true })
    return
  }
  try {
    const current = readOwner(path)
    if (current && current.raw === raw) rmSync(path, { force: true })
  } finally {
    rmSync(breaker, { force: true })
    forget()
  }
}

/** Wait for the lock at `path`; resolves to its release function, or rejects with BusyError after the timeout. */
export async function acquireLock(path: string, options: LockOptions): Promise<Release> {
  const here = hostname()
  const content = JSON.stringify({ pid: process.pid, host: here, nonce: Math.random().toString(36).slice(2) })
  const deadline = Date.now() + options.timeoutMs
  for (let attempt = 0; ; attempt++) {
    const forget = tryCreate(path, content)
    if (forget) {
      return async () => {
        if (readOwner(path)?.raw === content) rmSync(path, { force: true })
        forget()
      }
    }
    const info = readOwner(path)
    if (info && isStale(info.owner, info.ageMs, here)) {
      breakStaleLock(path, info.raw)
      await sleep(1) // another process may be breaking it; let it finish
      continue
    }
    if (Date.now() >= deadline) {
      const holder = info?.owner ? ` (held by process ${info.owner.pid} on ${info.owner.host})` : ''
      throw new BusyError(`${options.busy ?? 'Library busy'}: ${options.label} is locked by another precis${holder}`, [
        'Try again in a moment. If no precis is running, remove the lock file:',
        `  ${path}`,
      ])
    }
    await sleep(Math.min(5 + attempt * 5, 50) + Math.random() * 10)
  }
}

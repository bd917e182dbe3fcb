import { lstatSync, lutimesSync, readFileSync, readlinkSync, symlinkSync, utimesSync, watch, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { acquireLock } from '../../src/store/lock.js'
import { lockPresent, tempDir } from '../support/context.js'
import { driveWriters } from './support/drive.js'
import { fingerprint, paddedLibrary, readLibraryFile, writeLibraryFile } from './support/files.js'
import { precisOn, type RunResult } from './support/precis.js'
import { seedFromEnv } from '../support/random.js'

const addArgs = (n: number) => ['add', '--title', `Waiting writer ${n}`, '--author', `Ada Waiting${n}`, '--year', '2024', '--body', 'x']

function libraryIn(bytes = 0): { dir: string; library: string } {
  const dir = tempDir('precis-locks-')
  const library = join(dir, 'library.json')
  writeLibraryFile(library, paddedLibrary(bytes))
  return { dir, library }
}

/** The pid the lock records (a link's target, or a file's text), or null when there is none (yet). */
function lockOwner(lock: string): number | null {
  try {
    const raw = lstatSync(lock).isSymbolicLink() ? readlinkSync(lock) : readFileSync(lock, 'utf8')
    return (JSON.parse(raw) as { pid: number }).pid
  } catch {
    return null
  }
}

/**
 * How long a writer that meets a lock it must not break waits before it gives up (exit 5). The tests
 * wait this out for each such writer; the writer looks at the lock every 5–50 ms, so it still looks
 * several times before giving up.
 */
const GIVE_UP = { PRECIS_LOCK_TIMEOUT_MS: '150' }

/**
 * Writers at once, three commands each. With the lock taken away, or a read handed to the write without
 * its file's identity checked, 10 writers fail at the first or second command as 20 did (two runs of
 * each); seed 8 gives 10 writers every command of the mix (seed 7 gave them no edit).
 */
const WRITERS = 10

/** No process has a pid above Linux's largest pid_max (2^22): such an owner is certainly gone. */
const DEAD_PID = 4194305
const MINUTES_AGO = (m: number) => new Date(Date.now() - m * 60_000)

describe('many precis at once', () => {
  it(`${WRITERS} processes mixing add, edit, rm and restore (and tag, tags rename, import as built): every reported success is in the library at the end`, async () => {
    const { library } = libraryIn(64 * 1024)
    const result = await driveWriters({
      library,
      writers: WRITERS,
      seed: seedFromEnv(8),
      commandsPerWriter: 3,
      killAfter: null,
      env: { PRECIS_LOCK_TIMEOUT_MS: '120000' },
    })
    expect(result).toMatchObject({ commands: 3 * WRITERS, succeeded: 3 * WRITERS, busy: 0, kills: 0 })
  }, 180_000)

  // Writers waiting together, none of them holding the lock: 4 show it as 10 did (a live holder taken
  // for a dead one fails all of them at either count).
  it('while a live process holds the lock, 4 writers each give up after PRECIS_LOCK_TIMEOUT_MS with exit 5, naming the lock and its holder, and change nothing', async () => {
    const { library } = libraryIn()
    const before = fingerprint(library)
    const release = await acquireLock(`${library}.lock`, { timeoutMs: 1000, label: library })
    let results: RunResult[]
    try {
      results = await Promise.all(Array.from({ length: 4 }, (_, n) => precisOn(library, addArgs(n), { env: GIVE_UP })))
    } finally {
      await release()
    }
    for (const result of results) {
      expect(result.code).toBe(5)
      expect(result.stderr).toContain(
        `Library busy: ${library} is locked by another precis (held by process ${process.pid} on ${hostname()})`,
      )
      expect(result.stderr).toContain(`${library}.lock`)
    }
    expect(fingerprint(library)).toBe(before)
    expect((await precisOn(library, addArgs(99), { env: GIVE_UP })).code).toBe(0)
  })

  it('a writer killed (SIGKILL) while it holds the lock leaves a lock the next writer breaks at once', async () => {
    const { dir, library } = libraryIn(1024 * 1024)
    const lock = `${library}.lock`
    let killedHolding: number | null = null
    // The lock lives from before the library is read until after it is written: kill as soon as it
    // names its owner (a lock killed before that is empty: the table below covers it). A kill that
    // comes after the write leaves no lock: try again, as many times as that takes on this machine.
    for (let attempt = 0; killedHolding === null; attempt++) {
      const watcher = watch(dir)
      const result = await precisOn(library, addArgs(attempt), {
        onSpawn: (child) =>
          watcher.on('change', (_, name) => {
            if (name === 'library.json.lock' && lockOwner(lock) === child.pid) child.kill('SIGKILL')
          }),
      })
      watcher.close()
      if (result.signal === 'SIGKILL') killedHolding = lockOwner(lock)
    }
    expect(killedHolding).toEqual(expect.any(Number))
    const next = await precisOn(library, addArgs(100), { env: { PRECIS_LOCK_TIMEOUT_MS: '2000' } })
    expect(next.code, next.stderr).toBe(0)
    expect(lockPresent(lock)).toBe(false)
    expect(readLibraryFile(library).papers.map((p) => p.title)).toContain('Waiting writer 100')
  })

  it.each([
    ['this host, by a process that is gone, is broken', { pid: DEAD_PID, host: hostname(), nonce: 'x' }, 0, 0],
    ['another host, 2 minutes ago, is broken', { pid: 1, host: 'elsewhere.example', nonce: 'x' }, 2, 0],
    ['a crash before its owner was written (empty), a minute ago, is broken', '', 1, 0],
    ['another host, just now, keeps writers out (exit 5)', { pid: 1, host: 'elsewhere.example', nonce: 'x' }, 0, 5],
    ['a crash before its owner was written (empty), just now, keeps writers out (exit 5)', '', 0, 5],
    ['this host, by a live process (this test), keeps writers out (exit 5)', { pid: process.pid, host: hostname(), nonce: 'x' }, 0, 5],
  ] as const)('a lock file (made where links cannot be, or by an older precis) from %s', async (_, owner, minutesAgo, expectedCode) => {
    const { library } = libraryIn()
    const lock = `${library}.lock`
    writeFileSync(lock, typeof owner === 'string' ? owner : JSON.stringify(owner))
    utimesSync(lock, MINUTES_AGO(minutesAgo), MINUTES_AGO(minutesAgo))
    await expectLockOutcome(library, expectedCode)
  })

  it.each([
    ['this host, by a process that is gone, is broken', { pid: DEAD_PID, host: hostname(), nonce: 'x' }, 0, 0],
    ['another host, 2 minutes ago, is broken', { pid: 1, host: 'elsewhere.example', nonce: 'x' }, 2, 0],
    ['another host, just now, keeps writers out (exit 5)', { pid: 1, host: 'elsewhere.example', nonce: 'x' }, 0, 5],
    ['this host, by a live process (this test), keeps writers out (exit 5)', { pid: process.pid, host: hostname(), nonce: 'x' }, 0, 5],
  ] as const)('a lock link (as precis makes them) from %s', async (_, owner, minutesAgo, expectedCode) => {
    const { library } = libraryIn()
    const lock = `${library}.lock`
    symlinkSync(JSON.stringify(owner), lock)
    lutimesSync(lock, MINUTES_AGO(minutesAgo), MINUTES_AGO(minutesAgo))
    await expectLockOutcome(library, expectedCode)
  })
})

/** A writer meets the planted lock: it breaks it and writes (0), or leaves it and the library alone (5). */
async function expectLockOutcome(library: string, expectedCode: number): Promise<void> {
  const lock = `${library}.lock`
  const before = fingerprint(library)
  const result = await precisOn(library, addArgs(1), { env: GIVE_UP })
  expect(result.code, result.stderr).toBe(expectedCode)
  if (expectedCode === 0) {
    expect(lockPresent(lock)).toBe(false) // broken, then our own lock released
    expect(readLibraryFile(library).papers.map((p) => p.title)).toContain('Waiting writer 1')
  } else {
    expect(result.stderr).toContain('Library busy')
    expect(fingerprint(library)).toBe(before)
    expect(lockPresent(lock)).toBe(true) // a lock that may be live is never broken
  }
}

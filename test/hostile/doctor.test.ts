import { existsSync, readdirSync, readFileSync, watch, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { acquireLock } from '../../src/store/lock.js'
import { tempDir } from '../support/context.js'
import { smallLibrary } from '../support/library.js'
import { fingerprint, leftoverTempFiles, paddedLibrary, readLibraryFile, writeLibraryFile } from './support/files.js'
import { precisOn } from './support/precis.js'

const addArgs = (n: number) => ['add', '--title', `Interrupted ${n}`, '--author', `Ada Cut${n}`, '--year', '2024', '--body', 'x']

/** A library beside which writers were killed in the middle of writing their temp file. */
async function folderWithLeftovers(): Promise<{ dir: string; library: string }> {
  const dir = tempDir('precis-doctor-e2e-')
  const library = join(dir, 'library.json')
  writeLibraryFile(library, paddedLibrary(2 * 1024 * 1024))
  // One is all there can be: the next writer removes the temp files of those that were killed. A kill
  // that comes after the rename leaves none: try again, as many times as that takes on this machine.
  for (let n = 0; leftoverTempFiles(dir).length === 0; n++) {
    const watcher = watch(dir)
    await precisOn(library, addArgs(n), {
      onSpawn: (child) => watcher.on('change', (_, name) => String(name).startsWith('.library.json.tmp-') && child.kill('SIGKILL')),
    })
    watcher.close()
  }
  expect(leftoverTempFiles(dir).length).toBeGreaterThan(0)
  return { dir, library }
}

describe('precis doctor (spawned)', () => {
  it('after writers were killed mid-write: reports their lock and temp files (exit 4), --fix removes them (exit 0), then all is clean', async () => {
    const { dir, library } = await folderWithLeftovers()
    const libraryBefore = fingerprint(library)
    const check = await precisOn(library, ['--json', 'doctor'])
    expect(check.code).toBe(4)
    const report = JSON.parse(check.stdout) as { findings: { kind: string; subjects: string[] }[] }
    expect(report.findings.map((f) => f.kind)).toEqual(['stale-lock', 'leftover-temp-files'])
    expect(report.findings[1]?.subjects.map((p) => p.slice(dir.length + 1))).toEqual(leftoverTempFiles(dir))
    expect(fingerprint(library)).toBe(libraryBefore) // checking writes nothing

    const fix = await precisOn(library, ['doctor', '--fix'])
    expect(fix.code, fix.stderr).toBe(0)
    expect(fix.stdout).toMatch(/^Fixed: Removed the stale lock .+\.lock\nFixed: Removed \d+ leftover temp files?\n$/)
    expect(leftoverTempFiles(dir)).toEqual([])
    expect(fingerprint(library)).toBe(libraryBefore) // nothing in the library needed fixing: not rewritten
    expect((await precisOn(library, ['doctor'])).code).toBe(0)
  })

  it('--fix never removes temp files while a live precis holds the lock: it waits, then gives up (exit 5)', async () => {
    const { dir, library } = await folderWithLeftovers()
    const leftovers = leftoverTempFiles(dir)
    const release = await acquireLock(`${library}.lock`, { timeoutMs: 1000, label: library })
    try {
      const fix = await precisOn(library, ['doctor', '--fix'], { env: { PRECIS_LOCK_TIMEOUT_MS: '300' } })
      expect(fix.code).toBe(5)
      expect(leftoverTempFiles(dir)).toEqual(leftovers)
    } finally {
      await release()
    }
  })

  it('a damaged library: doctor names the backup (exit 4); --restore-backup --yes puts it back and keeps the damaged file aside', async () => {
    const dir = tempDir('precis-doctor-e2e-')
    const library = join(dir, 'library.json')
    writeLibraryFile(`${library}.bak`, smallLibrary())
    writeFileSync(library, Buffer.alloc(4096)) // NUL-filled, as after a crash on some file systems
    const check = await precisOn(library, ['doctor'])
    expect(check.code).toBe(4)
    expect(check.stdout).toContain('[unreadable-library]')
    expect(check.stdout).toContain(`precis doctor --restore-backup puts back ${library}.bak`)

    const restore = await precisOn(library, ['doctor', '--restore-backup', '--yes'])
    expect(restore.code, restore.stderr).toBe(0)
    expect(readLibraryFile(library)).toEqual(smallLibrary())
    const aside = readdirSync(dir).filter((f) => f.startsWith('library.json.damaged-'))
    expect(aside).toHaveLength(1)
    expect(readFileSync(join(dir, aside[0]!)).equals(Buffer.alloc(4096))).toBe(true)
    expect(existsSync(`${library}.bak`)).toBe(true)
    expect((await precisOn(library, ['list'])).code).toBe(0)
    expect((await precisOn(library, ['doctor'])).code).toBe(0)
  })
})

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../support/context.js'
import { mountTinyDisk, type TinyDisk } from './support/disk.js'
import { fingerprint, paddedLibrary, readLibraryFile, writeLibraryFile } from './support/files.js'
import { precisOn, precisWithFileSizeLimit, type RunResult } from './support/precis.js'

const addArgs = ['add', '--title', 'Written on a full disk', '--author', 'Ada Full', '--year', '2024', '--body', 'x']

interface Before {
  files: string[]
  library: string
  backup: string
}

/** A 1 MB library with a backup, in `dir`. */
function prepare(dir: string): { library: string; before: Before } {
  const library = join(dir, 'library.json')
  writeLibraryFile(library, paddedLibrary(1024 * 1024))
  writeFileSync(`${library}.bak`, readFileSync(library))
  return { library, before: { files: readdirSync(dir).sort(), library: fingerprint(library), backup: fingerprint(`${library}.bak`) } }
}

/** Exit 1 with a message naming the library; the library and its backup byte-identical; no temp or lock file left. */
function expectRefusedCleanly(dir: string, library: string, before: Before, result: RunResult): void {
  expect(result.code, result.stderr).toBe(1)
  expect(result.stdout).toBe('')
  expect(result.stderr).toContain(`Could not save the library ${library}`)
  expect(result.stderr).toContain('The library was not changed')
  expect(fingerprint(library)).toBe(before.library)
  expect(fingerprint(`${library}.bak`)).toBe(before.backup)
  expect(readdirSync(dir).sort()).toEqual(before.files)
}

/** Once there is room again the same command goes through: nothing (no lock) was left to block it. */
async function expectRecovers(library: string): Promise<void> {
  expect((await precisOn(library, addArgs, { env: { PRECIS_LOCK_TIMEOUT_MS: '1000' } })).code).toBe(0)
  expect(readLibraryFile(library).papers.map((p) => p.title)).toContain('Written on a full disk')
}

const cases = [
  ['while the new library is written (a 1 MB library, 64 KB of room)', 64],
  ['before even the lock file fits (no room at all)', 0],
] as const

describe('a write that runs out of space', () => {
  // A file size limit (RLIMIT_FSIZE) is what a full disk looks like to one writer, and needs no root.
  it.each(cases)(
    'under a file size limit, fails %s: exit 1, clear message, library and backup byte-identical, nothing left behind',
    async (_, kilobytes) => {
      const dir = tempDir('precis-fsize-')
      const { library, before } = prepare(dir)
      const result = await precisWithFileSizeLimit(kilobytes, library, addArgs)
      expectRefusedCleanly(dir, library, before, result)
      expect(result.stderr).toContain('file size limit')
      await expectRecovers(library)
    },
  )

  describe('on a really full disk', () => {
    // A 16 MB tmpfs where this process may mount one (root on Linux); elsewhere the file size limit
    // above stands in, and these cases repeat it. Mounted only when the cases run, always unmounted.
    let disk: TinyDisk | null = null
    beforeAll(() => void (disk = mountTinyDisk(16 * 1024)))
    afterAll(() => disk?.unmount())

    it.each(cases)(
      '(a tmpfs where mounting is allowed) fails %s: exit 1, library and backup byte-identical, nothing left behind',
      async (_, kilobytes) => {
        const dir = disk ? join(disk.dir, `room-${kilobytes}`) : tempDir('precis-full-')
        mkdirSync(dir, { recursive: true })
        const { library, before } = prepare(dir)
        if (disk) {
          const free = disk.fill(kilobytes * 1024)
          const result = await precisOn(library, addArgs)
          free()
          expectRefusedCleanly(dir, library, before, result)
          expect(result.stderr).toContain('the disk is full')
        } else {
          expectRefusedCleanly(dir, library, before, await precisWithFileSizeLimit(kilobytes, library, addArgs))
        }
        await expectRecovers(library)
        rmSync(dir, { recursive: true })
      },
    )
  })
})

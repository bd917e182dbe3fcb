import { existsSync, lstatSync, lutimesSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { FileStore } from '../../src/store/file-store.js'
import { tempNameBeside } from '../../src/store/temp-files.js'
import { lockPresent, tempDir } from '../support/context.js'
import { smallLibrary, summary } from '../support/library.js'
import { fingerprint, readLibraryFile, writeLibraryFile } from './support/files.js'
import { precisOn } from './support/precis.js'

// Temp names are `.<name>.tmp-<pid>-<host>-<12 random hex>`: unguessable. Here the randomness is pinned to
// zeros so this test can plant a symlink exactly where the next temp file will be created, and so
// prove what happens on a collision: precis refuses (O_EXCL | O_NOFOLLOW) and never follows it.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>()
  return { ...actual, randomBytes: (size: number) => Buffer.alloc(size) }
})

const VICTIM_TEXT = 'a file precis must never write\n'

/** A library folder and, outside it, a file an attacker would like precis to overwrite. */
function setting() {
  const dir = tempDir('precis-planted-')
  const library = join(dir, 'library.json')
  writeLibraryFile(library, smallLibrary())
  const victim = join(tempDir('precis-victim-'), 'victim.txt')
  writeFileSync(victim, VICTIM_TEXT)
  return { dir, library, victim }
}

function expectPlantedLinkIntact(link: string, victim: string): void {
  expect(lstatSync(link).isSymbolicLink()).toBe(true)
  expect(readlinkSync(link)).toBe(victim)
  expect(readFileSync(victim, 'utf8')).toBe(VICTIM_TEXT)
}

const addOne = (lib: ReturnType<typeof smallLibrary>) => void lib.summaries.push(summary({ id: 'planted', paper: 'gilmer2017neural' }))

describe('a symlink planted where precis writes', () => {
  it.each([
    ['the temp file for the new library', 'tmp' as const],
    ['the temp link for the backup', 'bak' as const],
  ])('at the exact name of %s: the save is refused, the target and the link are untouched, the library unchanged', async (_, purpose) => {
    const { library, victim } = setting()
    const before = fingerprint(library)
    const planted = tempNameBeside(library, purpose)
    symlinkSync(victim, planted)
    const error = await new FileStore(library, 1000).update(addOne).catch((e: unknown) => e as Error)
    expect(error).toBeInstanceOf(Error)
    expect(error!.message).toContain(`Could not save the library ${library}`)
    expect(error!.message).toContain('a file precis was about to create already exists')
    expectPlantedLinkIntact(planted, victim)
    expect(fingerprint(library)).toBe(before)
    expect(existsSync(tempNameBeside(library, 'tmp'))).toBe(purpose === 'tmp')
  })

  it('at the backup, the lock, the break lock and the names other tools use: precis writes through none of them', async () => {
    const { dir, library, victim } = setting()
    // Old links (a lock is a link naming its owner; these name a file, so no owner): an old lock
    // naming no owner reads as a crashed writer's leftover and is broken.
    const foreignNames = ['.library.json.tmp', 'library.json.tmp', 'library.json~', 'library.json.new']
    for (const name of ['library.json.bak', 'library.json.lock', 'library.json.lock.break', ...foreignNames]) {
      symlinkSync(victim, join(dir, name))
      lutimesSync(join(dir, name), new Date('2020-01-01'), new Date('2020-01-01'))
    }

    const add = await precisOn(library, ['add', '--title', 'Planted', '--author', 'Ada Planted', '--year', '2024', '--body', 'x'], {
      env: { PRECIS_LOCK_TIMEOUT_MS: '15000' },
    })
    expect(add.code, add.stderr).toBe(0)
    expect(readFileSync(victim, 'utf8')).toBe(VICTIM_TEXT)
    expect(readLibraryFile(library).summaries.map((s) => s.id)).toContain(add.stdout.trim())
    // The backup link was replaced by a real backup (rename never follows its destination) ...
    expect(lstatSync(`${library}.bak`).isFile()).toBe(true)
    expect(readLibraryFile(`${library}.bak`).summaries).toHaveLength(smallLibrary().summaries.length)
    // ... the stale lock links were removed as leftovers (unlink removes the link, not its target) ...
    expect(lockPresent(`${library}.lock`)).toBe(false)
    // ... and names precis does not use were left alone.
    for (const name of foreignNames) expectPlantedLinkIntact(join(dir, name), victim)
  })
})

import { execFileSync } from 'node:child_process'
import { chmodSync, copyFileSync, existsSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BusyError, DataError } from '../../../src/core/errors.js'
import { emptyLibrary } from '../../../src/core/model.js'
import { parseLibrary } from '../../../src/core/schema/schema.js'
import { FileStore } from '../../../src/store/file-store.js'
import { MemoryStore } from '../../../src/store/memory-store.js'
import type { Store } from '../../../src/store/store.js'
import { acquireLock, readOwner } from '../../../src/store/lock.js'
import { smallLibrary, summary } from '../../support/library.js'
import { lockPresent, tempDir } from '../../support/context.js'

const VERSION_ONE = new URL('../../fixtures/store/library-v1.json', import.meta.url)

const addOne = (id: string) => (lib: ReturnType<typeof emptyLibrary>) => void lib.summaries.push(summary({ id, paper: 'gilmer2017neural' }))

function writeLibrary(path: string, lib = smallLibrary()): void {
  writeFileSync(path, JSON.stringify(lib, null, 2) + '\n')
}

describe('FileStore', () => {
  it('reads a missing library as empty and creates it, with its folder, on first write', async () => {
    const path = join(tempDir(), 'deep', 'er', 'library.json')
    const store = new FileStore(path)
    expect(await store.read()).toEqual(emptyLibrary())
    expect(existsSync(path)).toBe(false)
    await store.update((lib) => void lib.papers.push(smallLibrary().papers[0]!))
    expect(parseLibrary(readFileSync(path, 'utf8'), path).papers).toHaveLength(1)
    expect(statSync(path).mode & 0o777).toBe(0o600)
  })

  it('keeps the previous version as .bak on every write', async () => {
    const path = join(tempDir(), 'library.json')
    writeLibrary(path)
    const before = readFileSync(path, 'utf8')
    const store = new FileStore(path)
    await store.update(addOne('x1'))
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe(before)
    const second = readFileSync(path, 'utf8')
    await store.update(addOne('x2'))
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe(second)
  })

  it('reads each time as new: an unchanged file gives fresh records, a changed one its new text', async () => {
    const path = join(tempDir(), 'library.json')
    writeLibrary(path)
    const store = new FileStore(path)
    const first = await store.read()
    first.papers[0]!.title = 'changed in memory only'
    const second = await store.read()
    expect(second).toEqual(smallLibrary())
    writeFileSync(path, readFileSync(path, 'utf8').replace('Neural Message', 'Neural Massage')) // same length
    expect((await store.read()).papers[0]!.title).toBe('Neural Massage Passing for Quantum Chemistry')
  })

  it.each([0o600, 0o640, 0o644])('keeps the file mode %o', async (mode) => {
    const path = join(tempDir(), 'library.json')
    writeLibrary(path)
    chmodSync(path, mode)
    await new FileStore(path).update(addOne('x'))
    expect(statSync(path).mode & 0o777).toBe(mode)
  })

  it('follows a symlinked library to its target and leaves the link in place', async () => {
    const dir = tempDir()
    const target = join(dir, 'real.json')
    const link = join(dir, 'library.json')
    writeLibrary(target)
    symlinkSync(target, link)
    await new FileStore(link).update(addOne('via-link'))
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(parseLibrary(readFileSync(target, 'utf8'), target).summaries.map((s) => s.id)).toContain('via-link')
    expect(existsSync(`${target}.bak`)).toBe(true)
  })

  it('creates the target of a dangling symlink rather than replacing the link', async () => {
    const dir = tempDir()
    const link = join(dir, 'library.json')
    symlinkSync(join(dir, 'elsewhere.json'), link)
    await new FileStore(link).update(addOne('x'))
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(existsSync(join(dir, 'elsewhere.json'))).toBe(true)
  })

  it('writes nothing when the change throws', async () => {
    const path = join(tempDir(), 'library.json')
    writeLibrary(path)
    const before = readFileSync(path)
    await expect(
      new FileStore(path).update(() => {
        throw new Error('no')
      }),
    ).rejects.toThrow('no')
    expect(readFileSync(path)).toEqual(before)
    expect(existsSync(`${path}.bak`)).toBe(false)
  })

  it.each([
    ['empty', ''],
    ['truncated', JSON.stringify(smallLibrary()).slice(0, 300)],
    ['NUL-filled', Buffer.alloc(4096)],
    ['BOM-prefixed', '\ufeff' + JSON.stringify(smallLibrary())],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
    ['wrongly shaped', JSON.stringify({ format: 'precis-library', version: 1, papers: {} })],
  ])('refuses a %s library with a DataError naming the backup, and never overwrites it', async (_, content) => {
    const path = join(tempDir(), 'library.json')
    writeLibrary(`${path}.bak`)
    writeFileSync(path, content)
    const before = readFileSync(path)
    const store = new FileStore(path)
    const error = await store.update(addOne('x')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DataError)
    expect((error as DataError).details.join('\n')).toContain(`${path}.bak`)
    await expect(store.read()).rejects.toBeInstanceOf(DataError)
    expect(readFileSync(path)).toEqual(before)
  })

  it('leaves no temp or lock file behind', async () => {
    const dir = tempDir()
    const path = join(dir, 'library.json')
    const store = new FileStore(path)
    for (let i = 0; i < 5; i++) await store.update(addOne(`x${i}`))
    expect(readdirSync(dir).sort()).toEqual(['library.json', 'library.json.bak'])
  })

  it('serialises updates within one process: none is lost', async () => {
    const path = join(tempDir(), 'library.json')
    const store = new FileStore(path)
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.update(addOne(`s${i}`))))
    expect((await store.read()).summaries).toHaveLength(20)
  })

  it('reports busy after the timeout while another holder keeps the lock', async () => {
    const path = join(tempDir(), 'library.json')
    writeLibrary(path)
    const release = await acquireLock(`${path}.lock`, { timeoutMs: 1000, label: path })
    try {
      const error = await new FileStore(path, 200).update(addOne('x')).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(BusyError)
      expect((error as BusyError).message).toContain('busy')
    } finally {
      await release()
    }
  })

  it('breaks a lock whose owner process is gone', async () => {
    const path = join(tempDir(), 'library.json')
    writeLibrary(path)
    // No process has pid 2^22+1 (above Linux's pid_max default): the owner is certainly gone.
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: 4194305, host: (await import('node:os')).hostname(), nonce: 'x' }))
    await new FileStore(path, 500).update(addOne('after-crash'))
    expect((await new FileStore(path).read()).summaries.map((s) => s.id)).toContain('after-crash')
    expect(lockPresent(`${path}.lock`)).toBe(false)
  })
})

describe('readOwner', () => {
  it('reads a named pipe planted at the lock path as a lock of no owner, without waiting for a writer', async () => {
    const lock = join(tempDir(), 'library.json.lock')
    execFileSync('mkfifo', [lock])
    expect(readOwner(lock)).toMatchObject({ owner: null, raw: '' })
  })
})

describe('update since a read: whether the library is still the one read', () => {
  const unchanged = (store: Store, since?: ReturnType<typeof emptyLibrary>) => store.update((_, state) => state.unchanged, { since })
  const stores: [string, () => Store, ((store: Store) => void) | null][] = [
    [
      'a library file',
      () => {
        const path = join(tempDir(), 'library.json')
        writeLibrary(path)
        return new FileStore(path)
      },
      (store) => writeLibrary(store.path!, { ...smallLibrary(), papers: [] }), // by hand
    ],
    ['no library file yet', () => new FileStore(join(tempDir(), 'library.json')), null],
    ['memory', () => new MemoryStore(smallLibrary()), null],
  ]

  it.each(stores)('%s: unchanged until a write or a hand edit', async (_, make, handEdit) => {
    const store = make()
    const read = await store.read()
    read.papers.length = 0 // what the reader did with it since does not matter
    expect(await unchanged(store, read)).toBe(true)
    expect(await unchanged(store, read)).toBe(false) // the update before wrote the file
    expect(await unchanged(store)).toBe(false) // no read to compare with
    expect(await unchanged(store, structuredClone(await store.read()))).toBe(false) // not what a read returned
    if (handEdit) {
      const again = await store.read()
      handEdit(store)
      expect(await unchanged(store, again)).toBe(false)
    }
  })
})

describe('update reusing a read: the library read is changed instead of a second parse while the file is unchanged', () => {
  const library = () => {
    const path = join(tempDir(), 'library.json')
    writeLibrary(path)
    return { path, store: new FileStore(path) }
  }
  const changesRead = (store: Store, read: ReturnType<typeof emptyLibrary>) =>
    store.update(
      (lib) => {
        lib.summaries.push(summary({ id: 'x1', paper: 'gilmer2017neural' }))
        return lib === read
      },
      { reuse: read },
    )

  it('changes the library read, writes it, and takes it only once', async () => {
    const { path, store } = library()
    const read = await store.read()
    expect(await changesRead(store, read)).toBe(true)
    expect(parseLibrary(readFileSync(path, 'utf8'), path).summaries.map((s) => s.id)).toContain('x1')
    // Given again (changed by the change, the file written since): the file is read.
    expect(await store.update((lib) => lib === read, { reuse: read })).toBe(false)
  })

  it('reads the file again after a hand edit, or for a library no read of this store returned', async () => {
    const { path, store } = library()
    const read = await store.read()
    writeLibrary(path, { ...smallLibrary(), papers: smallLibrary().papers.slice(0, 1) }) // by hand
    expect(await store.update((lib) => (lib === read ? -1 : lib.papers.length), { reuse: read })).toBe(1)
    const copy = structuredClone(await store.read())
    expect(await store.update((lib) => lib === copy, { reuse: copy })).toBe(false)
  })

  it('keeps an older file as it was before its first write, the read handed over as any', async () => {
    const path = join(tempDir(), 'library.json')
    copyFileSync(VERSION_ONE, path)
    const warned: string[] = []
    const store = new FileStore(path, undefined, undefined, (message) => warned.push(message))
    const read = await store.read()
    expect(await store.update((lib) => lib === read, { reuse: read })).toBe(true)
    expect(readFileSync(`${path}.v1.bak`)).toEqual(readFileSync(VERSION_ONE))
    expect(warned.join('\n')).toContain('from format version 1')
  })

  it('tells `since` the read is unchanged when the same library is also handed over', async () => {
    const { store } = library()
    const read = await store.read()
    expect(await store.update((lib, state) => lib === read && state.unchanged, { since: read, reuse: read })).toBe(true)
  })

  it('writes nothing when the change throws, and reads the file for the next update', async () => {
    const { path, store } = library()
    const before = readFileSync(path, 'utf8')
    const read = await store.read()
    await expect(
      store.update(
        (lib) => {
          lib.papers.length = 0
          throw new Error('no')
        },
        { reuse: read },
      ),
    ).rejects.toThrow('no')
    expect(readFileSync(path, 'utf8')).toBe(before)
    expect(await store.update((lib) => lib.papers.length, { reuse: read })).toBe(smallLibrary().papers.length)
  })
})

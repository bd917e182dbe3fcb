// A writer killed with SIGKILL the moment its new library lands (before or after it wrote the
// index: whichever the kill met), then read by other processes: every read answers exactly as a
// read with no index at all, whatever state the kill left.
import { watch } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/context.js'
import { paddedLibrary, writeLibraryFile } from './support/files.js'
import { precisOn } from './support/precis.js'

const ROUNDS = 2

describe('a writer killed between writing the library and writing its index', () => {
  it(`leaves reads that answer as a fresh parse (${ROUNDS} kills)`, async () => {
    const dir = tempDir('precis-index-kill-')
    const library = join(dir, 'library.json')
    const lib = paddedLibrary(512 * 1024)
    writeLibraryFile(library, lib)
    const indexed = { env: { PRECIS_CACHE_DIR: join(dir, 'cache') } }
    const unindexed = { env: { PRECIS_CACHE_DIR: join(library, 'no-cache-here') } } // a folder under a file: no index is ever kept
    const id = lib.summaries[3]!.id
    expect((await precisOn(library, ['tags'], indexed)).code).toBe(0) // builds the index

    for (let round = 0; round < ROUNDS; round++) {
      const landed = new Promise<void>((resolve) => {
        const watcher = watch(dir, (_, name) => name === 'library.json' && (watcher.close(), resolve()))
      })
      const killed = precisOn(library, ['tag', id, `+killed${round}`], {
        ...indexed,
        onSpawn: (child) => void landed.then(() => child.kill('SIGKILL')),
      })
      await killed
      for (const args of [
        ['tags', '--json'],
        ['show', id, '--json'],
        ['list', '--json'],
        ['stats', '--json'],
      ]) {
        const [read, reference] = await Promise.all([precisOn(library, args, indexed), precisOn(library, args, unindexed)])
        expect(read.stderr).toBe('')
        expect(read.stdout, args.join(' ')).toBe(reference.stdout)
        expect(read.code).toBe(0)
      }
    }
  })
})

import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { ExitCode } from '../../src/core/errors.js'
import type { Store } from '../../src/store/store.js'
import { tempDir, testContext } from '../support/context.js'
import { smallLibrary } from '../support/library.js'
import { indexedStore } from '../hostile/support/index.js'

/**
 * The indexed store of `library`, where another process edits the library by hand just before the
 * `at`-th read of records where they lie (`recordsAt`, the reads an export of the outline's records
 * makes as it writes): the outline read before is then no longer the file's.
 */
function editedBeforeRead(library: string, cache: string, at: number): { store: Store; reads: () => number } {
  const store = indexedStore(library, cache)
  let reads = 0
  const proxy = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver)
      if (name === 'recordsAt')
        return (...args: Parameters<typeof target.recordsAt>) => {
          if (++reads === at) writeFileSync(library, readFileSync(library, 'utf8').replace('"title": "', '"title": "Edited: '))
          return target.recordsAt(...args)
        }
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return { store: proxy, reads: () => reads }
}

const CASES = [
  // A new folder: its files go to a hidden folder first; one file of it written when the library changes.
  { name: 'md to a new folder', args: (dir: string) => ['--out', join(dir, 'review') + '/'], at: 2 },
  { name: 'md reading list to a file', args: (dir: string) => ['--out', join(dir, 'list.md')], at: 1 },
  { name: 'json to a file', args: (dir: string) => ['--format', 'json', '--out', join(dir, 'library.json')], at: 1 },
  {
    name: 'bibtex with summaries to a file',
    args: (dir: string) => ['--format', 'bibtex', '--with-summaries', '--out', join(dir, 'refs.bib')],
    at: 1,
  },
]

describe('export when the library changes while it is being exported', () => {
  for (const tty of [false, true]) {
    for (const { name, args, at } of CASES) {
      it(`${name} (${tty ? 'TTY' : 'non-TTY'}): a data error, and nothing written to the output folder`, async () => {
        const dir = tempDir()
        const library = join(dir, 'library.json')
        const cache = join(dir, 'cache')
        // Written through the indexed store: its index is current, so the export reads records where they lie.
        await indexedStore(library, cache).update((lib) => Object.assign(lib, smallLibrary()))
        const out = tempDir()
        const { store, reads } = editedBeforeRead(library, cache, at)
        const ctx = { ...testContext({ library, tty }), store }
        const code = await main(['export', ...args(out)], ctx)
        expect(reads()).toBe(at) // the edit was made, and no read came after the one that found it
        expect(code).toBe(ExitCode.data)
        expect(ctx.stderr()).toContain('The library changed while it was being exported: run the export again')
        expect(ctx.stdout()).toBe('')
        expect(readdirSync(out)).toEqual([]) // no file, no hidden folder, no temp file
      })
    }
  }

  it('over an existing folder: the files written before the change are whole, and no temp file is left', async () => {
    const dir = tempDir()
    const library = join(dir, 'library.json')
    const cache = join(dir, 'cache')
    await indexedStore(library, cache).update((lib) => Object.assign(lib, smallLibrary()))
    const out = tempDir()
    const made = { ...testContext({ library }), store: indexedStore(library, cache) }
    expect(await main(['export', '--out', out + '/'], made)).toBe(0)
    const before = new Map(readdirSync(out).map((name) => [name, readFileSync(join(out, name), 'utf8')]))
    expect(before.size).toBe(3)
    const { store, reads } = editedBeforeRead(library, cache, 2)
    const ctx = { ...testContext({ library }), store }
    expect(await main(['export', '--out', out + '/', '--force'], ctx)).toBe(ExitCode.data)
    expect(reads()).toBe(2)
    expect(ctx.stderr()).toContain('The library changed while it was being exported: run the export again')
    // Each file is one an export wrote whole: none half-written, none a temp file.
    expect(readdirSync(out).sort()).toEqual([...before.keys()].sort())
    for (const [name, text] of before) expect(readFileSync(join(out, name), 'utf8'), name).toBe(text)
  })

  it('exports the library as it is once run again', async () => {
    const dir = tempDir()
    const library = join(dir, 'library.json')
    const cache = join(dir, 'cache')
    await indexedStore(library, cache).update((lib) => Object.assign(lib, smallLibrary()))
    const out = tempDir()
    const first = editedBeforeRead(library, cache, 1)
    expect(await main(['export', '--out', join(out, 'list.md')], { ...testContext({ library }), store: first.store })).toBe(ExitCode.data)
    const ctx = { ...testContext({ library }), store: indexedStore(library, cache) }
    expect(await main(['export', '--out', join(out, 'list.md')], ctx)).toBe(0)
    expect(readdirSync(out)).toEqual(['list.md'])
    expect(readFileSync(join(out, 'list.md'), 'utf8')).toContain('Edited: ')
  })
})

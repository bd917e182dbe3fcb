import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DataError } from '../../../src/core/errors.js'
import type { Library } from '../../../src/core/model.js'
import { FileStore } from '../../../src/store/file-store.js'
import { MemoryStore } from '../../../src/store/memory-store.js'
import { checkBeforeWrite } from '../../../src/store/write-gate.js'
import { paper, smallLibrary, summary } from '../../support/library.js'
import { tempDir } from '../../support/context.js'

const breakers: Array<[string, (lib: Library) => void, RegExp]> = [
  [
    'a key over 200 characters',
    (lib) => void (lib.papers[0]!.key = 'k'.repeat(201)),
    /paper "k{60}…": key is longer than 200 characters \(201\)/,
  ],
  [
    'a summary id over 210 characters',
    (lib) => void (lib.summaries[0]!.id = 'i'.repeat(211)),
    /summary "i{60}…": id is longer than 210 characters/,
  ],
  [
    'February 30th',
    (lib) => void (lib.summaries[1]!.created = '2020-02-30T00:00:00Z'),
    /summary "gilmer2017neural-2": created is not a valid timestamp/,
  ],
  [
    'a timestamp without seconds',
    (lib) => void (lib.papers[1]!.added = '2020-01-01T10:00Z'),
    /paper "rasmussen2004gaussian": added is not a valid timestamp/,
  ],
  ['a year that is not a number', (lib) => void (lib.papers[0]!.year = Number.NaN), /paper "gilmer2017neural": year/],
  ['an invalid tag', (lib) => void lib.summaries[0]!.tags.push('Two Words'), /summary "gilmer2017neural": tags\[2\]/],
  [
    'two papers with one key',
    (lib) => void lib.papers.push(paper({ key: 'gilmer2017neural' })),
    /two papers share the key "gilmer2017neural"/,
  ],
  [
    'two summaries with one id',
    (lib) => void lib.summaries.push(summary({ id: 'gilmer2017neural-2', paper: 'gilmer2017neural' })),
    /two summaries share the id/,
  ],
]

describe('checkBeforeWrite', () => {
  it('lets a valid library through', () => {
    expect(() => checkBeforeWrite(smallLibrary(), 'lib.json')).not.toThrow()
  })

  it.each(breakers)('refuses %s, naming the record and the field', (_case, breakIt, detail) => {
    const lib = smallLibrary()
    breakIt(lib)
    let error: unknown
    try {
      checkBeforeWrite(lib, 'lib.json')
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(DataError)
    expect((error as DataError).message).toBe('Nothing was saved: the change would leave lib.json unreadable')
    expect((error as DataError).details.join('\n')).toMatch(detail)
  })
})

describe('the stores write nothing that breaks a rule', () => {
  it.each(breakers)('FileStore: %s leaves the file and its backup as they were', async (_case, breakIt) => {
    const path = join(tempDir(), 'library.json')
    writeFileSync(path, JSON.stringify(smallLibrary(), null, 2) + '\n')
    const before = readFileSync(path)
    const store = new FileStore(path)
    await expect(store.update(breakIt)).rejects.toBeInstanceOf(DataError)
    expect(readFileSync(path).equals(before)).toBe(true)
    expect(existsSync(`${path}.bak`)).toBe(false)
    expect(await store.read()).toEqual(smallLibrary())
  })

  it('FileStore: a refused first write creates no file', async () => {
    const path = join(tempDir(), 'library.json')
    await expect(new FileStore(path).update((lib) => void lib.papers.push(paper({ key: 'x'.repeat(300) })))).rejects.toBeInstanceOf(
      DataError,
    )
    expect(existsSync(path)).toBe(false)
  })

  it.each(breakers)('MemoryStore: %s keeps the library as it was', async (_case, breakIt) => {
    const store = new MemoryStore(smallLibrary())
    await expect(store.update(breakIt)).rejects.toBeInstanceOf(DataError)
    expect(await store.read()).toEqual(smallLibrary())
  })
})

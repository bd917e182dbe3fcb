import { describe, expect, it } from 'vitest'
import path from 'node:path'
import { MAX_FILE_NAME_BYTES, pathInside, safeFileStem, uniqueFileNames } from '../../../src/core/text/filenames.js'

describe('safeFileStem', () => {
  it.each([
    ['gilmer2017neural', 'gilmer2017neural'],
    ['gilmer2017neural-2', 'gilmer2017neural-2'],
    ['../../etc/passwd', 'etc-passwd'],
    ['..', 'untitled'],
    ['a/b\\c', 'a-b-c'],
    ['.hidden', 'hidden'],
    ['-rf', 'rf'],
    ['name.', 'name'],
    ['CON', '_CON'],
    ['con.md', '_con.md'],
    ['Lpt1', '_Lpt1'],
    ['console', 'console'],
    ['a b\tc', 'a-b-c'],
    ['x\u0000y\u202ez', 'x-y-z'],
    ['', 'untitled'],
    ['müller2020', 'müller2020'],
    ['mu\u0308ller2020', 'müller2020'], // NFD in, NFC out
  ])('%j → %j', (id, stem) => {
    expect(safeFileStem(id)).toBe(stem)
  })
})

describe('uniqueFileNames', () => {
  it('keeps names distinct when they differ only in case or Unicode normalisation', () => {
    const ids = ['Smith2020', 'smith2020', 'mu\u0308ller', 'm\u00fcller', 'a/b', 'a:b']
    const names = [...uniqueFileNames(ids, '.md').values()]
    expect(names).toEqual(['Smith2020.md', 'smith2020-2.md', 'müller.md', 'müller-2.md', 'a-b.md', 'a-b-2.md'])
    expect(new Set(names.map((n) => n.normalize('NFKC').toLowerCase())).size).toBe(ids.length)
  })

  it.each([
    ['ascii', 'x'.repeat(500)],
    ['multi-byte', 'ü'.repeat(300)],
    ['emoji', '📄'.repeat(120)],
  ])('cuts long %s ids to the byte limit without splitting characters', (_kind, id) => {
    const names = uniqueFileNames([id, id + 'y'], '.md')
    for (const name of names.values()) {
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES)
      expect(name.endsWith('.md')).toBe(true)
      expect(name).not.toContain('\ufffd')
      expect(Buffer.from(name).toString('utf8')).toBe(name)
    }
    expect(new Set(names.values()).size).toBe(2)
  })

  it('never produces a name that resolves outside the folder', () => {
    const hostile = ['..', '../x', '/abs', 'C:\\win', '.', '...', 'a/../../b', '\u2024\u2024', 'NUL']
    for (const name of uniqueFileNames(hostile, '.md').values()) {
      expect(path.dirname(pathInside('/out', name))).toBe(path.resolve('/out'))
    }
  })
})

describe('pathInside', () => {
  it.each(['../x.md', 'a/b.md', '..', '/etc/passwd'])('refuses %j', (name) => {
    expect(() => pathInside('/out', name)).toThrow(/outside/)
  })
})

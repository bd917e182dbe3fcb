import { describe, expect, it } from 'vitest'
import { makeCitekey, uniqueKey } from '../../../src/core/keys/citekey.js'
import { caseTwinFindings } from '../../../src/core/doctor/keys.js'
import { KeySet, keyProblem } from '../../../src/core/keys/key-rules.js'
import { insertPaper } from '../../../src/core/papers/papers.js'
import { applyIdentification } from '../../../src/core/identify/apply.js'
import { moveToTrash, restoreFromTrash } from '../../../src/core/records/trash.js'
import { libraryOf, paper, summary } from '../../support/library.js'

describe('keyProblem', () => {
  it.each([
    ['gilmer2017neural', null],
    ['Chen_2017', null],
    ['Smith:2017:ABC', null],
    ['a.b-c/d_e', null],
    ['müller2017', null],
    ['', 'is empty'],
    ['a b', 'may hold only'],
    ['a&b', 'may hold only'],
    ['a--b', 'may hold only'],
    [':a', 'may hold only'],
    ['a\u0000b', 'may hold only'],
    ['k'.repeat(201), 'is longer than 200 characters (201)'],
  ])('%j → %s', (key, problem) => {
    const found = keyProblem(key)
    if (problem === null) expect(found).toBeNull()
    else expect(found).toContain(problem)
  })
})

describe('keys are unique ignoring case', () => {
  it.each([
    [[], 'chen2017deep'],
    [['Chen2017Deep'], 'chen2017deepa'],
    [['chen2017deep', 'CHEN2017DEEPA'], 'chen2017deepb'],
  ])('taken %j → %s', (taken, key) => {
    expect(makeCitekey({ authors: ['Li Chen'], year: 2017, title: 'Deep nets' }, new KeySet(taken))).toBe(key)
  })

  it('uniqueKey suffixes a key taken in another case', () => {
    expect(uniqueKey('chen_2017', new KeySet(['Chen_2017']))).toBe('chen_2017a')
  })

  // The definition, written out: the base key, else the first of a, b, ..., z, aa, ... not taken.
  const firstFree = (base: string, taken: ReadonlySet<string>): string => {
    if (!taken.has(base.toLowerCase())) return base
    const letters = 'abcdefghijklmnopqrstuvwxyz'
    for (let n = 1; ; n++) {
      let suffix = ''
      for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) suffix = letters[(i - 1) % 26] + suffix
      if (!taken.has((base + suffix).toLowerCase())) return base + suffix
    }
  }

  it('uniqueKey gives the first free suffix while keys are taken between its calls, by it and by hand', () => {
    // A seeded walk: bases that share prefixes, suffixed keys taken ahead by hand, calls without taking the key.
    let seed = 7
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n)
    const bases = ['chen2017deep', 'Chen2017Deepa', 'lovelace1843note', 'x']
    const keys = new KeySet()
    const taken = new Set<string>()
    const take = (key: string) => (keys.add(key), taken.add(key.toLowerCase()))
    for (let step = 0; step < 3000; step++) {
      const base = bases[next(bases.length)]!
      const choice = next(10)
      if (choice === 0) take(base + ['b', 'z', 'aa', 'ac', 'ba'][next(5)]!)
      else {
        const key = uniqueKey(base, keys)
        expect(key, `step ${step}`).toBe(firstFree(base, taken))
        if (choice > 1) take(key)
      }
    }
    expect(taken.size).toBeGreaterThan(2000)
  })

  it('uniqueKey tries each suffix of a base once over an import of many papers of that base', () => {
    let asked = 0
    const keys = new (class extends KeySet {
      override has(key: string): boolean {
        asked++
        return super.has(key)
      }
    })()
    for (let i = 0; i < 5000; i++) keys.add(uniqueKey('chen2017deep', keys))
    expect([keys.has('chen2017deepgjg'), keys.has('chen2017deepgjh')]).toEqual([true, false]) // the 4,999th suffix, and the next
    expect(asked).toBeLessThan(3 * 5000)
  })

  it('a new paper never takes a key that differs from one in the library only in case', () => {
    const lib = libraryOf([paper({ key: 'Lovelace2020study' })])
    const { key: _key, added: _added, ...input } = paper({ key: 'x', title: 'Study' })
    expect(insertPaper(lib, input, new Date()).key).toBe('lovelace2020studya')
  })

  it('a new paper never takes the key of a paper in the trash, which comes back under it with its files', () => {
    const lib = libraryOf(
      [paper({ key: 'lovelace2020study', title: 'Study' })],
      [summary({ id: 'lovelace2020study', paper: 'lovelace2020study' })],
    )
    moveToTrash(lib, ['lovelace2020study'], new Date())
    const { key: _key, added: _added, ...input } = paper({ key: 'x', title: 'Study Two' })
    expect(insertPaper(lib, input, new Date()).key).toBe('lovelace2020studya')
    expect(restoreFromTrash(lib, 'lovelace2020study').paper).toBe('lovelace2020study')
  })

  it('identify gives a paper a free key, not the key of a paper in the trash (which renaming to would refuse)', () => {
    const untitled = paper({ key: 'untitled-1', title: 'Untitled', authors: [], year: null })
    const lib = libraryOf(
      [paper({ key: 'lovelace2020study', title: 'Study' }), untitled],
      [summary({ id: 'lovelace2020study', paper: 'lovelace2020study' }), summary({ id: 'untitled-1', paper: 'untitled-1' })],
    )
    moveToTrash(lib, ['lovelace2020study'], new Date())
    const { key: _key, added: _added, ...input } = paper({ key: 'x', title: 'Study Two' })
    expect(applyIdentification(lib, 'untitled-1', input).paper.key).toBe('lovelace2020studya')
  })

  it('a restored paper whose key came back in another case takes a fresh one', () => {
    const lib = libraryOf([paper({ key: 'CHEN2017', title: 'Other' })])
    lib.trash.push({
      summary: summary({ id: 'chen2017', paper: 'chen2017' }),
      paper: paper({ key: 'chen2017', authors: ['Li Chen'], year: 2017, title: 'Deep nets' }),
      deleted: '2024-05-01T00:00:00.000Z',
    })
    expect(restoreFromTrash(lib, 'chen2017').paper).toBe('chen2017deep')
  })

  it('a restored paper never takes the key of another paper in the trash', () => {
    const lib = libraryOf([paper({ key: 'CHEN2017', title: 'Other' })])
    const trashed = (key: string, title: string) => ({
      summary: summary({ id: key, paper: key }),
      paper: paper({ key, authors: ['Li Chen'], year: 2017, title }),
      deleted: '2024-05-01T00:00:00.000Z',
    })
    lib.trash.push(trashed('chen2017', 'Deep nets'), trashed('chen2017deep', 'Deep nets again'))
    expect(restoreFromTrash(lib, 'chen2017').paper).toBe('chen2017deepa')
  })
})

describe('doctor names keys that differ only in case', () => {
  it('with a rekey to a free key for each but the first', () => {
    const lib = libraryOf([paper({ key: 'Chen_2017' }), paper({ key: 'chen_2017' }), paper({ key: 'chen_2017a' }), paper({ key: 'other' })])
    expect(caseTwinFindings(lib)).toEqual([
      {
        kind: 'case-twin-keys',
        problem: 'The papers Chen_2017, chen_2017 have keys that differ only in case: BibTeX and citations take them for one key',
        fix: 'Give each its own key: precis rekey chen_2017 chen_2017b (citations of it follow)',
        fixable: false,
        subjects: ['Chen_2017', 'chen_2017'],
      },
    ])
  })
})

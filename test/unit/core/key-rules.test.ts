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

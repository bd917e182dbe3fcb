import { describe, expect, it } from 'vitest'
import { NotFoundError } from '../../../src/core/errors.js'
import { mergePaperInto } from '../../../src/core/merge/paper-into.js'
import { rewriteCitedKeys } from '../../../src/core/papers/rename-paper.js'
import { moveToTrash } from '../../../src/core/records/trash.js'
import { paper, smallLibrary, summary } from '../../support/library.js'

const names = new Map([
  ['old', 'new'],
  ['old-2', 'new-2'],
])

describe('rewriteCitedKeys', () => {
  it.each([
    ['pandoc', 'See [@old] and [@other].', 'See [@new] and [@other].'],
    ['pandoc group', '[see @old, p. 3; -@old-2]', '[see @new, p. 3; -@new-2]'],
    ['bare', 'As @old shows.', 'As @new shows.'],
    ['cite', '\\cite{old}', '\\cite{new}'],
    ['citet with several keys, spacing kept', '\\citet[p.~3]{a, old,b}', '\\citet[p.~3]{a, new,b}'],
    ['case-insensitive', '[@OLD]', '[@new]'],
    ['a summary id', '\\citep{old-2}', '\\citep{new-2}'],
    ['a longer key is another key', '[@older] \\cite{old2}', '[@older] \\cite{old2}'],
    ['code and math untouched', '`[@old]` and $\\cite{old}$', '`[@old]` and $\\cite{old}$'],
    ['an address is not a citation', 'mail ada@old', 'mail ada@old'],
  ])('%s', (_name, body, expected) => {
    expect(rewriteCitedKeys(body, names).body).toBe(expected)
  })
})

describe('mergePaperInto', () => {
  it.each([
    [
      'takes the reading state of the record that leaves when the other has none',
      {},
      { state: 'to-read', priority: 2 },
      { state: 'to-read', priority: 2 },
    ],
    ['keeps its own state', { state: 'read' }, { state: 'to-read', priority: 2 }, { state: 'read' }],
    ['stays without one when neither has one', {}, {}, {}],
  ] as const)('%s', (_, intoFields, fromFields, expected) => {
    const lib = smallLibrary()
    Object.assign(
      lib.papers.find((p) => p.key === 'gilmer2017neural')!,
      intoFields,
    )
    lib.papers.push(paper({ key: 'untitled-1a2b3c4d', ...fromFields }))
    mergePaperInto(lib, 'untitled-1a2b3c4d', 'gilmer2017neural')
    const into = lib.papers.find((p) => p.key === 'gilmer2017neural')!
    expect({ state: into.state, priority: into.priority }).toEqual({ state: undefined, priority: undefined, ...expected })
  })

  it('moves the summaries, trash entries and citations of a paper recorded twice onto its other record', () => {
    const lib = smallLibrary()
    lib.papers.push(paper({ key: 'untitled-1a2b3c4d', title: 'Untitled ShortScience summary 1a2b3c4d', authors: [], year: null }))
    lib.summaries.push(
      summary({ id: 'untitled-1a2b3c4d', paper: 'untitled-1a2b3c4d', body: 'Copied text.\n' }),
      summary({ id: 'untitled-1a2b3c4d-2', paper: 'untitled-1a2b3c4d', body: 'More.\n' }),
    )
    lib.summaries[0]!.body = 'Builds on @untitled-1a2b3c4d and [@untitled-1a2b3c4d-2].\n'
    moveToTrash(lib, ['untitled-1a2b3c4d-2'], new Date('2026-01-01T00:00:00Z'))
    const move = mergePaperInto(lib, 'untitled-1a2b3c4d', 'gilmer2017neural')
    expect(lib.papers.map((p) => p.key)).not.toContain('untitled-1a2b3c4d')
    // gilmer2017neural and -2 are taken: the moved summaries take the next free ids.
    expect(move.ids).toEqual([
      { from: 'untitled-1a2b3c4d', to: 'gilmer2017neural-3' },
      { from: 'untitled-1a2b3c4d-2', to: 'gilmer2017neural-4' },
    ])
    expect(lib.summaries.find((s) => s.id === 'gilmer2017neural-3')?.paper).toBe('gilmer2017neural')
    expect(lib.trash.map((e) => [e.summary.id, e.summary.paper, e.paper])).toEqual([['gilmer2017neural-4', 'gilmer2017neural', null]])
    expect(lib.summaries[0]!.body).toBe('Builds on @gilmer2017neural and [@gilmer2017neural-4].\n')
    expect(move.rewritten).toEqual([lib.summaries[0]!.id])
  })

  it('refuses an unknown paper, changing nothing', () => {
    const lib = smallLibrary()
    const before = structuredClone(lib)
    expect(() => mergePaperInto(lib, 'nobody2020', 'gilmer2017neural')).toThrow(NotFoundError)
    expect(lib).toEqual(before)
  })
})

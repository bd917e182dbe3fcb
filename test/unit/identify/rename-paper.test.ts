import { describe, expect, it } from 'vitest'
import { NotFoundError, UsageError } from '../../../src/core/errors.js'
import { renamePaper, rewriteCitedKeys } from '../../../src/core/rename-paper.js'
import { moveToTrash } from '../../../src/core/trash.js'
import { paper, smallLibrary, summary } from '../../support/library.js'

const names = new Map([['old', 'new'], ['old-2', 'new-2']])

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
    expect(rewriteCitedKeys(body, names)).toBe(expected)
  })
})

describe('renamePaper', () => {
  it('renames the key, the summary ids in order, and the citations in every body', () => {
    const lib = smallLibrary()
    lib.summaries[2]!.body = 'Compare [@gilmer2017neural] and \\citet{x,gilmer2017neural-2}.\n'
    const report = renamePaper(lib, 'gilmer2017neural', 'gilmer2017mpnn')
    expect(lib.papers.map((p) => p.key)).toEqual(['gilmer2017mpnn', 'rasmussen2004gaussian'])
    expect(lib.summaries.map((s) => [s.id, s.paper])).toEqual([
      ['gilmer2017mpnn', 'gilmer2017mpnn'],
      ['gilmer2017mpnn-2', 'gilmer2017mpnn'],
      ['rasmussen2004gaussian', 'rasmussen2004gaussian'],
    ])
    expect(lib.summaries[2]!.body).toBe('Compare [@gilmer2017mpnn] and \\citet{x,gilmer2017mpnn-2}.\n')
    expect([...report.ids]).toEqual([['gilmer2017neural', 'gilmer2017mpnn'], ['gilmer2017neural-2', 'gilmer2017mpnn-2']])
    expect(report.rewritten).toEqual(['rasmussen2004gaussian'])
  })

  it('takes the trash along: trashed summaries, the paper record they keep, citations in their bodies', () => {
    const lib = smallLibrary()
    lib.papers.push(paper({ key: 'untitled-1a2b3c4d', title: 'Untitled ShortScience summary 1a2b3c4d', authors: [], year: null }))
    lib.summaries.push(summary({ id: 'untitled-1a2b3c4d', paper: 'untitled-1a2b3c4d' }), summary({ id: 'untitled-1a2b3c4d-2', paper: 'untitled-1a2b3c4d' }))
    lib.summaries[0]!.body = 'Builds on @untitled-1a2b3c4d.\n'
    moveToTrash(lib, ['untitled-1a2b3c4d-2', 'gilmer2017neural'], new Date('2026-01-01T00:00:00Z'))
    renamePaper(lib, 'untitled-1a2b3c4d', 'clark2020electra')
    expect(lib.summaries.map((s) => s.id)).toContain('clark2020electra')
    expect(lib.trash.map((e) => [e.summary.id, e.summary.paper])).toContainEqual(['clark2020electra-2', 'clark2020electra'])
    expect(lib.trash.find((e) => e.summary.id === 'gilmer2017neural')!.summary.body).toBe('Builds on @clark2020electra.\n')
  })

  it('never gives a summary an id another paper holds', () => {
    const lib = smallLibrary()
    lib.summaries.push(summary({ id: 'new-2', paper: 'rasmussen2004gaussian' }))
    const report = renamePaper(lib, 'gilmer2017neural', 'new')
    expect(lib.summaries.filter((s) => s.paper === 'new').map((s) => s.id).sort()).toEqual(['new', 'new-3'])
    expect(report.ids.get('gilmer2017neural-2')).toBe('new-3')
  })

  it.each([
    ['an unknown paper', 'nobody2020', 'x', NotFoundError],
    ['a key another paper has', 'gilmer2017neural', 'rasmussen2004gaussian', UsageError],
    ['a key another paper has in another case', 'gilmer2017neural', 'Rasmussen2004Gaussian', UsageError],
  ])('refuses %s, changing nothing', (_name, from, to, error) => {
    const lib = smallLibrary()
    const before = structuredClone(lib)
    expect(() => renamePaper(lib, from, to)).toThrow(error)
    expect(lib).toEqual(before)
  })
})

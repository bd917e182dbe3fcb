import { describe, expect, it } from 'vitest'
import { renamePaper, rewriteCitedKeys } from '../../../src/core/papers/rename-paper.js'
import { NotFoundError, UsageError } from '../../../src/core/errors.js'
import type { Library } from '../../../src/core/model.js'
import { libraryOf, paper, summary } from '../../support/library.js'

/** gilmer2017neural with two summaries (one trashed later), a citing paper, and an unrelated one. */
function library(): Library {
  const lib = libraryOf(
    [paper({ key: 'gilmer2017neural' }), paper({ key: 'kipf2017semi' }), paper({ key: 'other2020x' })],
    [
      summary({ id: 'gilmer2017neural', paper: 'gilmer2017neural', body: 'We build on [@gilmer2017neural-2].\n' }),
      summary({ id: 'gilmer2017neural-2', paper: 'gilmer2017neural' }),
      summary({ id: 'kipf2017semi', paper: 'kipf2017semi', body: 'Like \\citet{gilmer2017neural}, see [@gilmer2017neural, p. 3].\n' }),
      summary({ id: 'other2020x', paper: 'other2020x', body: 'Nothing cited; gilmer2017neural named as a word.\n' }),
    ],
  )
  lib.trash.push({
    summary: summary({ id: 'gilmer2017neural-3', paper: 'gilmer2017neural', body: 'Cites @kipf2017semi.\n' }),
    paper: null,
    deleted: '2024-05-01T00:00:00.000Z',
  })
  return lib
}

describe('renamePaper', () => {
  it('renames the key, the ids that follow it, the trash and the citations, and leaves the input as it was', () => {
    const before = library()
    const snapshot = structuredClone(before)
    const result = renamePaper(before, 'gilmer2017neural', 'mpnn')
    expect(before).toEqual(snapshot)
    expect(result.library.papers.map((p) => p.key)).toEqual(['mpnn', 'kipf2017semi', 'other2020x'])
    expect(result.library.summaries.map((s) => [s.id, s.paper])).toEqual([
      ['mpnn', 'mpnn'],
      ['mpnn-2', 'mpnn'],
      ['kipf2017semi', 'kipf2017semi'],
      ['other2020x', 'other2020x'],
    ])
    expect(result.library.trash.map((e) => [e.summary?.id, e.summary?.paper])).toEqual([['mpnn-3', 'mpnn']])
    expect(result.ids).toEqual([
      { from: 'gilmer2017neural', to: 'mpnn' },
      { from: 'gilmer2017neural-2', to: 'mpnn-2' },
    ])
    expect(result.trashIds).toEqual([{ from: 'gilmer2017neural-3', to: 'mpnn-3' }])
    expect(result.citations).toEqual([
      { id: 'mpnn', count: 1, inTrash: false },
      { id: 'kipf2017semi', count: 2, inTrash: false },
    ])
    expect(result.library.summaries[0]!.body).toBe('We build on [@mpnn-2].\n')
    expect(result.library.summaries[2]!.body).toBe('Like \\citet{mpnn}, see [@mpnn, p. 3].\n')
    // Untouched records are the same objects; timestamps stay.
    expect(result.library.summaries[3]).toBe(before.summaries[3])
    expect(result.library.summaries[1]!.updated).toBe(before.summaries[1]!.updated)
  })

  it('carries a paper that left for the trash with its last summary', () => {
    const lib = libraryOf([paper({ key: 'b2020' })], [summary({ id: 'b2020', paper: 'b2020', body: 'See [@a2020].' })])
    lib.trash.push({
      summary: summary({ id: 'a2020', paper: 'a2020' }),
      paper: paper({ key: 'a2020' }),
      deleted: '2024-05-01T00:00:00.000Z',
    })
    const result = renamePaper(lib, 'a2020', 'alpha2020')
    expect(result.library.trash[0]!.paper!.key).toBe('alpha2020')
    expect(result.library.trash[0]!.summary!.id).toBe('alpha2020')
    expect(result.library.summaries[0]!.body).toBe('See [@alpha2020].')
  })

  it.each([
    ['[@old]', '[@new]'],
    ['[@old, p. 3]', '[@new, p. 3]'],
    ['[see @old; @other2020x]', '[see @new; @other2020x]'],
    ['[-@old]', '[-@new]'],
    ['As @old shows.', 'As @new shows.'],
    ['[@OLD]', '[@new]'],
    ['[@old-2]', '[@new-2]'],
    ['\\cite{old}', '\\cite{new}'],
    ['\\citet{a,old}', '\\citet{a,new}'],
    ['\\citep[p.~2]{ other2020x , old }', '\\citep[p.~2]{ other2020x , new }'],
    ['\\citep[see][ch. 2]{old}', '\\citep[see][ch. 2]{new}'],
    ['\\parencite*{old}', '\\parencite*{new}'],
    ['\\cite{a$$b,old}', '\\cite{a$$b,new}'],
    // Not citations: left as written.
    ['`[@old]` and $\\cite{old}$', '`[@old]` and $\\cite{old}$'],
    ['mail old@example.org or @older', 'mail old@example.org or @older'],
    ['[@oldish] and \\cite{olden}', '[@oldish] and \\cite{olden}'],
    ['```\n\\cite{old}\n```', '```\n\\cite{old}\n```'],
  ])('rewrites %s as %s', (body, expected) => {
    const names = new Map([
      ['old', 'new'],
      ['old-2', 'new-2'],
    ])
    expect(rewriteCitedKeys(body, names).body).toBe(expected)
  })

  it('counts each key it rewrites', () => {
    expect(
      rewriteCitedKeys(
        '\\cite{old,old-2} and [@old]',
        new Map([
          ['old', 'new'],
          ['old-2', 'new-2'],
        ]),
      ).count,
    ).toBe(3)
  })

  it('keeps ids not made from the key, and citations of a case twin that is another paper', () => {
    const lib = libraryOf(
      [paper({ key: 'Chen_2017' }), paper({ key: 'chen_2017' })],
      [
        summary({ id: 'notes-chen', paper: 'Chen_2017', body: 'See [@Chen_2017].' }),
        summary({ id: 'chen_2017', paper: 'chen_2017', body: 'See [@chen_2017].' }),
      ],
    )
    // The resolver gives `chen_2017` to the later paper (as show and export read it).
    const result = renamePaper(lib, 'Chen_2017', 'chen2017deep')
    expect(result.library.summaries.map((s) => [s.id, s.paper, s.body])).toEqual([
      ['notes-chen', 'chen2017deep', 'See [@Chen_2017].'],
      ['chen_2017', 'chen_2017', 'See [@chen_2017].'],
    ])
  })

  it('may change only the case of its own key', () => {
    const result = renamePaper(library(), 'gilmer2017neural', 'Gilmer2017Neural')
    expect(result.library.papers[0]!.key).toBe('Gilmer2017Neural')
    expect(result.ids[1]).toEqual({ from: 'gilmer2017neural-2', to: 'Gilmer2017Neural-2' })
  })

  it.each([
    ['kipf2017semi', /taken by another paper: "kipf2017semi"/],
    ['KIPF2017SEMI', /taken by another paper/],
    ['gilmer2017neural', /already has the key/],
    ['', /is empty/],
    ['has space', /may hold only/],
    ['a,b', /may hold only/],
    ['a{b}', /may hold only/],
    ['-lead', /may hold only/],
    ['trail.', /may hold only/],
    ['two..dots', /may hold only/],
    ['x'.repeat(201), /longer than 200/],
  ])('refuses the new key %j (usage error)', (key, message) => {
    expect(() => renamePaper(library(), 'gilmer2017neural', key)).toThrow(UsageError)
    expect(() => renamePaper(library(), 'gilmer2017neural', key)).toThrow(message)
  })

  it('refuses a key that makes an id too long', () => {
    const lib = library()
    lib.summaries[1]!.id = 'gilmer2017neural-1234567890'
    expect(() => renamePaper(lib, 'gilmer2017neural', 'x'.repeat(200))).toThrow(
      /too long: the summary "gilmer2017neural-1234567890" would become/,
    )
  })

  it('refuses an id another summary has, and a key a trashed paper has', () => {
    const lib = library()
    lib.summaries.push(summary({ id: 'mpnn-2', paper: 'other2020x' }))
    expect(() => renamePaper(lib, 'gilmer2017neural', 'mpnn')).toThrow(
      /"gilmer2017neural-2" would become "mpnn-2", an id another summary has/,
    )
    lib.trash.push({ summary: summary({ id: 'gone', paper: 'gone' }), paper: paper({ key: 'gone' }), deleted: '2024-05-01T00:00:00.000Z' })
    expect(() => renamePaper(lib, 'kipf2017semi', 'Gone')).toThrow(/taken by another paper \(in the trash\): "gone"/)
  })

  it('names close keys when the paper is unknown', () => {
    expect(() => renamePaper(library(), 'gilmer2017', 'x')).toThrow(NotFoundError)
    try {
      renamePaper(library(), 'gilmer2017neura', 'x')
    } catch (error) {
      expect((error as NotFoundError).details).toContain('  gilmer2017neural')
    }
  })
})

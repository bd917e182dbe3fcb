/** A summary imported twice is one summary: recognised by the merge, reported and merged by doctor. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checkLibrary } from '../../../src/core/doctor/doctor.js'
import { repairLibrary } from '../../../src/core/doctor/repair.js'
import { mergeRecords, type OnConflict } from '../../../src/core/merge/import-merge.js'
import { emptyLibrary, type Library } from '../../../src/core/model.js'
import { comparableBody, sameBody } from '../../../src/core/papers/summary-bodies.js'
import { readShortScienceDump } from '../../../src/formats/shortscience.js'
import type { ImportRecord } from '../../../src/core/merge/imported-records.js'
import { libraryOf, paper, summary } from '../../support/library.js'

const now = new Date('2026-12-06T00:00:00.000Z')
const page = readFileSync(new URL('../../fixtures/formats/shortscience-page.txt', import.meta.url), 'utf8')
const LONG = 'A long enough summary of a paper about passing messages on graphs, with a readout at the end.\n'

describe('comparableBody', () => {
  it.each([
    ['a\r\nb\r\n', 'a\nb'],
    ['a  \nb\t\n\n\n', 'a\nb'],
    ['\n\nbody', 'body'],
    ['  indented\n', '  indented'],
    ['   \n\t', ''],
  ])('%j → %j', (body, expected) => {
    expect(comparableBody(body)).toBe(expected)
  })

  it('reads long runs of spaces and blank lines in one pass', () => {
    const runs = `${' '.repeat(200_000)}x\n${'\n'.repeat(200_000)}y${' \t'.repeat(100_000)}`
    expect(comparableBody(runs)).toBe(`${' '.repeat(200_000)}x\n${'\n'.repeat(200_000)}y`)
  })

  it('compares bodies as that text', () => {
    expect(sameBody('x\r\n', 'x  ')).toBe(true)
    expect(sameBody(' x', 'x')).toBe(false)
  })
})

describe('importing a page again', () => {
  const importPage = (lib: Library, text: string, onConflict: OnConflict = 'skip') =>
    mergeRecords(lib, readShortScienceDump(text, 'page.txt').records, { onConflict, now })

  it.each<OnConflict>(['skip', 'update', 'keep-both'])('after its paper was filled in by hand, adds nothing (--on-conflict %s)', (mode) => {
    const lib = emptyLibrary()
    importPage(lib, page)
    const first = lib.papers.find((p) => p.key === lib.summaries[0]!.paper)!
    Object.assign(first, { title: 'Neural Message Passing for Quantum Chemistry', authors: ['Justin Gilmer'], year: 2017 })
    const before = structuredClone(lib)
    const actions = importPage(lib, page.replaceAll('\n', '\r\n').replace(/\.\r\n/g, '.   \r\n'), mode)
    expect(lib).toEqual(before)
    expect(actions.every((a) => a.outcome === 'unchanged')).toBe(true)
  })

  it.each<[OnConflict, string[]]>([
    ['skip', ['gnn']],
    ['update', ['gnn', 'shortscience']],
    ['keep-both', ['gnn', 'shortscience']],
  ])('a summary met again with other tags stays one summary (--on-conflict %s)', (onConflict, tags) => {
    const lib = libraryOf(
      [paper({ key: 'gilmer2017neural' })],
      [summary({ id: 'gilmer2017neural', paper: 'gilmer2017neural', body: LONG, tags: ['gnn'] })],
    )
    const record: ImportRecord = {
      origin: 'x.md',
      paper: {
        key: null,
        title: 'Untitled',
        authors: [],
        year: null,
        venue: null,
        arxiv: null,
        doi: null,
        url: null,
        abstract: null,
        added: null,
      },
      summaries: [{ id: null, by: 'Someone', body: LONG, tags: ['shortscience'], created: null, updated: null }],
    }
    mergeRecords(lib, [record], { onConflict, now })
    expect(lib.papers).toHaveLength(1)
    expect(lib.summaries.map((s) => [s.tags, s.by])).toEqual([[tags, onConflict === 'update' ? 'Someone' : 'Reader']])
  })

  it('adds an empty note once, and an empty body never replaces a real one', () => {
    const lib = emptyLibrary()
    const note = (body: string): ImportRecord => ({
      origin: 'a.md',
      paper: {
        key: null,
        title: 'Alpha',
        authors: [],
        year: 2020,
        venue: null,
        arxiv: null,
        doi: null,
        url: null,
        abstract: null,
        added: null,
      },
      summaries: [{ id: null, by: '', body, tags: [], created: null, updated: null }],
    })
    mergeRecords(lib, [note('')], { onConflict: 'update', now })
    mergeRecords(lib, [note('')], { onConflict: 'update', now })
    expect(lib.summaries).toHaveLength(1)
    lib.summaries[0]!.body = 'Written since.\n'
    mergeRecords(lib, [{ ...note(''), summaries: [{ ...note('').summaries[0]!, id: lib.summaries[0]!.id }] }], {
      onConflict: 'update',
      now,
    })
    expect(lib.summaries.map((s) => s.body)).toEqual(['Written since.\n'])
  })

  it('does not take a short note written on another paper for the same summary', () => {
    const lib = libraryOf([paper({ key: 'a2020x', title: 'Alpha' })], [summary({ id: 'a2020x', paper: 'a2020x', body: 'TODO\n' })])
    const record: ImportRecord = {
      origin: 'refs.bib',
      paper: {
        key: 'b2021y',
        title: 'Beta',
        authors: [],
        year: 2021,
        venue: null,
        arxiv: null,
        doi: null,
        url: null,
        abstract: null,
        added: null,
      },
      summaries: [{ id: null, by: '', body: 'TODO', tags: [], created: null, updated: null }],
    }
    mergeRecords(lib, [record], { onConflict: 'skip', now })
    expect(lib.summaries.map((s) => s.paper)).toEqual(['a2020x', 'b2021y'])
  })
})

describe('doctor and duplicate summaries', () => {
  const twinLibrary = () =>
    libraryOf(
      [
        paper({ key: 'gilmer2017neural', title: 'Neural Message Passing for Quantum Chemistry' }),
        paper({ key: 'anonnduntitled', title: 'Untitled ShortScience summary 9249f972', authors: [], year: null }),
      ],
      [
        summary({
          id: 'gilmer2017neural',
          paper: 'gilmer2017neural',
          body: LONG,
          tags: ['gnn'],
          by: '',
          created: '2025-02-01T00:00:00.000Z',
          updated: '2025-02-01T00:00:00.000Z',
        }),
        summary({
          id: 'anonnduntitled',
          paper: 'anonnduntitled',
          body: LONG.replace('\n', '  \r\n'),
          tags: ['shortscience'],
          by: 'Ada',
          created: '2025-01-01T00:00:00.000Z',
          updated: '2025-03-01T00:00:00.000Z',
        }),
      ],
    )

  it('reports the copy, and --fix keeps the identified one with all tags, the earliest date, the author, and drops the untitled paper', () => {
    const lib = twinLibrary()
    expect(checkLibrary(lib)).toMatchObject([
      { kind: 'duplicate-summary', fixable: true, subjects: ['gilmer2017neural', 'anonnduntitled'] },
    ])
    expect(repairLibrary(lib)).toEqual([
      'Merged anonnduntitled into gilmer2017neural (the same text)',
      'Removed the untitled paper anonnduntitled, left without a summary',
    ])
    expect(lib.summaries).toEqual([
      {
        id: 'gilmer2017neural',
        paper: 'gilmer2017neural',
        body: LONG,
        tags: ['gnn', 'shortscience'],
        by: 'Ada',
        created: '2025-01-01T00:00:00.000Z',
        updated: '2025-03-01T00:00:00.000Z',
      },
    ])
    expect(lib.papers.map((p) => p.key)).toEqual(['gilmer2017neural'])
    expect(checkLibrary(lib)).toEqual([])
  })

  it('merges two copies on one paper, whatever their length', () => {
    const lib = libraryOf(
      [paper({ key: 'p' })],
      [summary({ id: 'p', paper: 'p', body: 'short', tags: ['a'] }), summary({ id: 'p-2', paper: 'p', body: 'short\n', tags: ['b'] })],
    )
    repairLibrary(lib)
    expect(lib.summaries.map((s) => [s.id, s.tags])).toEqual([['p', ['a', 'b']]])
  })

  it.each([
    ['short notes on two papers are not duplicates', 'TODO\n', 'Reader', null],
    ['a long text on two identified papers is reported, not merged', LONG, 'Reader', false],
  ])('%s', (_what, body, by, fixable) => {
    const lib = libraryOf(
      [paper({ key: 'a', title: 'Alpha' }), paper({ key: 'b', title: 'Beta' })],
      [summary({ id: 'a', paper: 'a', body, by }), summary({ id: 'b', paper: 'b', body, by })],
    )
    const findings = checkLibrary(lib)
    if (fixable === null) expect(findings).toEqual([])
    else expect(findings).toMatchObject([{ kind: 'duplicate-summary', fixable }])
    const before = structuredClone(lib)
    repairLibrary(lib)
    expect(lib).toEqual(before)
  })

  it('leaves copies by two different readers to the person', () => {
    const lib = libraryOf(
      [paper({ key: 'p' })],
      [summary({ id: 'p', paper: 'p', body: LONG, by: 'Ada' }), summary({ id: 'p-2', paper: 'p', body: LONG, by: 'Grace' })],
    )
    expect(checkLibrary(lib)).toMatchObject([{ kind: 'duplicate-summary', fixable: false }])
    expect(checkLibrary(lib)[0]!.fix).toContain('different authors (Ada, Grace)')
  })
})

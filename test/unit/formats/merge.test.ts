import { describe, expect, it } from 'vitest'
import { changesLibrary, mergeRecords, type OnConflict } from '../../../src/core/merge/import-merge.js'
import { emptyLibrary, type Library } from '../../../src/core/model.js'
import type { ImportRecord, ImportedPaper, ImportedSummary } from '../../../src/core/merge/imported-records.js'
import { paper, sampleLibrary, summary } from './sample-library.js'

const now = new Date('2025-06-01T12:00:00.000Z')
const merge = (lib: Library, records: ImportRecord[], onConflict: OnConflict = 'skip') => mergeRecords(lib, records, { onConflict, now })

function imported(fields: Partial<ImportedPaper>, summaries: Partial<ImportedSummary>[] = [], origin = 'in.md'): ImportRecord {
  return {
    origin,
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
      ...fields,
    },
    summaries: summaries.map((s) => ({ id: null, by: '', body: '', tags: [], created: null, updated: null, ...s })),
  }
}

/** Records that give back `lib` exactly, as an export in any lossless format would. */
function recordsOf(lib: Library): ImportRecord[] {
  return lib.papers.map((p) => ({
    origin: p.key,
    paper: p,
    summaries: lib.summaries.filter((s) => s.paper === p.key).map(({ paper: _key, ...rest }) => rest),
  }))
}

function libraryWith(...papers: Parameters<typeof paper>[0][]): Library {
  return { ...emptyLibrary(), papers: papers.map(paper) }
}

describe('mergeRecords into an empty library', () => {
  it('keeps keys, ids and timestamps, so a lossless export comes back identical', () => {
    const source = sampleLibrary()
    const lib = emptyLibrary()
    const actions = merge(lib, recordsOf(source))
    expect(lib.papers).toEqual(source.papers)
    expect([...lib.summaries].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...source.summaries].sort((a, b) => a.id.localeCompare(b.id)),
    )
    expect(actions.filter((a) => a.outcome !== 'added')).toEqual([])
  })

  it('fills in what the input lacks: keys, ids and times', () => {
    const lib = emptyLibrary()
    merge(lib, [imported({ title: 'Neural Message Passing', authors: ['Justin Gilmer'], year: 2017 }, [{ body: 'a' }, { body: 'b' }])])
    expect(lib.papers[0]).toMatchObject({ key: 'gilmer2017neural', added: now.toISOString() })
    expect(lib.summaries.map((s) => [s.id, s.created, s.updated])).toEqual([
      ['gilmer2017neural', now.toISOString(), now.toISOString()],
      ['gilmer2017neural-2', now.toISOString(), now.toISOString()],
    ])
  })
})

describe('importing the same input twice changes nothing', () => {
  it.each<OnConflict>(['skip', 'update', 'keep-both'])('with --on-conflict %s', (mode) => {
    const lib = sampleLibrary()
    const records = [
      imported({ title: 'Graphs, Braces and Messages', arxiv: '1901.00012v2', year: 2020 }, [{ body: 'new take', tags: ['x'] }]),
      imported({ key: 'hopper1952compiler', title: '1.10', venue: 'J. ACM' }, [{ id: 'hopper1952compiler', body: 'changed' }]),
      imported({ title: 'Brand New', year: 2024 }, [{ body: 'fresh' }]),
    ]
    merge(lib, records, mode)
    const once = structuredClone(lib)
    const again = merge(lib, records, mode)
    expect(lib).toEqual(once)
    expect(changesLibrary(again)).toBe(false)
  })
})

describe('recognising the same paper', () => {
  const lib = () =>
    libraryWith(
      { key: 'a2019x', title: 'Alpha', year: 2019, arxiv: '1901.00001' },
      { key: 'b2019y', title: 'Beta: A Study', year: 2019, doi: '10.1000/ABC' },
      { key: 'c2019z', title: 'Gamma', year: 2019 },
    )

  it.each([
    ['the arXiv id without version', { title: 'Alpha (extended version)', arxiv: 'arXiv:1901.00001v3' }, 'a2019x'],
    ['the DOI ignoring case', { title: 'Untitled', doi: 'https://doi.org/10.1000/abc' }, 'b2019y'],
    ['the normalised title and year', { title: 'beta — a study!', year: 2019 }, 'b2019y'],
    ['the key with the same title', { key: 'c2019z', title: 'GAMMA' }, 'c2019z'],
  ])('by %s', (_by, fields, key) => {
    const target = lib()
    const actions = merge(target, [imported(fields, [{ body: 'note' }])])
    expect(target.papers).toHaveLength(3)
    expect(target.summaries.map((s) => s.paper)).toEqual([key])
    expect(actions.find((a) => a.kind === 'summary')).toMatchObject({ outcome: 'added', id: key })
  })

  it('does not take a paper for the same key when the title differs, and makes a new key', () => {
    const target = lib()
    merge(target, [imported({ key: 'c2019z', title: 'Something Else', year: 2001 })])
    expect(target.papers.map((p) => p.key)).toEqual(['a2019x', 'b2019y', 'c2019z', 'anon2001something'])
  })

  it('does not count differences of form as conflicts', () => {
    const target = libraryWith({ key: 'k', title: 'T', year: 2019, authors: ['van der Berg, Jan'], doi: '10.1/X', arxiv: '1901.00001' })
    const actions = merge(target, [
      imported({ key: 'k', title: 'T', authors: ['Jan van der Berg'], doi: '10.1/x', arxiv: '1901.00001v2', abstract: null }),
    ])
    expect(actions).toEqual([{ kind: 'paper', outcome: 'unchanged', id: 'k', origin: 'in.md' }])
  })
})

describe('conflicts', () => {
  const base = () => {
    const lib = libraryWith({ key: 'k', title: 'T', year: 2019, venue: 'Old' })
    lib.summaries.push(summary({ id: 'k', paper: 'k', body: 'old body', tags: ['a'] }))
    return lib
  }
  const incoming = imported({ key: 'k', title: 'T', year: 2019, venue: 'New' }, [{ id: 'k', body: 'new body', tags: ['b'] }])

  it.each([
    ['skip', 'Old', [['k', 'old body']], ['skipped', 'skipped']],
    ['update', 'New', [['k', 'new body']], ['updated', 'updated']],
    [
      'keep-both',
      'Old',
      [
        ['k', 'old body'],
        ['anon2019t', 'new body'],
      ],
      ['added', 'added'],
    ],
  ] as const)('--on-conflict %s', (mode, venue, summaries, outcomes) => {
    const lib = base()
    const actions = merge(lib, [incoming], mode)
    expect(lib.papers[0]!.venue).toBe(venue)
    expect(lib.summaries.map((s) => [s.id, s.body])).toEqual(summaries)
    expect(actions.map((a) => a.outcome)).toEqual(outcomes)
    if (mode !== 'keep-both') expect(actions.map((a) => a.differences)).toEqual([['venue'], ['body', 'tags']])
  })

  it('adds a new summary of a known paper with the next id', () => {
    const lib = base()
    merge(lib, [imported({ key: 'k', title: 'T' }, [{ body: 'second reader' }])])
    expect(lib.summaries.map((s) => s.id)).toEqual(['k', 'k-2'])
  })

  it('never reuses an id that is in the trash, nor an id that belongs to another paper', () => {
    const lib = base()
    lib.trash.push({ summary: summary({ id: 'k-2', paper: 'k' }), paper: null, deleted: '2024-01-01T00:00:00.000Z' })
    merge(lib, [
      imported({ key: 'k', title: 'T' }, [
        { id: 'k-2', body: 'x' },
        { id: 'other-3', body: 'y' },
      ]),
    ])
    expect(lib.summaries.map((s) => s.id)).toEqual(['k', 'k-3', 'k-4'])
  })

  it('tells apart summaries with the same body by their ids, and matches id-less ones by body', () => {
    const lib = base()
    const actions = merge(lib, [
      imported({ key: 'k', title: 'T' }, [{ id: 'k-2', body: 'old body', tags: ['other'] }]),
      imported({ key: 'k', title: 'T' }, [{ body: 'old body', tags: ['a'] }]),
    ])
    expect(lib.summaries.map((s) => [s.id, s.tags])).toEqual([
      ['k', ['a']],
      ['k-2', ['other']],
    ])
    expect(actions.filter((a) => a.kind === 'summary').map((a) => `${a.id} ${a.outcome}`)).toEqual(['k-2 added', 'k unchanged'])
  })

  it('merges records of the same paper within one input', () => {
    const lib = emptyLibrary()
    const actions = merge(lib, [
      imported({ key: 'p', title: 'Same' }, [{ id: 'p', body: 'one' }], 'a.md'),
      imported({ key: 'p', title: 'Same' }, [{ id: 'p-2', body: 'two' }], 'b.md'),
    ])
    expect(lib.papers).toHaveLength(1)
    expect(actions.map((a) => `${a.kind} ${a.id} ${a.outcome}`)).toEqual(['paper p added', 'summary p added', 'summary p-2 added'])
  })

  it('replaces an overlong imported key or id', () => {
    const lib = emptyLibrary()
    merge(lib, [imported({ key: 'x'.repeat(300), title: 'Long', year: 2020 }, [{ id: 'y'.repeat(300), body: 'b' }])])
    expect(lib.papers[0]!.key).toBe('anon2020long')
    expect(lib.summaries[0]!.id).toBe('anon2020long')
  })

  it('keeps __proto__ keys as plain data', () => {
    const lib = emptyLibrary()
    merge(lib, [imported({ key: '__proto__', title: 'P' }, [{ id: '__proto__', body: 'b' }])])
    expect(lib.papers[0]!.key).toBe('__proto__')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

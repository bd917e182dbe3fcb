import { describe, expect, it } from 'vitest'
import { mergeAttachments, mergeLibraries, mergeTagSets, sameValue } from '../../../src/core/merge/three-way.js'
import { CONFLICT_TAG } from '../../../src/core/tags/rules.js'
import type { Library } from '../../../src/core/model.js'
import { validateLibrary } from '../../../src/core/schema/schema.js'
import { moveToTrash } from '../../../src/core/records/trash.js'
import { addSummary, type PaperInput } from '../../../src/core/papers/papers.js'
import { paper, smallLibrary, summary } from '../../support/library.js'

const NOW = new Date('2026-11-26T12:00:00.000Z')
const LATER = '2025-06-01T00:00:00.000Z'
const LATEST = '2025-07-01T00:00:00.000Z'

/** Apply `edit` to a copy of `lib`. */
function edited(lib: Library, edit: (lib: Library) => void): Library {
  const copy = structuredClone(lib)
  edit(copy)
  return copy
}

/** What `add` hands over for a new paper. */
function paperInput(fields: Partial<PaperInput>): PaperInput {
  const { key: _key, added: _added, ...input } = paper({ key: 'unused', ...fields })
  return input
}

const byId = (lib: Library, id: string) => lib.summaries.find((s) => s.id === id)
const byKey = (lib: Library, key: string) => lib.papers.find((p) => p.key === key)

function merge(base: Library, ours: Library, theirs: Library) {
  const result = mergeLibraries(base, ours, theirs, NOW)
  validateLibrary(result.library, 'merged') // always a valid library
  return result
}

describe('mergeTagSets', () => {
  it.each([
    [
      ['a', 'b'],
      ['a', 'b', 'c'],
      ['a', 'b', 'd'],
      ['a', 'b', 'c', 'd'],
    ],
    [['a', 'b'], ['b'], ['a', 'b', 'c'], ['b', 'c']],
    [['a', 'b'], ['a'], ['b'], []],
    [[], ['x'], ['x'], ['x']],
    [['a'], ['a', 'x'], [], ['x']],
  ])('base %j, ours %j, theirs %j → %j', (base, ours, theirs, expected) => {
    expect(mergeTagSets(base, ours, theirs)).toEqual(expected)
  })
})

describe('sameValue', () => {
  it.each([
    [{ a: [1, { b: null }] }, { a: [1, { b: null }] }, true],
    [{ a: 1 }, { a: 1, b: undefined }, false],
    [[1, 2], [2, 1], false],
    [null, {}, false],
    ['x', 'x', true],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(sameValue(a, b)).toBe(expected)
  })
})

describe('mergeLibraries', () => {
  const base = smallLibrary()

  it('keeps additions from both sides and different fields edited on each side', () => {
    const ours = edited(base, (lib) => {
      addSummary(lib, paperInput({ title: 'Ours alone' }), { by: 'o', body: 'ours new', tags: [] }, NOW)
      byId(lib, 'gilmer2017neural')!.body = 'ours body'
      byKey(lib, 'rasmussen2004gaussian')!.venue = 'ML Summer School'
    })
    const theirs = edited(base, (lib) => {
      addSummary(lib, paperInput({ title: 'Theirs alone', authors: ['Grace Hopper'] }), { by: 't', body: 'theirs new', tags: [] }, NOW)
      byId(lib, 'gilmer2017neural')!.by = 'theirs reader'
      byKey(lib, 'rasmussen2004gaussian')!.year = 2006
    })
    const { library, conflicts } = merge(base, ours, theirs)
    expect(conflicts).toEqual([])
    expect(byId(library, 'gilmer2017neural')).toMatchObject({ body: 'ours body', by: 'theirs reader' })
    expect(byKey(library, 'rasmussen2004gaussian')).toMatchObject({ venue: 'ML Summer School', year: 2006 })
    expect(library.summaries.map((s) => s.body)).toEqual(expect.arrayContaining(['ours new', 'theirs new']))
  })

  it('respects a deletion unless the other side edited the record', () => {
    const ours = edited(base, (lib) => void moveToTrash(lib, ['gilmer2017neural-2', 'rasmussen2004gaussian'], NOW))
    const theirs = edited(base, (lib) => void (byId(lib, 'rasmussen2004gaussian')!.tags = ['bayesian', 'gp']))
    const { library } = merge(base, ours, theirs)
    expect(byId(library, 'gilmer2017neural-2')).toBeUndefined()
    expect(library.trash.map((e) => e.summary.id)).toEqual(['gilmer2017neural-2'])
    // Edited on the other side: it lives on, with its paper, and is not also in the trash.
    expect(byId(library, 'rasmussen2004gaussian')!.tags).toEqual(['bayesian', 'gp'])
    expect(byKey(library, 'rasmussen2004gaussian')).toBeDefined()
  })

  it('keeps the newest edit of a field changed on both sides and the other as a conflict copy', () => {
    const ours = edited(base, (lib) => Object.assign(byId(lib, 'gilmer2017neural')!, { body: 'ours', updated: LATEST, tags: ['gnn'] }))
    const theirs = edited(base, (lib) =>
      Object.assign(byId(lib, 'gilmer2017neural')!, { body: 'theirs', updated: LATER, tags: ['gnn', 'chemistry', 'mpnn'] }),
    )
    const { library, conflicts } = merge(base, ours, theirs)
    expect(byId(library, 'gilmer2017neural')).toMatchObject({ body: 'ours', tags: ['gnn', 'mpnn'], updated: LATEST })
    expect(conflicts).toEqual([{ kind: 'summary', record: 'gilmer2017neural', fields: ['body'], copy: 'gilmer2017neural-conflict' }])
    const copy = byId(library, 'gilmer2017neural-conflict')!
    expect(copy.body.endsWith('\n\ntheirs')).toBe(true)
    expect(copy.tags).toContain(CONFLICT_TAG)
    expect(copy.paper).toBe('gilmer2017neural')
  })

  it.each([
    ['theirs edited later: theirs wins', '2024-06-01T00:00:00.000Z', '2024-07-01T00:00:00.000Z', 'Theirs title', 'Ours title'],
    ['ours edited later: ours wins', '2024-07-01T00:00:00.000Z', '2024-06-01T00:00:00.000Z', 'Ours title', 'Theirs title'],
    ['a tie: ours wins', '2024-06-01T00:00:00.000Z', '2024-06-01T00:00:00.000Z', 'Ours title', 'Theirs title'],
  ])("a paper field edited on both sides, %s (by its summaries' latest updated)", (_, oursTime, theirsTime, kept, noted) => {
    const edit = (title: string, time: string) => (lib: Library) => {
      byKey(lib, 'gilmer2017neural')!.title = title
      byId(lib, 'gilmer2017neural-2')!.updated = time
    }
    const { library } = merge(base, edited(base, edit('Ours title', oursTime)), edited(base, edit('Theirs title', theirsTime)))
    expect(byKey(library, 'gilmer2017neural')!.title).toBe(kept)
    expect(byId(library, 'gilmer2017neural-conflict')!.body).toContain(`- title: ${JSON.stringify(noted)}`)
  })

  it('notes a paper field changed on both sides in a conflict summary on that paper', () => {
    const ours = edited(base, (lib) => void (byKey(lib, 'gilmer2017neural')!.title = 'Ours title'))
    const theirs = edited(base, (lib) => void (byKey(lib, 'gilmer2017neural')!.title = 'Theirs title'))
    const { library, conflicts } = merge(base, ours, theirs)
    expect(byKey(library, 'gilmer2017neural')!.title).toBe('Ours title')
    expect(conflicts).toEqual([{ kind: 'paper', record: 'gilmer2017neural', fields: ['title'], copy: 'gilmer2017neural-conflict' }])
    expect(byId(library, 'gilmer2017neural-conflict')!.body).toContain('- title: "Theirs title"')
  })

  it('renames a different paper added under the same key on both sides, with its summaries', () => {
    const start = { ...base, papers: [], summaries: [] }
    const add = (title: string, body: string) => (lib: Library) =>
      void addSummary(lib, paperInput({ authors: ['Ada Smith'], year: 2020, title }), { by: '', body, tags: [] }, NOW)
    const { library } = merge(start, edited(start, add('Deep nets', 'ours')), edited(start, add('Deep learning', 'theirs')))
    expect(library.papers.map((p) => [p.key, p.title])).toEqual([
      ['smith2020deep', 'Deep nets'],
      ['smith2020deepa', 'Deep learning'],
    ])
    expect(library.summaries.map((s) => [s.id, s.paper, s.body])).toEqual([
      ['smith2020deep', 'smith2020deep', 'ours'],
      ['smith2020deepa', 'smith2020deepa', 'theirs'],
    ])
  })

  it('keeps both summaries when the same paper gets a new summary on each side', () => {
    const add = (body: string) => (lib: Library) => void addSummary(lib, base.papers[1]!, { by: '', body, tags: [] }, NOW)
    const { library } = merge(base, edited(base, add('ours')), edited(base, add('theirs')))
    const ids = library.summaries.filter((s) => s.paper === 'rasmussen2004gaussian').map((s) => [s.id, s.body])
    expect(ids).toEqual([
      ['rasmussen2004gaussian', base.summaries[2]!.body],
      ['rasmussen2004gaussian-2', 'ours'],
      ['rasmussen2004gaussian-3', 'theirs'],
    ])
  })

  it('makes one trash entry when both sides trash the same summary', () => {
    const rm = (lib: Library) => void moveToTrash(lib, ['gilmer2017neural-2'], NOW)
    expect(merge(base, edited(base, rm), edited(base, rm)).library.trash).toHaveLength(1)
  })

  it('treats an empty base (histories that share nothing) as an empty library', () => {
    const other = {
      ...base,
      papers: [paper({ key: 'hopper1952compiler', title: 'Compilers' })],
      summaries: [summary({ id: 'hopper1952compiler', paper: 'hopper1952compiler' })],
    }
    const { library } = merge({ ...base, papers: [], summaries: [] }, base, other)
    expect(library.summaries).toHaveLength(4)
  })
})

describe('the reading queue in a merge', () => {
  const base = () => smallLibrary()
  it('a state set on one side and a title edited on the other are both kept', () => {
    const ours = edited(base(), (lib) => Object.assign(byKey(lib, 'gilmer2017neural')!, { state: 'to-read', priority: 2 }))
    const theirs = edited(base(), (lib) => {
      byKey(lib, 'gilmer2017neural')!.title = 'Neural Message Passing (ICML)'
      byId(lib, 'gilmer2017neural')!.updated = LATEST // theirs edited last: their paper record wins the whole
    })
    for (const [a, b] of [
      [ours, theirs],
      [theirs, ours],
    ]) {
      const { library, conflicts } = merge(base(), a!, b!)
      expect(conflicts).toEqual([])
      expect(byKey(library, 'gilmer2017neural')).toMatchObject({ title: 'Neural Message Passing (ICML)', state: 'to-read', priority: 2 })
    }
  })

  it('a state removed on one side (queue drop) stays removed', () => {
    const queued = edited(base(), (lib) => Object.assign(byKey(lib, 'gilmer2017neural')!, { state: 'to-read', priority: 2 }))
    const dropped = edited(queued, (lib) => {
      delete byKey(lib, 'gilmer2017neural')!.state
      delete byKey(lib, 'gilmer2017neural')!.priority
    })
    const { library } = merge(queued, dropped, queued)
    expect(Object.keys(byKey(library, 'gilmer2017neural')!)).not.toContain('state')
    expect(Object.keys(byKey(library, 'gilmer2017neural')!)).not.toContain('priority')
  })

  it('two different states are a conflict like any field', () => {
    const ours = edited(base(), (lib) => Object.assign(byKey(lib, 'gilmer2017neural')!, { state: 'reading' }))
    const theirs = edited(base(), (lib) => Object.assign(byKey(lib, 'gilmer2017neural')!, { state: 'read' }))
    const { conflicts } = merge(base(), ours, theirs)
    expect(conflicts.length).toBeGreaterThan(0)
  })
})

describe('the same paper added on both sides', () => {
  it('takes a reading state only one side gave it', () => {
    const base = smallLibrary()
    const added = paper({ key: 'vaswani2017attention', title: 'Attention Is All You Need', year: 2017 })
    const ours = edited(base, (lib) => void lib.papers.push({ ...added }))
    const theirs = edited(base, (lib) => void lib.papers.push({ ...added, state: 'to-read', priority: 1 }))
    for (const [a, b] of [
      [ours, theirs],
      [theirs, ours],
    ]) {
      const { library, conflicts } = merge(base, a!, b!)
      expect(conflicts).toEqual([])
      expect(library.papers.filter((p) => p.title === added.title)).toEqual([{ ...added, state: 'to-read', priority: 1 }])
    }
  })
})

describe('mergeAttachments', () => {
  const file = (name: string, sha: string) => ({
    kind: 'file' as const,
    name,
    sha256: sha.repeat(64),
    size: 1,
    added: '2026-01-01T00:00:00Z',
  })
  const link = (url: string) => ({ kind: 'link' as const, url, added: '2026-01-01T00:00:00Z' })
  it.each([
    ['both attach: all kept', [], [file('a.pdf', 'a')], [file('b.pdf', 'b')], ['a.pdf', 'b.pdf']],
    ['one detaches, the other keeps: gone', [file('a.pdf', 'a')], [], [file('a.pdf', 'a')], []],
    [
      'one detaches, the other attaches another',
      [file('a.pdf', 'a')],
      [],
      [file('a.pdf', 'a'), link('https://x.org/')],
      ['https://x.org/'],
    ],
    ['the same file on both sides: once', [], [file('a.pdf', 'a')], [file('a.pdf', 'a')], ['a.pdf']],
    ['two files under one name: ours', [], [file('a.pdf', 'a')], [file('A.pdf', 'b')], ['a.pdf']],
  ])('%s', (_, base, ours, theirs, expected) => {
    const merged = mergeAttachments(base, ours, theirs) ?? []
    expect(merged.map((a) => (a.kind === 'file' ? a.name : a.url))).toEqual(expected)
  })
})

describe('mergeLibraries keeps attachments either side made', () => {
  it('a paper edited on one side and given a file on the other holds both', () => {
    const base = smallLibrary()
    const ours = structuredClone(base)
    const theirs = structuredClone(base)
    ours.papers[0]!.title = 'Edited here'
    ours.summaries.find((s) => s.paper === ours.papers[0]!.key)!.updated = '2030-01-01T00:00:00Z'
    theirs.papers[0]!.attachments = [{ kind: 'link', url: 'https://example.org/', added: '2026-01-01T00:00:00Z' }]
    const merged = mergeLibraries(base, ours, theirs, new Date('2030-01-02T00:00:00Z')).library
    expect(merged.papers[0]).toMatchObject({ title: 'Edited here', attachments: [{ kind: 'link', url: 'https://example.org/' }] })
    expect(validateLibrary(merged, 'merged')).toBeTruthy()
  })
})

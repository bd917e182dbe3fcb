import { describe, expect, it } from 'vitest'
import {
  applyEdit,
  applyPaperChanges,
  applyPaperEdit,
  diffEdit,
  diffPaperEdit,
  editFromFlags,
  fieldsOf,
  paperEditFromFlags,
  paperFieldsOf,
  type EditBase,
  type EditChanges,
  type PaperAloneChanges,
} from '../../../src/core/records/edits.js'
import { ConflictError, NotFoundError } from '../../../src/core/errors.js'
import type { Library, Paper } from '../../../src/core/model.js'
import { libraryOf, paper as paperOf, smallLibrary, summary as summaryOf } from '../../support/library.js'

const NOW = new Date('2026-12-01T10:00:00.000Z')
const ID = 'gilmer2017neural'

function baseOf(lib: Library): EditBase {
  const summary = lib.summaries.find((s) => s.id === ID)!
  return { summary, paper: lib.papers.find((p) => p.key === summary.paper)! }
}

/** The library as someone else left it while the edit was being made. */
function meanwhile(change: (base: EditBase) => void): Library {
  const lib = smallLibrary()
  change(baseOf(lib))
  return lib
}

describe('editFromFlags: the fields the flags change, from the stored values', () => {
  const base = baseOf(smallLibrary()) // tags: gnn, chemistry
  const flags = (f: Partial<Parameters<typeof editFromFlags>[1]>) =>
    editFromFlags(base, { paper: {}, summary: {}, addTags: [], removeTags: [], ...f })

  it.each<[string, Partial<Parameters<typeof editFromFlags>[1]>, EditChanges]>([
    [
      'a body only: no other field, tags untouched',
      { summary: { body: 'new body\n' } },
      { paper: [], summary: [{ field: 'body', before: base.summary.body, after: 'new body\n' }] },
    ],
    ['a title', { paper: { title: 'T' } }, { paper: [{ field: 'title', before: base.paper.title, after: 'T' }], summary: [] }],
    ['a title set to what it is: nothing', { paper: { title: base.paper.title } }, { paper: [], summary: [] }],
    [
      'a tag added',
      { addTags: ['new'] },
      { paper: [], summary: [{ field: 'tags', before: ['gnn', 'chemistry'], after: ['gnn', 'chemistry', 'new'] }] },
    ],
    [
      'a tag it already has: still an operation (kept even if removed meanwhile)',
      { addTags: ['gnn'] },
      { paper: [], summary: [{ field: 'tags', before: ['chemistry'], after: ['gnn', 'chemistry'] }] },
    ],
    [
      'a tag removed',
      { removeTags: ['gnn'] },
      { paper: [], summary: [{ field: 'tags', before: ['gnn', 'chemistry'], after: ['chemistry'] }] },
    ],
    [
      'a tag it does not have removed: an operation too',
      { removeTags: ['todo'] },
      { paper: [], summary: [{ field: 'tags', before: ['gnn', 'chemistry', 'todo'], after: ['gnn', 'chemistry'] }] },
    ],
  ])('%s', (_name, given, changes) => {
    expect(flags(given)).toEqual(changes)
  })
})

describe('applyEdit: inside the lock, on the records as they are then', () => {
  const base = baseOf(smallLibrary())
  const body = editFromFlags(base, { paper: {}, summary: { body: 'mine\n' }, addTags: [], removeTags: [] })
  const title = editFromFlags(base, { paper: { title: 'Mine' }, summary: {}, addTags: [], removeTags: [] })
  const addTag = editFromFlags(base, { paper: {}, summary: {}, addTags: ['mine'], removeTags: ['gnn'] })
  const editorTags = diffEdit(base, fieldsOf(base), {
    ...fieldsOf(base),
    summary: { ...fieldsOf(base).summary, tags: ['chemistry', 'mine'] },
  })

  it.each<[string, (b: EditBase) => void, EditChanges, (b: EditBase) => Partial<Record<'title' | 'body' | 'tags' | 'by', unknown>>]>([
    [
      'issue 16: a body edit keeps a tag added meanwhile',
      (b) => b.summary.tags.push('important'),
      body,
      () => ({ body: 'mine\n', tags: ['gnn', 'chemistry', 'important'] }),
    ],
    ['a body edit keeps a title changed meanwhile', (b) => (b.paper.title = 'Theirs'), body, () => ({ body: 'mine\n', title: 'Theirs' })],
    [
      'a title edit keeps a body changed meanwhile',
      (b) => (b.summary.body = 'theirs\n'),
      title,
      () => ({ body: 'theirs\n', title: 'Mine' }),
    ],
    [
      'tag flags combine with tags changed meanwhile',
      (b) => (b.summary.tags = ['gnn', 'theirs']),
      addTag,
      () => ({ tags: ['theirs', 'mine'] }),
    ],
    [
      '--tag x keeps x on even when it was removed meanwhile',
      (b) => (b.summary.tags = []),
      editFromFlags(base, { paper: {}, summary: {}, addTags: ['gnn'], removeTags: [] }),
      () => ({ tags: ['gnn'] }),
    ],
    [
      'tags edited in the editor combine with a tag added meanwhile',
      (b) => b.summary.tags.push('theirs'),
      editorTags,
      () => ({ tags: ['chemistry', 'theirs', 'mine'] }),
    ],
    ['the same change made meanwhile is no collision', (b) => (b.paper.title = 'Mine'), title, () => ({ title: 'Mine' })],
  ])('%s', (_name, change, edit, expected) => {
    const lib = meanwhile(change)
    applyEdit(lib, ID, edit, NOW)
    const after = baseOf(lib)
    const seen = { title: after.paper.title, body: after.summary.body, tags: after.summary.tags, by: after.summary.by }
    expect(seen).toMatchObject(expected(after))
  })

  it.each<[string, (b: EditBase) => void, EditChanges, string[]]>([
    ['the body changed on both sides', (b) => (b.summary.body = 'theirs\n'), body, ['body']],
    ['the title changed on both sides', (b) => (b.paper.title = 'Theirs'), title, ['title']],
    [
      'several fields: every one named',
      (b) => ((b.paper.title = 'Theirs'), (b.summary.body = 'theirs\n')),
      diffEdit(base, fieldsOf(base), {
        paper: { ...fieldsOf(base).paper, title: 'Mine' },
        summary: { ...fieldsOf(base).summary, body: 'mine\n' },
      }),
      ['title', 'body'],
    ],
  ])('refused, nothing changed, when %s', (_name, change, edit, fields) => {
    const lib = meanwhile(change)
    const before = structuredClone(lib)
    let error: unknown
    try {
      applyEdit(lib, ID, edit, NOW)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConflictError)
    expect((error as ConflictError).fields).toEqual(fields)
    expect((error as ConflictError).exitCode).toBe(1)
    expect((error as ConflictError).message).toBe(
      `"${ID}" was changed by someone else while you were editing (${fields.join(', ')}); your edit was not applied`,
    )
    expect(lib).toEqual(before)
  })

  it('stamps the summary as updated only when something changed', () => {
    const lib = smallLibrary()
    expect(applyEdit(lib, ID, body, NOW).changed).toBe(true)
    expect(baseOf(lib).summary.updated).toBe(NOW.toISOString())
    const unchanged = smallLibrary()
    unchanged.summaries[0]!.body = 'mine\n'
    expect(applyEdit(unchanged, ID, body, NOW)).toMatchObject({ changed: false, summary: { updated: '2024-03-01T00:00:00.000Z' } })
  })

  it('a summary removed meanwhile is not found (exit 3)', () => {
    const lib = smallLibrary()
    lib.summaries = lib.summaries.filter((s) => s.id !== ID)
    expect(() => applyEdit(lib, ID, body, NOW)).toThrow(NotFoundError)
  })
})

describe('applyPaperChanges', () => {
  const key = 'rasmussen2004gaussian'
  it('applies fields nobody else changed and keeps the others as they are now', () => {
    const lib = smallLibrary()
    lib.papers[1]!.venue = 'Theirs'
    const paper = applyPaperChanges(
      lib,
      key,
      [
        { field: 'title', before: 'Gaussian Processes in Machine Learning', after: 'GPs' },
        { field: 'abstract', before: null, after: 'We model.' },
      ],
      'refreshing',
    )
    expect(paper).toMatchObject({ title: 'GPs', abstract: 'We model.', venue: 'Theirs' })
  })

  it('refuses them all when one field was changed meanwhile', () => {
    const lib = smallLibrary()
    lib.papers[1]!.title = 'Edited by hand'
    const before = structuredClone(lib)
    expect(() =>
      applyPaperChanges(
        lib,
        key,
        [
          { field: 'abstract', before: null, after: 'We model.' },
          { field: 'title', before: 'Gaussian Processes in Machine Learning', after: 'GPs' },
        ],
        'refreshing',
      ),
    ).toThrow(new ConflictError(`"${key}" was changed by someone else while refreshing (title); nothing was changed`, ['title']))
    expect(lib).toEqual(before)
  })
})

describe('a paper without summaries: its fields and own tags', () => {
  const KEY = 'clark2020electra'
  /** A queued paper tagged thesis and gan, with no summary. */
  const queued = () =>
    libraryOf([paperOf({ key: KEY, title: 'ELECTRA', year: 2019, venue: null, state: 'to-read', tags: ['thesis', 'gan'] })])
  const stored = (lib: Library): Paper => lib.papers.find((p) => p.key === KEY)!
  const base = stored(queued())
  const fromFlags = (f: Partial<Parameters<typeof paperEditFromFlags>[1]>) =>
    paperEditFromFlags(base, { paper: {}, addTags: [], removeTags: [], ...f })
  const shown = paperFieldsOf(base)

  it.each<[string, PaperAloneChanges, PaperAloneChanges]>([
    [
      'flags: a year and a venue',
      fromFlags({ paper: { year: 2020, venue: 'ICLR' } }),
      {
        paper: [
          { field: 'year', before: 2019, after: 2020 },
          { field: 'venue', before: null, after: 'ICLR' },
        ],
        tags: { add: [], remove: [] },
      },
    ],
    [
      'flags: a field set to what it is is no change',
      fromFlags({ paper: { title: 'ELECTRA' } }),
      { paper: [], tags: { add: [], remove: [] } },
    ],
    [
      'flags: tags as operations, even one it has',
      fromFlags({ addTags: ['thesis', 'nlp'], removeTags: ['gan', 'nlp'] }),
      {
        paper: [],
        tags: { add: ['thesis', 'nlp'], remove: ['gan'] },
      },
    ],
    [
      'editor: a title and the tags as a set',
      diffPaperEdit(base, shown, { paper: { ...shown.paper, title: 'ELECTRA!' }, tags: ['gan', 'nlp'] }),
      {
        paper: [{ field: 'title', before: 'ELECTRA', after: 'ELECTRA!' }],
        tags: { add: ['nlp'], remove: ['thesis'] },
      },
    ],
    [
      'editor: tags reordered are no change',
      diffPaperEdit(base, shown, { ...shown, tags: ['gan', 'thesis'] }),
      { paper: [], tags: { add: [], remove: [] } },
    ],
  ])('%s', (_name, changes, expected) => {
    expect(changes).toEqual(expected)
  })

  it.each<[string, (p: Paper, lib: Library) => void, PaperAloneChanges, Partial<Paper>, string[] | null]>([
    [
      'applies the fields changed and no others',
      () => {},
      fromFlags({ paper: { year: 2020 } }),
      { year: 2020, title: 'ELECTRA', tags: ['thesis', 'gan'] },
      null,
    ],
    [
      'keeps a venue set meanwhile while changing the year',
      (p) => (p.venue = 'Theirs'),
      fromFlags({ paper: { year: 2020 } }),
      { year: 2020, venue: 'Theirs' },
      null,
    ],
    ['the same change made meanwhile is no collision', (p) => (p.year = 2020), fromFlags({ paper: { year: 2020 } }), { year: 2020 }, null],
    [
      'tags combine with tags changed meanwhile',
      (p) => (p.tags = ['thesis', 'gan', 'theirs']),
      diffPaperEdit(base, shown, { ...shown, tags: ['gan', 'mine'] }),
      { tags: ['gan', 'theirs', 'mine'] },
      null,
    ],
    ['the last tag removed leaves no tags field', () => {}, fromFlags({ removeTags: ['thesis', 'gan'] }), { tags: undefined }, null],
    [
      '--tag x keeps x on even when removed meanwhile',
      (p) => delete p.tags,
      fromFlags({ addTags: ['thesis'] }),
      { tags: ['thesis'] },
      null,
    ],
    [
      'keeps its state and priority',
      (p) => (p.priority = 1),
      fromFlags({ paper: { title: 'T' } }),
      { state: 'to-read', priority: 1 },
      null,
    ],
    [
      'a title changed on both sides refuses it whole',
      (p) => (p.title = 'Theirs'),
      fromFlags({ paper: { title: 'Mine', year: 2020 } }),
      {},
      ['title'],
    ],
    [
      'every field changed on both sides is named; tags never collide',
      (p) => ((p.title = 'Theirs'), (p.doi = '10.1/theirs'), (p.tags = [])),
      diffPaperEdit(base, shown, { paper: { ...shown.paper, title: 'Mine', doi: '10.1/mine' }, tags: ['x'] }),
      {},
      ['title', 'doi'],
    ],
  ])('%s', (_name, change, edit, expected, colliding) => {
    const lib = queued()
    change(stored(lib), lib)
    const before = structuredClone(lib)
    if (colliding === null) {
      applyPaperEdit(lib, KEY, edit, NOW)
      const after = stored(lib)
      expect(Object.fromEntries(Object.keys(expected).map((field) => [field, after[field as keyof Paper]]))).toEqual(expected)
      if (expected.tags === undefined && 'tags' in expected) expect(after).not.toHaveProperty('tags')
      return
    }
    let error: unknown
    try {
      applyPaperEdit(lib, KEY, edit, NOW)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConflictError)
    expect((error as ConflictError).fields).toEqual(colliding)
    expect((error as ConflictError).exitCode).toBe(1)
    expect((error as ConflictError).message).toBe(
      `"${KEY}" was changed by someone else while you were editing (${colliding.join(', ')}); your edit was not applied`,
    )
    expect(lib).toEqual(before)
  })

  it('says whether anything changed, and stamps nothing on a paper (it has no edit time)', () => {
    const lib = queued()
    expect(applyPaperEdit(lib, KEY, fromFlags({ paper: { year: 2020 } }), NOW).changed).toBe(true)
    expect(applyPaperEdit(lib, KEY, fromFlags({ paper: { year: 2020 }, addTags: ['gan'] }), NOW).changed).toBe(false)
    expect(applyPaperEdit(lib, KEY, fromFlags({ addTags: ['new'] }), NOW).changed).toBe(true)
    expect(stored(lib)).toEqual({ ...base, year: 2020, tags: ['thesis', 'gan', 'new'] })
  })

  it('a summary written meanwhile took the tags over: the tag change goes to it, and a field change stamps it', () => {
    const lib = queued()
    // What add <key> did meanwhile: the summary took the paper's tags, the paper keeps none.
    delete stored(lib).tags
    lib.summaries.push(summaryOf({ id: KEY, paper: KEY, tags: ['mine', 'thesis', 'gan'] }))
    const result = applyPaperEdit(lib, KEY, fromFlags({ paper: { venue: 'ICLR' }, addTags: ['nlp'], removeTags: ['gan'] }), NOW)
    expect(result.changed).toBe(true)
    expect(stored(lib)).not.toHaveProperty('tags')
    expect(stored(lib).venue).toBe('ICLR')
    expect(lib.summaries[0]).toMatchObject({ tags: ['mine', 'thesis', 'nlp'], updated: NOW.toISOString() })
  })

  it('a paper removed meanwhile is not found (exit 3)', () => {
    const lib = queued()
    lib.papers = []
    expect(() => applyPaperEdit(lib, KEY, fromFlags({ paper: { year: 2020 } }), NOW)).toThrow(NotFoundError)
  })
})

import { describe, expect, it } from 'vitest'
import { addSummary, findSamePaper, nextSummaryId, type PaperInput } from '../../../src/core/papers/papers.js'
import { normalizeTitle } from '../../../src/core/papers/titles.js'
import { libraryOf, paper, smallLibrary, summary } from '../../support/library.js'

const now = new Date('2026-01-02T03:04:05.000Z')
const input = (fields: Partial<PaperInput>): PaperInput => ({
  title: 'Neural Message Passing for Quantum Chemistry',
  authors: ['Justin Gilmer'],
  year: 2017,
  venue: null,
  arxiv: null,
  doi: null,
  url: null,
  abstract: null,
  ...fields,
})

describe('findSamePaper', () => {
  const lib = smallLibrary()
  it.each([
    ['the arXiv id, version ignored', { arxiv: '1704.01212v2', title: 'Neural message passing', year: null }, 'gilmer2017neural'],
    ['the arXiv id with prefix', { arxiv: 'arXiv:1704.01212', title: '', year: null }, 'gilmer2017neural'],
    ['the DOI, case ignored', { doi: '10.1007/978-3-540-28650-9_4'.toUpperCase(), title: 'Untitled', year: null }, 'rasmussen2004gaussian'],
    [
      'title and year, punctuation and case ignored',
      { title: 'neural message-passing for quantum chemistry!', year: 2017 },
      'gilmer2017neural',
    ],
    ['title with accents folded', { title: 'Gaussian Procésses in Machine Learning', year: 2004 }, 'rasmussen2004gaussian'],
  ])('by %s', (_, fields, key) => {
    expect(findSamePaper(lib, { arxiv: null, doi: null, ...fields })?.key).toBe(key)
  })

  it.each([
    ['same title, other year', { title: 'Neural Message Passing for Quantum Chemistry', year: 2018 }],
    ['other arXiv id', { arxiv: '1704.01213', title: 'x', year: null }],
    ['the arXiv id with a title that disagrees', { arxiv: '1704.01212', title: 'Attention is all you need', year: 2017 }],
    ['empty title', { title: '', year: null }],
  ])('not by %s', (_, fields) => {
    expect(findSamePaper(lib, { arxiv: null, doi: null, ...fields })).toBeUndefined()
  })

  it('by title alone between papers without a year, and never a paper of another year before it', () => {
    const undated = libraryOf([
      paper({ key: 'a2019same', title: 'The Same Title', year: 2019 }),
      paper({ key: 'undated', title: 'The same title.', year: null }),
      paper({ key: 'b2019same', title: 'the same title', year: 2019 }),
    ])
    expect(findSamePaper(undated, { arxiv: null, doi: null, title: 'THE SAME TITLE', year: null })?.key).toBe('undated')
    expect(findSamePaper(undated, { arxiv: null, doi: null, title: 'The same title', year: 2019 })?.key).toBe('a2019same')
    expect(findSamePaper(undated, { arxiv: null, doi: null, title: 'The same title', year: 2020 })).toBeUndefined()
  })
})

describe('addSummary', () => {
  it('creates the paper with its citekey and gives the first summary the key as id', () => {
    const lib = libraryOf([])
    const added = addSummary(lib, input({}), { by: 'me', body: 'text', tags: ['gnn'] }, now)
    expect(added).toMatchObject({ attached: false, paper: { key: 'gilmer2017neural', added: now.toISOString() } })
    expect(added.summary).toEqual({
      id: 'gilmer2017neural',
      paper: 'gilmer2017neural',
      by: 'me',
      body: 'text',
      tags: ['gnn'],
      created: now.toISOString(),
      updated: now.toISOString(),
    })
    expect(lib.papers).toHaveLength(1)
  })

  it('attaches a summary of a known paper as <key>-N', () => {
    const lib = smallLibrary()
    const added = addSummary(
      lib,
      input({ arxiv: '1704.01212', title: 'Neural message passing (preprint)' }),
      { by: '', body: 'b', tags: [] },
      now,
    )
    expect(added.attached).toBe(true)
    expect(added.summary.id).toBe('gilmer2017neural-3')
    expect(lib.papers).toHaveLength(2)
  })

  it('gives a different paper with the same base key a suffixed key', () => {
    const lib = smallLibrary()
    const added = addSummary(lib, input({ title: 'Neural networks again' }), { by: '', body: 'b', tags: [] }, now)
    expect(added.paper.key).toBe('gilmer2017neurala')
  })
})

describe('nextSummaryId', () => {
  it('never reuses an id that is in the trash', () => {
    const lib = libraryOf([paper({ key: 'k' })], [summary({ id: 'k', paper: 'k' })])
    lib.trash.push({ summary: summary({ id: 'k-2', paper: 'k' }), paper: null, deleted: now.toISOString() })
    expect(nextSummaryId(lib, 'k')).toBe('k-3')
  })
})

describe('normalizeTitle', () => {
  it.each([
    ['ELECTRA: Pre-training Text Encoders', 'electra pre training text encoders'],
    ['  Schrödinger’s   cat ', 'schrodinger s cat'],
  ])('%s → %s', (title, folded) => expect(normalizeTitle(title)).toBe(folded))
})

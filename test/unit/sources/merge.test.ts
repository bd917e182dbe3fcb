import { describe, expect, it } from 'vitest'
import type { Paper } from '../../../src/core/model.js'
import type { PaperInput } from '../../../src/core/papers/papers.js'
import { applyFieldChanges } from '../../../src/core/records/field-changes.js'
import { findKnownPaper, linkIdentifiers, paperFromMetadata, refreshChanges } from '../../../src/core/papers/metadata-merge.js'
import type { PaperMetadata } from '../../../src/core/papers/metadata.js'
import { libraryOf, paper } from '../../support/library.js'

const metadata: PaperMetadata = {
  title: 'Learned Messages',
  authors: ['Kim Ashworth'],
  year: 2020,
  venue: 'J. Ex.',
  arxiv: '2003.10555',
  doi: '10.5555/x',
  url: 'https://arxiv.org/abs/2003.10555',
  abstract: 'We learn.',
  primaryCategory: 'cs.LG',
  version: 'v2',
  journalRef: 'J. Ex.',
}

describe('paperFromMetadata', () => {
  it('takes the metadata when no flag is given', () => {
    expect(paperFromMetadata(metadata, { authors: [] })).toEqual({
      title: 'Learned Messages',
      authors: ['Kim Ashworth'],
      year: 2020,
      venue: 'J. Ex.',
      arxiv: '2003.10555',
      category: 'cs.LG',
      doi: '10.5555/x',
      url: 'https://arxiv.org/abs/2003.10555',
      abstract: 'We learn.',
    })
  })

  it('lets every given flag win, including an explicit empty year', () => {
    const flags = { title: 'T', authors: ['A B'], year: null, venue: 'V', arxiv: '1111.22222', doi: '10.1/y', url: 'https://u.example' }
    expect(paperFromMetadata(metadata, flags)).toEqual({ ...flags, category: 'cs.LG', abstract: 'We learn.' })
  })
})

describe('findKnownPaper', () => {
  const input = (fields: Partial<PaperInput>): PaperInput => ({ ...paperFromMetadata(metadata, { authors: [] }), ...fields })
  const preprint = paper({ key: 'pre', title: 'Learned messages!', year: 2019, arxiv: '1905.00001' })
  const published = paper({ key: 'pub', title: 'Learned Messages', year: 2021, doi: '10.5555/PUB' })
  const lib = libraryOf([
    preprint,
    published,
    paper({ key: 'other', title: 'Learned messages (extended)', arxiv: '2003.10555' }),
    paper({ key: 'bogus', title: 'Protein folding at scale', arxiv: '1906.00001' }),
  ])

  it.each<[string, Partial<PaperInput>, string | undefined]>([
    ['the same arXiv id', { arxiv: '2003.10555v4', doi: null }, 'other'],
    ['the same DOI in another case', { arxiv: null, doi: '10.5555/pub' }, 'pub'],
    ['the published version of a preprint (DOI only, a year later)', { arxiv: null, doi: '10.5555/new', year: 2020 }, 'pre'],
    ['the preprint of a published paper (arXiv only)', { arxiv: '2101.00009', doi: null, year: 2020, title: 'LEARNED MESSAGES' }, 'pub'],
    ['no twin when both sides have the same kind of id', { arxiv: '2101.00009', doi: '10.5555/new' }, undefined],
    ['no twin when years are far apart', { arxiv: null, doi: '10.5555/new', year: 2030 }, undefined],
    ['no twin with another title', { arxiv: null, doi: '10.5555/new', title: 'Learned Messages II' }, undefined],
    ['not a paper that shares a copied arXiv id under another title', { arxiv: '1906.00001', doi: null, year: 2030 }, undefined],
  ])('%s', (_what, fields, key) => {
    expect(findKnownPaper(lib, input(fields))?.key).toBe(key)
  })
})

describe('linkIdentifiers', () => {
  it.each<[Partial<Paper>, Pick<PaperInput, 'arxiv' | 'doi'>, string[], Partial<Paper>]>([
    [{ arxiv: null, doi: '10.1/a' }, { arxiv: '2003.10555', doi: '10.1/b' }, ['arxiv'], { arxiv: '2003.10555', doi: '10.1/a' }],
    [{ arxiv: '2003.10555', doi: null }, { arxiv: '9999.99999', doi: '10.1/b' }, ['doi'], { arxiv: '2003.10555', doi: '10.1/b' }],
    [{ arxiv: null, doi: null }, { arxiv: '2003.10555', doi: '10.1/b' }, ['arxiv', 'doi'], { arxiv: '2003.10555', doi: '10.1/b' }],
    [{ arxiv: '1', doi: '2' }, { arxiv: null, doi: null }, [], { arxiv: '1', doi: '2' }],
  ])('%j + %j fills %j', (fields, input, filled, after) => {
    const record = paper({ key: 'k', ...fields })
    expect(linkIdentifiers(record, input)).toEqual(filled)
    expect(record).toMatchObject(after)
  })
})

describe('refreshChanges', () => {
  const stored = paper({
    key: 'k',
    title: 'Learned messages',
    authors: ['K. Ashworth'],
    year: 2020,
    venue: 'Mine',
    arxiv: '2003.10555',
    doi: null,
    url: 'https://mine.example',
    abstract: null,
  })

  it('replaces descriptive fields, fills identifiers, keeps the link and never clears', () => {
    const changes = refreshChanges(stored, { ...metadata, venue: null })
    expect(changes).toEqual([
      { field: 'title', before: 'Learned messages', after: 'Learned Messages' },
      { field: 'authors', before: ['K. Ashworth'], after: ['Kim Ashworth'] },
      { field: 'abstract', before: null, after: 'We learn.' },
      { field: 'category', before: null, after: 'cs.LG' },
      { field: 'doi', before: null, after: '10.5555/x' },
    ])
    const record = { ...stored }
    applyFieldChanges(record, changes)
    expect(record).toEqual({
      ...stored,
      title: 'Learned Messages',
      authors: ['Kim Ashworth'],
      abstract: 'We learn.',
      category: 'cs.LG',
      doi: '10.5555/x',
    })
  })

  it('finds nothing to change in an up-to-date paper', () => {
    const current = paper({ key: 'k', ...paperFromMetadata(metadata, { authors: [] }) })
    expect(refreshChanges(current, metadata)).toEqual([])
  })

  it('does not replace authors with an empty list', () => {
    const current = paper({ key: 'k', ...paperFromMetadata(metadata, { authors: [] }) })
    expect(refreshChanges(current, { ...metadata, authors: [] })).toEqual([])
  })

  it.each<[string, Partial<PaperMetadata>]>([
    ['an empty title', { title: '' }],
    ['a placeholder title', { title: 'Untitled ShortScience paper 2003.10555' }],
    ['anonymous authors', { authors: ['anon'] }],
    ['blank text', { venue: '  ', abstract: '' }],
  ])('never replaces a real value with %s', (_what, fields) => {
    const current = paper({ key: 'k', ...paperFromMetadata(metadata, { authors: [] }) })
    expect(refreshChanges(current, { ...metadata, ...fields })).toEqual([])
  })

  it('replaces placeholders: a made-up title and a shortscience.org link give way to the real ones', () => {
    const placeholder = paper({
      key: 'k',
      title: 'Untitled ShortScience paper 2003.10555',
      arxiv: '2003.10555',
      url: 'https://www.shortscience.org/paper?bibtexKey=2003.10555',
    })
    const fields = refreshChanges(placeholder, metadata).map((c) => [c.field, c.after])
    expect(fields).toContainEqual(['title', 'Learned Messages'])
    expect(fields).toContainEqual(['url', 'https://arxiv.org/abs/2003.10555'])
  })
})

import { describe, expect, it } from 'vitest'
import { NetworkError } from '../../../src/core/errors.js'
import { arxivSearchQuery, parseArxivSearch } from '../../../src/sources/arxiv-search.js'
import { mergeCandidates } from '../../../src/sources/candidates.js'
import { parseCrossrefWorks } from '../../../src/sources/crossref.js'
import type { PaperMetadata } from '../../../src/core/papers/metadata.js'
import { IDENTIFY_CASES } from './identify-fixtures.js'

const works = (...items: unknown[]) => JSON.stringify({ status: 'ok', 'message-type': 'work-list', message: { items } })

describe('parseCrossrefWorks', () => {
  it('reads a recorded answer: titles, names, years, venues, DOIs, JATS abstracts', () => {
    const [book, chapter] = parseCrossrefWorks(IDENTIFY_CASES[4]!.crossrefJson, 10)
    expect(book).toMatchObject({
      title: 'Gaussian Processes for Machine Learning',
      authors: ['Carl Edward Rasmussen', 'Christopher K. I. Williams'],
      year: 2005,
      venue: null,
      doi: '10.7551/mitpress/3206.001.0001',
    })
    expect(chapter).toMatchObject({
      title: 'Gaussian Processes in Machine Learning',
      year: 2004,
      venue: 'Lecture Notes in Computer Science',
      url: 'https://doi.org/10.1007/978-3-540-28650-9_4',
    })
    expect(chapter!.abstract).toMatch(/^We give a basic introduction to Gaussian Process regression models\. We focus/)
  })

  it.each([
    [
      'an organisation author (name), stored braced as one name',
      { DOI: '10.5555/a', title: ['T'], author: [{ name: 'The ATLAS Collaboration' }, { given: 'Ada', family: 'Lovelace' }] },
      { authors: ['{The ATLAS Collaboration}', 'Ada Lovelace'] },
    ],
    [
      'a year only in published-online',
      { DOI: '10.5555/a', title: ['T'], 'published-online': { 'date-parts': [[2019, 3]] } },
      { year: 2019 },
    ],
    [
      'the first of several container titles',
      { DOI: '10.5555/a', title: ['T'], 'container-title': ['Series', 'Book'] },
      { venue: 'Series' },
    ],
    ['a DOI in capitals', { DOI: '10.5555/ABC', title: ['T'] }, { doi: '10.5555/abc' }],
  ])('maps %s', (_name, item, expected) => {
    expect(parseCrossrefWorks(works(item), 10)[0]).toMatchObject(expected)
  })

  it.each([
    ['no title', { DOI: '10.5555/a', title: [] }],
    ['no DOI', { title: ['T'] }],
    ['a DOI that is not one', { DOI: 'nonsense', title: ['T'] }],
    ['a title of the wrong type', { DOI: '10.5555/a', title: 'T' }],
  ])('leaves out an item with %s, keeping the others', (_name, item) => {
    expect(parseCrossrefWorks(works(item, { DOI: '10.5555/b', title: ['Kept'] }), 10).map((m) => m.title)).toEqual(['Kept'])
  })

  it('keeps at most the rows asked for', () => {
    expect(parseCrossrefWorks(works({ DOI: '10.5555/a', title: ['A'] }, { DOI: '10.5555/b', title: ['B'] }), 1)).toHaveLength(1)
  })

  it.each([
    ['not JSON', '<html>busy</html>'],
    ['an error status', JSON.stringify({ status: 'failed', message: [{ type: 'validation-failure' }] })],
    ['no items', JSON.stringify({ status: 'ok', message: {} })],
  ])('refuses %s as a NetworkError', (_name, body) => {
    expect(() => parseCrossrefWorks(body, 10)).toThrow(NetworkError)
  })
})

describe('arXiv search', () => {
  it.each([
    [['message', 'passing'], 'all:message OR all:passing'],
    [['pre-training', 'ELECTRA'], 'all:pre OR all:training OR all:ELECTRA'],
    [['AND', 'ti:x', '"quoted"', '(group)'], 'all:ti OR all:x OR all:quoted OR all:group'],
    [['graph', 'graph'], 'all:graph'],
  ])('the query for %j is %s', (words, expected) => {
    expect(arxivSearchQuery(words)).toBe(expected)
  })

  it("reads a recorded answer in arXiv's order, ids without versions", () => {
    const found = parseArxivSearch(IDENTIFY_CASES[0]!.arxivXml, 10)
    expect(found.map((m) => m.arxiv)).toEqual(['1509.09292', '1706.08566', '1704.01212', '1511.05493', '1703.00564'])
    expect(found[2]).toMatchObject({
      title: 'Neural Message Passing for Quantum Chemistry',
      year: 2017,
      primaryCategory: 'cs.LG',
      version: 'v2',
    })
  })

  it("refuses arXiv's error entry", () => {
    const error =
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/api/errors#incorrect_id_format</id><title>Error</title><summary>malformed query</summary></entry></feed>'
    expect(() => parseArxivSearch(error, 10)).toThrow(/arXiv refused the search/)
  })
})

describe('mergeCandidates', () => {
  const meta = (fields: Partial<PaperMetadata>): PaperMetadata => ({
    title: 'T',
    authors: [],
    year: 2020,
    venue: null,
    arxiv: null,
    doi: null,
    url: null,
    abstract: null,
    primaryCategory: null,
    version: null,
    journalRef: null,
    ...fields,
  })

  it('joins a preprint and its published version, by DOI or by title within two years', () => {
    const merged = mergeCandidates(
      [meta({ title: 'Deep Nets', arxiv: '2001.00001', year: 2020 }), meta({ title: 'Other', arxiv: '2001.00002', doi: '10.5555/x' })],
      [
        meta({ title: 'Deep nets!', doi: '10.5555/deep', venue: 'J', year: 2021 }),
        meta({ title: 'Renamed', doi: '10.5555/x' }),
        meta({ title: 'Deep Nets', doi: '10.5555/late', year: 2025 }),
      ],
    )
    expect(merged.map((c) => [c.metadata.title, c.metadata.doi, c.services, c.serviceRank])).toEqual([
      ['Deep Nets', '10.5555/deep', ['arxiv', 'crossref'], 0],
      ['Other', '10.5555/x', ['arxiv', 'crossref'], 1],
      ['Deep Nets', '10.5555/late', ['crossref'], 2],
    ])
    expect(merged[0]!.metadata.venue).toBe('J')
  })
})

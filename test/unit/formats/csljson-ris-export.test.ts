import { describe, expect, it } from 'vitest'
import { cslName, libraryToCslJson, paperToCsl } from '../../../src/formats/csljson.js'
import { libraryToRis, paperToRis, risName } from '../../../src/formats/ris.js'
import { paper, sampleLibrary } from './sample-library.js'

describe('names', () => {
  it.each([
    ['Justin Gilmer', { family: 'Gilmer', given: 'Justin' }, 'Gilmer, Justin'],
    ['Jan van der Berg', { family: 'van der Berg', given: 'Jan' }, 'van der Berg, Jan'],
    ['Smith, Jr., John', { family: 'Smith', given: 'John', suffix: 'Jr.' }, 'Smith, John, Jr.'],
    ['Plato', { literal: 'Plato' }, 'Plato'],
    ['{ATLAS Collaboration}', { literal: 'ATLAS Collaboration' }, 'ATLAS Collaboration'],
  ])('%s', (name, csl, ris) => {
    expect(cslName(name)).toEqual(csl)
    expect(risName(name)).toBe(ris)
  })
})

describe('CSL-JSON export', () => {
  it('writes every field precis models, keyed by the paper key', () => {
    const item = paperToCsl(sampleLibrary().papers[0]!, 'lovelace2019graphs', ['gnn', 'ml/graphs'])
    expect(item).toMatchObject({
      id: 'lovelace2019graphs',
      type: 'paper-conference',
      title: 'Graphs, {Braces} and $\\mathcal{O}(n^2)$ Messages: a 50% & #1 Study',
      issued: { 'date-parts': [[2019]] },
      'container-title': 'Proceedings of the 36th International Conference on Machine Learning (ICML)',
      DOI: '10.5555/ABC.0012',
      URL: 'https://example.org/paper?id=1&x=_y',
      archive: 'arXiv',
      archive_location: '1901.00012',
      keyword: 'gnn, ml/graphs',
      abstract: 'Two lines\nof abstract with trailing space \nand a colon: here',
    })
    expect((item.author as unknown[]).length).toBe(4)
  })

  it('gives a preprint its arXiv number and leaves out what is missing', () => {
    expect(paperToCsl(paper({ key: 'a', title: 'T', arxiv: 'math/0501234', venue: 'arXiv' }), 'a')).toEqual({
      id: 'a',
      type: 'article',
      title: 'T',
      publisher: 'arXiv',
      archive: 'arXiv',
      archive_location: 'math/0501234',
      number: 'arXiv:math/0501234',
    })
  })

  it('is a JSON array with one item per paper', () => {
    const items = JSON.parse(libraryToCslJson(sampleLibrary())) as Array<{ id: string }>
    expect(items.map((item) => item.id)).toEqual(['lovelace2019graphs', 'hopper1952compiler', 'noether2021untitled'])
  })
})

describe('RIS export', () => {
  it('writes a record per paper, one tag a line, values on one line but the abstract', () => {
    const ris = paperToRis(
      paper({
        key: 'k',
        title: 'A\ntitle',
        authors: ['Ada Lovelace'],
        year: 2019,
        venue: 'Journal of the ACM',
        doi: '10.1/x',
        abstract: 'One\nTY  - JOUR\ntwo',
      }),
      'k',
      ['gnn'],
    )
    expect(ris).toBe(
      'TY  - JOUR\nID  - k\nTI  - A title\nAU  - Lovelace, Ada\nPY  - 2019\nT2  - Journal of the ACM\nJO  - Journal of the ACM\nDO  - 10.1/x\nKW  - gnn\n' +
        'AB  - One\n TY  - JOUR\ntwo\nER  - \n',
    )
  })

  it('marks an arXiv preprint as unpublished with its id as accession number', () => {
    expect(paperToRis(paper({ key: 'n', title: 'null', arxiv: 'math/0501234' }), 'n')).toBe(
      'TY  - UNPB\nID  - n\nTI  - null\nAN  - arXiv:math/0501234\nER  - \n',
    )
  })

  it('keys records by the paper keys', () => {
    expect([...libraryToRis(sampleLibrary()).matchAll(/^ID {2}- (.*)$/gm)].map((m) => m[1])).toEqual([
      'lovelace2019graphs',
      'hopper1952compiler',
      'noether2021untitled',
    ])
  })
})

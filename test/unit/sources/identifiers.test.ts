import { describe, expect, it } from 'vitest'
import { normalizeArxivId, normalizeDoi, parseSource, type Source } from '../../../src/core/papers/identifiers.js'

const arxiv = (id: string, version: string | null = null): Source => ({ kind: 'arxiv', id, version })
const doi = (value: string): Source => ({ kind: 'doi', doi: value })

describe('parseSource', () => {
  it.each<[string, Source | null]>([
    ['2003.10555', arxiv('2003.10555')],
    ['2003.10555v3', arxiv('2003.10555', 'v3')],
    ['0704.0001', arxiv('0704.0001')],
    ['  1704.01212  ', arxiv('1704.01212')],
    ['arXiv:1704.01212', arxiv('1704.01212')],
    ['ARXIV: 1704.01212v2', arxiv('1704.01212', 'v2')],
    ['math/0501234', arxiv('math/0501234')],
    ['math.AG/0501234v1', arxiv('math/0501234', 'v1')],
    ['hep-th/9901001', arxiv('hep-th/9901001')],
    ['arXiv:cond-mat/0211034', arxiv('cond-mat/0211034')],
    ['https://arxiv.org/abs/2003.10555', arxiv('2003.10555')],
    ['http://arxiv.org/abs/2003.10555v2', arxiv('2003.10555', 'v2')],
    ['https://arxiv.org/pdf/2003.10555v2.pdf', arxiv('2003.10555', 'v2')],
    ['https://arxiv.org/pdf/2003.10555', arxiv('2003.10555')],
    ['https://export.arxiv.org/abs/math/0501234', arxiv('math/0501234')],
    ['https://www.arxiv.org/abs/2003.10555?context=cs', arxiv('2003.10555')],
    ['arxiv.org/abs/2003.10555/', arxiv('2003.10555')],
    ['https://arxiv.org/html/2003.10555v1', arxiv('2003.10555', 'v1')],
    ['10.1038/nature14539', doi('10.1038/nature14539')],
    ['doi:10.1103/PhysRevLett.116.061102', doi('10.1103/physrevlett.116.061102')],
    ['DOI: 10.1145/3292500.3330701', doi('10.1145/3292500.3330701')],
    ['https://doi.org/10.1038/NATURE14539', doi('10.1038/nature14539')],
    [
      'http://dx.doi.org/10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0',
      doi('10.1002/(sici)1097-4571(199806)49:8<693::aid-asi4>3.0.co;2-0'),
    ],
    ['https://doi.org/10.1000%2Fabc', doi('10.1000/abc')],
    ['10.1000.10/123', doi('10.1000.10/123')],
    ['10.48550/arXiv.2003.10555', arxiv('2003.10555')],
    ['https://doi.org/10.48550/arXiv.2003.10555', arxiv('2003.10555')],
    ['', null],
    ['attention is all you need', null],
    ['2003.105', null],
    ['2003.10555v', null],
    ['https://example.org/abs/2003.10555', null],
    ['https://arxiv.org/list/cs.LG/recent', null],
    ['10.12/too-short-registrant', null],
    ['10.1000/has space', null],
    ['10.1000/esc\u001b[31m', null],
    ['10.1000/bidi\u202eevil', null],
    ['https://doi.org/10.1000%E0%A4%A', null],
    ['math/05012345', null],
    ['../etc/passwd', null],
  ])('%j', (input, expected) => {
    expect(parseSource(input)).toEqual(expected)
  })
})

describe('normalizeArxivId', () => {
  it.each<[string, string | null]>([
    ['arXiv:2003.10555v3', '2003.10555'],
    ['MATH/0501234', 'math/0501234'],
    ['https://arxiv.org/abs/hep-th/9901001v2', 'hep-th/9901001'],
    ['10.1038/nature14539', null],
  ])('%j → %j', (input, expected) => {
    expect(normalizeArxivId(input)).toBe(expected)
  })
})

describe('normalizeDoi', () => {
  it.each<[string, string | null]>([
    ['10.1038/Nature14539', '10.1038/nature14539'],
    ['https://dx.doi.org/10.1038/nature14539', '10.1038/nature14539'],
    ['doi:10.48550/arXiv.2003.10555', '10.48550/arxiv.2003.10555'],
    ['2003.10555', null],
    ['doi:', null],
  ])('%j → %j', (input, expected) => {
    expect(normalizeDoi(input)).toBe(expected)
  })
})

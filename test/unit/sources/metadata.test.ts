import { describe, expect, it } from 'vitest'
import { cleanText, cleanUrl, cleanYear, finishMetadata } from '../../../src/sources/metadata.js'
import type { PaperMetadata } from '../../../src/core/papers/metadata.js'
import { NetworkError } from '../../../src/core/errors.js'

describe('cleanText', () => {
  it.each<[string | null | undefined, number, string | null]>([
    ['  Hard\n   wrapped\ttitle  ', 100, 'Hard wrapped title'],
    ['Esc\u001b[31m red\u001b[0m', 100, 'Esc[31m red[0m'],
    ['bidi \u202eevil\u202c and \u2066iso\u2069 \u200fmark', 100, 'bidi evil and iso mark'],
    ['C1 \u009b controls \u0085 and DEL\u007f', 100, 'C1 controls and DEL'],
    ['NUL\u0000 byte', 100, 'NUL byte'],
    ['lone \ud800 high, lone \udfff low, pair \ud83d\ude00 kept', 100, 'lone high, lone low, pair \ud83d\ude00 kept'],
    ['e\u0301 composed', 100, '\u00e9 composed'],
    ['\u001b\u202e \n', 100, null],
    ['', 100, null],
    [null, 100, null],
    [undefined, 100, null],
    ['abcdefghij', 10, 'abcdefghij'],
    ['abcdefghijk', 10, 'abcdefghi…'],
    ['😀😀😀😀', 3, '😀😀…'],
  ])('%j (max %d) → %j', (input, max, expected) => {
    expect(cleanText(input, max)).toBe(expected)
  })
})

describe('cleanUrl', () => {
  it.each<[string | undefined, string | null]>([
    ['https://example.org/paper?id=1', 'https://example.org/paper?id=1'],
    ['http://example.org', 'http://example.org'],
    ['javascript:alert(1)', null],
    ['file:///etc/passwd', null],
    ['data:text/html,<script>', null],
    ['not a url', null],
    [`https://example.org/${'a'.repeat(3000)}`, null],
    [undefined, null],
  ])('%j → %j', (input, expected) => {
    expect(cleanUrl(input)).toBe(expected)
  })
})

describe('cleanYear', () => {
  it.each<[unknown, number | null]>([
    [2017, 2017],
    ['2017', 2017],
    ['2017-04-04', 2017],
    [999, null],
    [12345, null],
    [2017.5, null],
    ['x', null],
    [null, null],
  ])('%j → %j', (input, expected) => {
    expect(cleanYear(input)).toBe(expected)
  })
})

describe('finishMetadata', () => {
  const complete: PaperMetadata = {
    title: 'T',
    authors: ['A B'],
    year: 2020,
    venue: null,
    arxiv: '2003.10555',
    doi: null,
    url: null,
    abstract: null,
    primaryCategory: 'cs.LG',
    version: 'v1',
    journalRef: null,
  }

  it('returns a valid record unchanged', () => {
    expect(finishMetadata(complete, 'arXiv')).toEqual(complete)
  })

  it.each<[string, Partial<PaperMetadata>]>([
    ['an empty title', { title: '' }],
    ['an empty author', { authors: [''] }],
    ['a year out of range', { year: 20 }],
    ['a malformed version', { version: '2' }],
  ])('refuses %s', (_what, change) => {
    expect(() => finishMetadata({ ...complete, ...change }, 'arXiv')).toThrow(NetworkError)
  })
})

import { describe, expect, it } from 'vitest'
import {
  checkPaperFields,
  checkSummaryFields,
  describeFieldProblem,
  FIELD_LIMITS,
  isUsableName,
  textProblem,
} from '../../../src/core/records/field-rules.js'
import { normalizeUrl } from '../../../src/core/papers/identifiers.js'

describe('textProblem', () => {
  it.each([
    ['plain text', null],
    ['tab\tnewline\nCRLF\r\nlone CR\r', null],
    ['emoji 😀 and DEL \u007f and C1 \u0085', null],
    ['', null],
    ['b\u0000c', 'contains a NUL character at character 2'],
    ['bell\u0007', 'contains a control character (U+0007) at character 5'],
    ['one\ntwo\nth\u001bree', 'contains a control character (U+001B) at line 3, column 3'],
    ['\u000b', 'contains a control character (U+000B) at character 1'],
    ['x\ud800', 'contains a lone surrogate (U+D800, half of a character) at character 2'],
    ['\udc00x', 'contains a lone surrogate (U+DC00, half of a character) at character 1'],
    ['\ude00\ud83d', 'contains a lone surrogate (U+DE00, half of a character) at character 1'],
  ])('%j → %j', (text, expected) => {
    expect(textProblem(text)).toBe(expected)
  })

  it('counts the limit in characters and says by how much', () => {
    expect(textProblem('abcd', 4)).toBeNull()
    expect(textProblem('abcde', 4)).toBe('is longer than 4 characters (5)')
    expect(textProblem('😀😀😀😀', 4)).toBeNull()
    expect(textProblem('😀😀😀😀😀', 4)).toBe('is longer than 4 characters (5)')
  })
})

describe('normalizeUrl', () => {
  it.each([
    ['https://example.org/a?b=c#d', 'https://example.org/a?b=c#d'],
    ['  http://example.org  ', 'http://example.org'],
    ['javascript:alert(1)', null],
    ['JavaScript:alert(1)', null],
    ['data:text/html,<script>', null],
    ['file:///etc/passwd', null],
    ['ftp://example.org/x', null],
    ['www.example.org', null],
    ['https://exa mple.org', null],
    ['https://example.org/\u0000', null],
    ['https://example.org/\u202e', null],
    ['https://example.org/\ud800', null],
    [`https://example.org/${'a'.repeat(2000)}`, null],
  ])('%j → %j', (input, expected) => {
    expect(normalizeUrl(input)).toBe(expected)
  })
})

describe('checkPaperFields', () => {
  it('puts identifiers in their stored form and leaves absent fields absent', () => {
    const { value, problems } = checkPaperFields({
      arxiv: 'arXiv:1704.01212v2',
      doi: 'https://doi.org/10.5555/ABC',
      url: ' https://x.org ',
      title: 'T',
    })
    expect(problems).toEqual([])
    expect(value).toEqual({ arxiv: '1704.01212', doi: '10.5555/abc', url: 'https://x.org', title: 'T' })
  })

  it('reads blank identifiers as none', () => {
    expect(checkPaperFields({ arxiv: ' ', doi: '', url: '' }).value).toEqual({ arxiv: null, doi: null, url: null })
  })

  it.each([
    [{ title: 't'.repeat(FIELD_LIMITS.title + 1) }, 'title is longer than 1000 characters (1001)'],
    [{ venue: 'v\u0000' }, 'venue contains a NUL character at character 2'],
    [{ abstract: 'a'.repeat(20_001) }, 'abstract is longer than 20000 characters (20001)'],
    [{ category: 'cs.\u0001' }, 'category contains a control character (U+0001) at character 4'],
    [{ authors: ['Ann Ok', 'B\u0007ad'] }, 'authors (name 2) contains a control character (U+0007) at character 2'],
    [{ authors: ['n'.repeat(201)] }, 'authors (name 1) is longer than 200 characters (201)'],
    [{ authors: Array(5001).fill('A') }, 'authors lists more than 5000 names (5001)'],
    [{ arxiv: 'not an id' }, 'arxiv is not an arXiv id (such as 1704.01212 or math/0501234): "not an id"'],
    [{ doi: '10.1234/a\u0001b' }, 'doi contains a control character (U+0001) at character 10'],
    [{ doi: 'doi-10.1234/x' }, 'doi is not a DOI (such as 10.1000/xyz123): "doi-10.1234/x"'],
    [{ url: 'javascript:alert(1)' }, 'url is not an http or https link: "javascript:alert(1)"'],
  ])('%j → %s', (fields, message) => {
    expect(checkPaperFields(fields).problems.map((problem) => describeFieldProblem(problem))).toEqual([message])
  })
})

describe('checkSummaryFields', () => {
  it.each([
    [{ by: 'Ann', body: 'text\n' }, []],
    [{ by: 'b'.repeat(201) }, ['by is longer than 200 characters (201)']],
    [{ body: 'one\nt\u0000wo' }, ['body contains a NUL character at line 2, column 2']],
  ])('%j → %j', (fields, messages) => {
    expect(checkSummaryFields(fields).problems.map((problem) => describeFieldProblem(problem))).toEqual(messages)
  })
})

describe('isUsableName', () => {
  it.each([
    ['gilmer2017neural', 'key', true],
    ['Knuth:1984', 'key', true],
    ['', 'key', false],
    ['two words', 'key', false],
    ['new\nline', 'key', false],
    ['k'.repeat(200), 'key', true],
    ['k'.repeat(201), 'key', false],
    ['i'.repeat(210), 'id', true],
    ['😀'.repeat(101), 'key', false],
    ['nul\u0000', 'id', false],
  ] as const)('%j as a %s → %s', (name, kind, usable) => {
    expect(isUsableName(name, kind)).toBe(usable)
  })
})

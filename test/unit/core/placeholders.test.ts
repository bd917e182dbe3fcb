import { describe, expect, it } from 'vitest'
import {
  isPlaceholder,
  isUnidentifiedPaper,
  shortSciencePaperTitle,
  shortScienceSummaryTitle,
  type PlaceholderField,
} from '../../../src/core/papers/placeholders.js'

describe('isPlaceholder', () => {
  it.each<[PlaceholderField, unknown, boolean]>([
    ['title', shortSciencePaperTitle('1704.01212'), true],
    ['title', shortScienceSummaryTitle('9249f972'), true],
    ['title', 'Untitled', true],
    ['title', '(missing paper gilmer2017neural)', true],
    ['title', '   ', true],
    ['title', 'Untitled: A Study of Nameless Things', false],
    ['title', 'Neural Message Passing for Quantum Chemistry', false],
    ['authors', [], true],
    ['authors', ['anon'], true],
    ['authors', ['Anonymous', ''], true],
    ['authors', ['anon', 'Justin Gilmer'], false],
    ['authors', [`${' '.repeat(100_000)}x`], false],
    ['title', `(missing paper ${') '.repeat(100_000)}x`, false],
    ['url', 'https://www.shortscience.org/paper?bibtexKey=journals%2Fcorr%2F1704.01212', true],
    ['url', 'https://shortscience.org/paper?bibtexKey=x', true],
    ['url', 'https://proceedings.mlr.press/v70/gilmer17a.html', false],
    ['url', 'not a link', false],
    ['year', null, true],
    ['year', 2017, false],
    ['venue', '', true],
    ['venue', 'ICML', false],
    ['abstract', null, true],
    ['doi', '10.1000/x', false],
  ])('%s %j → %s', (field, value, expected) => {
    expect(isPlaceholder(field, value)).toBe(expected)
  })
})

describe('isUnidentifiedPaper', () => {
  it.each([
    [{ title: shortScienceSummaryTitle('abc'), arxiv: null, doi: null }, true],
    [{ title: shortSciencePaperTitle('1704.01212'), arxiv: '1704.01212', doi: null }, false],
    [{ title: 'A real title', arxiv: null, doi: null }, false],
  ])('%j → %s', (paper, expected) => {
    expect(isUnidentifiedPaper(paper)).toBe(expected)
  })
})

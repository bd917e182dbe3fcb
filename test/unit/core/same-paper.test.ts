import { describe, expect, it } from 'vitest'
import { identitiesDisagree, titlesDisagree } from '../../../src/core/papers/same-paper.js'

describe('titlesDisagree', () => {
  it.each([
    ['Neural Message Passing for Quantum Chemistry', 'Neural message-passing for quantum chemistry!', false],
    ['Neural Message Passing for Quantum Chemistry', 'Message Passing Neural Networks for Quantum Chemistry', false],
    ['Attention Is All You Need', 'Attention is all you need (extended version)', false],
    ['Introduction', 'Kernels on Graphs', true],
    ['Graph Neural Networks: Foundations', 'Graph Neural Networks: Scalability', false],
    ['Deep Residual Learning for Image Recognition', 'Protein Structure Prediction at Scale', true],
    ['Untitled ShortScience paper 1704.01212', 'Neural Message Passing for Quantum Chemistry', false],
    ['', 'Anything', false],
    ['The', 'A', true],
  ])('%j and %j → %s', (a, b, expected) => {
    expect(titlesDisagree(a, b)).toBe(expected)
    expect(titlesDisagree(b, a)).toBe(expected)
  })
})

describe('identitiesDisagree', () => {
  const mpnn = { title: 'Neural Message Passing for Quantum Chemistry', arxiv: '1704.01212', doi: null }
  it.each([
    ['a preprint and its published version', mpnn, { ...mpnn, doi: '10.5555/icml.2017' }, false],
    ['arXiv’s own DOI beside a publisher’s', { ...mpnn, doi: '10.48550/arXiv.1704.01212' }, { ...mpnn, doi: '10.5555/icml.2017' }, false],
    [
      'the same eprint copied onto another paper',
      mpnn,
      { title: 'Deep Residual Learning for Image Recognition', arxiv: '1704.01212', doi: null },
      true,
    ],
    ['one eprint, two DOIs', { ...mpnn, doi: '10.1000/a' }, { ...mpnn, doi: '10.1000/b' }, true],
    ['one DOI, two arXiv ids', { ...mpnn, doi: '10.1000/a' }, { ...mpnn, arxiv: '1901.00001', doi: '10.1000/a' }, true],
    [
      'two chapters with the book’s DOI',
      { title: 'Introduction', arxiv: null, doi: '10.1000/book' },
      { title: 'Kernels on Graphs', arxiv: null, doi: '10.1000/book' },
      true,
    ],
  ])('%s → %s', (_what, a, b, expected) => {
    expect(identitiesDisagree(a, b)).toBe(expected)
  })
})

import { describe, expect, it } from 'vitest'
import type { Paper, Summary } from '../../../src/core/model.js'
import { formatAuthors, hideCredentials, renderHeader, renderSummaryRule } from '../../../src/render/header.js'
import { linkTarget, makeStyles } from '../../../src/render/styles.js'

const plain = makeStyles({ color: false, hyperlinks: false })
const linked = makeStyles({ color: false, hyperlinks: true })

const paper: Paper = {
  key: 'doe2021sparse',
  title: 'Sparse Attention for Long Documents',
  authors: ['Ada Doe', 'Bo Roe'],
  year: 2021,
  venue: 'ICLR',
  arxiv: '2101.00001',
  doi: '10.1000/xyz',
  url: 'https://example.org/paper',
  abstract: null,
  added: '2021-01-01T00:00:00Z',
}

const summary: Summary = {
  id: 'doe2021sparse-2',
  paper: 'doe2021sparse',
  by: 'Sam Reader',
  body: '',
  tags: ['nlp', 'attention/sparse'],
  created: '2022-03-04T10:00:00Z',
  updated: '2022-05-06T10:00:00Z',
}

describe('formatAuthors', () => {
  it.each([
    [[], ''],
    [['A'], 'A'],
    [['A', 'B', 'C', 'D', 'E'], 'A, B, C, D, E'],
    [['A', 'B', 'C', 'D', 'E', 'F'], 'A, B, C et al. (6 authors)'],
    [Array.from({ length: 12 }, (_, i) => `Author ${i + 1}`), 'Author 1, Author 2, Author 3 et al. (12 authors)'],
    [[' A ', '', 'B'], 'A, B'],
  ])('%j → %s', (authors, expected) => {
    expect(formatAuthors(authors)).toBe(expected)
  })
})

describe('renderHeader', () => {
  it('prints each link with its URL when hyperlinks are off', () => {
    expect(renderHeader(paper, plain, 80)).toBe(
      [
        'Sparse Attention for Long Documents',
        'Ada Doe, Bo Roe',
        'ICLR 2021',
        'arXiv:2101.00001 (https://arxiv.org/abs/2101.00001)',
        'doi:10.1000/xyz (https://doi.org/10.1000/xyz)',
        'https://example.org/paper',
      ].join('\n'),
    )
  })

  it('makes the identifiers hyperlinks on one line when hyperlinks are on', () => {
    const links = renderHeader(paper, linked, 120).split('\n')[3]
    expect(links).toBe(
      [
        '\x1b]8;;https://arxiv.org/abs/2101.00001\x07arXiv:2101.00001\x1b]8;;\x07',
        '\x1b]8;;https://doi.org/10.1000/xyz\x07doi:10.1000/xyz\x1b]8;;\x07',
        '\x1b]8;;https://example.org/paper\x07https://example.org/paper\x1b]8;;\x07',
      ].join(' · '),
    )
  })

  it('leaves out what the paper does not have', () => {
    const bare = { ...paper, authors: [], venue: null, year: null, arxiv: null, doi: null, url: null }
    expect(renderHeader(bare, plain, 80)).toBe('Sparse Attention for Long Documents')
  })

  it('makes the title bold when colour is on', () => {
    expect(renderHeader(paper, makeStyles({ color: true, hyperlinks: false }), 80).split('\n')[0]).toBe(
      '\x1b[1mSparse Attention for Long Documents\x1b[22m',
    )
  })
})

describe('renderSummaryRule', () => {
  it('numbers summaries when a paper has several', () => {
    expect(renderSummaryRule(summary, 1, 3, plain, 60)).toBe(
      [
        '── Summary 2 of 3 · by Sam Reader ──────────────────────────',
        'doe2021sparse-2 · 2022-03-04, updated 2022-05-06 · tags:',
        'nlp, attention/sparse',
      ].join('\n'),
    )
  })

  it('leaves out the count, the author and an update on the same day when there is none', () => {
    const lone = { ...summary, by: '', tags: [], updated: '2022-03-04T18:00:00Z' }
    expect(renderSummaryRule(lone, 0, 1, plain, 40)).toBe(
      ['── Summary ─────────────────────────────', 'doe2021sparse-2 · 2022-03-04'].join('\n'),
    )
  })
})

describe('linkTarget', () => {
  it.each([
    ['https://example.org/a b', 'https://example.org/a%20b'],
    ['http://example.org/ü', 'http://example.org/%C3%BC'],
    ['mailto:a@example.org', 'mailto:a@example.org'],
    ['javascript:alert(1)', null],
    ['file:///etc/passwd', null],
    ['#section', null],
    ['not a url', null],
  ])('%s → %s', (url, target) => {
    expect(linkTarget(url)).toBe(target)
  })
})

describe('credentials in a link stay off the screen', () => {
  it.each([
    ['https://user:secret@example.org/data', 'https://***@example.org/data'],
    ['http://token@example.org/', 'http://***@example.org/'],
    ['https://example.org/a@b', 'https://example.org/a@b'],
    ['https://example.org/?q=a@b', 'https://example.org/?q=a@b'],
    ['https://example.org/paper', 'https://example.org/paper'],
  ])('%s → %s', (url, shown) => {
    expect(hideCredentials(url)).toBe(shown)
  })

  it('in the header, for the paper URL and a linked attachment; the hyperlink target keeps the link', () => {
    const secret: Paper = {
      ...paper,
      arxiv: null,
      doi: null,
      url: 'https://user:secret@example.org/paper',
      attachments: [{ kind: 'link', url: 'https://bob:pw@example.org/code', added: '2021-01-01T00:00:00Z' }],
    }
    const text = renderHeader(secret, plain, 80)
    expect(text).not.toContain('secret')
    expect(text).not.toContain('pw@')
    expect(text).toContain('https://***@example.org/paper')
    expect(text).toContain('https://***@example.org/code')
    const hyper = renderHeader(secret, linked, 80)
    expect(hyper).toContain(']8;;https://user:secret@example.org/paper')
    // What the terminal shows: the text between the hyperlink's escapes.
    expect(hyper.replace(/\x1b\]8;;[^\x07\x1b]*(?:\x07|\x1b\\)/g, '')).not.toContain('secret')
  })
})

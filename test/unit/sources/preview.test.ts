import { describe, expect, it } from 'vitest'
import { formatChanges, formatPaperPreview } from '../../../src/render/metadata-preview.js'

describe('formatPaperPreview', () => {
  it('lists the fields that have values, aligned and escaped', () => {
    const text = formatPaperPreview(
      {
        title: 'Evil \u001b[31mtitle\u202e',
        authors: ['A B', 'C D'],
        year: null,
        venue: null,
        arxiv: '2003.10555',
        doi: null,
        url: 'https://arxiv.org/abs/2003.10555',
        abstract: 'word '.repeat(50),
      },
      'From arXiv:2003.10555:',
    )
    expect(text).toBe(
      'From arXiv:2003.10555:\n' +
        '  title    Evil \\u001B[31mtitle\\u202E\n' +
        '  authors  A B; C D\n' +
        '  arXiv    2003.10555\n' +
        '  URL      https://arxiv.org/abs/2003.10555\n' +
        `  abstract ${'word '.repeat(31)}word…\n`,
    )
  })
})

describe('formatChanges', () => {
  it('shows each change as before and after', () => {
    expect(
      formatChanges([
        { field: 'authors', before: ['A'], after: ['A', 'B\u0007'] },
        { field: 'year', before: null, after: 2020 },
      ]),
    ).toBe('authors\n  - A\n  + A; B\\u0007\nyear\n  - (none)\n  + 2020\n')
  })
})

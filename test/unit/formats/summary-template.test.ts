import { describe, expect, it } from 'vitest'
import { summaryTemplate, withoutTemplate } from '../../../src/formats/summary-template.js'

const template = summaryTemplate({ title: 'Neural Message\nPassing -->', authors: ['Justin Gilmer', 'Samuel S. Schoenholz'], year: 2017 })

describe('summaryTemplate', () => {
  it('names the paper in one HTML comment that its title cannot end early', () => {
    expect(template).toMatch(
      /^<!--\nSummary of: Neural Message Passing -\u200b->\nAuthors: Justin Gilmer; Samuel S. Schoenholz\nYear: 2017\n/,
    )
    expect(template.indexOf('-->')).toBe(template.lastIndexOf('-->'))
    expect(summaryTemplate({ title: 'T', authors: ['A'], year: null })).toContain('Year: unknown\n')
  })
})

describe('withoutTemplate', () => {
  it.each([
    ['left as it was', template, ''],
    ['text written below it', template + 'My summary.\n', 'My summary.\n'],
    ['trailing blank lines removed by the editor', template.trimEnd() + '\nMy summary.\n', 'My summary.\n'],
    [
      'the comment edited: kept as written',
      template.replace('Year: 2017', 'Year: 2018') + 'x',
      template.replace('Year: 2017', 'Year: 2018') + 'x',
    ],
    ['the comment deleted', 'Only text.\n', 'Only text.\n'],
    ['indented code right after it', template + '    code\n', '    code\n'],
  ])('%s', (_, saved, expected) => {
    expect(withoutTemplate(saved, template)).toBe(expected)
  })

  it('no template (empty): the text as saved', () => {
    expect(withoutTemplate('\nText', '')).toBe('\nText')
  })
})

import { describe, expect, it } from 'vitest'
import { plural } from '../../../src/core/text/plural-count.js'

describe('plural', () => {
  it.each([
    [0, 'summary', 'summaries', '0 summaries'],
    [1, 'summary', 'summaries', '1 summary'],
    [2, 'summary', 'summaries', '2 summaries'],
    [1, 'version', undefined, '1 version'],
    [3, 'version', undefined, '3 versions'],
  ])('%i %s → %s', (n, one, many, expected) => {
    expect(plural(n, one, many)).toBe(expected)
  })
})

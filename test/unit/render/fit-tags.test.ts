import { describe, expect, it } from 'vitest'
import { fitTags } from '../../../src/render/summary-rows.js'

describe('fitTags', () => {
  it.each([
    [['gnn', 'chemistry'], 40, '#gnn #chemistry'],
    [['gnn', 'chemistry'], 15, '#gnn #chemistry'],
    [['gnn', 'chemistry'], 14, '#gnn +1'],
    [['gnn', 'chemistry', 'todo'], 10, '#gnn +2'],
    [['a-very-long-tag-name', 'b'], 10, '#a-ver… +1'],
    [['a-very-long-tag-name'], 10, '#a-very-l…'],
    [[], 10, ''],
    [['gnn'], 0, ''],
  ])('%j in %i columns → %s', (tags, width, expected) => {
    expect(fitTags(tags, width)).toBe(expected)
  })
})

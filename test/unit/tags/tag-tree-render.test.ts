import { describe, expect, it } from 'vitest'
import { countTags, sortTagCounts, tagTree } from '../../../src/core/tags/counts.js'
import { styleFor } from '../../../src/terminal/io.js'
import { formatTagColumns, formatTagsPlain, formatTagTree } from '../../../src/commands/tags/tree.js'

const plain = styleFor(false)
const counts = countTags(
  [
    ['ml/gnn'],
    ['ml/gnn', 'ml'],
    ['ml/rl'],
    ['bayesian'],
    ['bayesian'],
    ['ml/gnn/mpnn'],
    ['a/b/c'],
    ['a/d'],
    ['x'],
    ['x'],
    ['x'],
    ['x'],
    ['x'],
    ['x'],
    ['x'],
    ['x'],
    ['x'],
    ['x'],
  ].map((tags) => ({ tags })),
)

describe('formatTagTree', () => {
  it('draws the hierarchy with rolled-up counts aligned on the left', () => {
    expect(formatTagTree(tagTree(counts, 'count'), plain)).toBe(
      [
        '10  x',
        ' 4  ml',
        ' 3  ├─ gnn',
        ' 1  │  └─ mpnn',
        ' 1  └─ rl',
        ' 2  a',
        ' 1  ├─ b',
        ' 1  │  └─ c',
        ' 1  └─ d',
        ' 2  bayesian',
        '',
      ].join('\n'),
    )
  })

  it('escapes what a terminal would obey', () => {
    const hostile = [{ tag: 'evil\u001b[2J', count: 1, own: 1, name: 'evil\u001b[2J', children: [] }]
    expect(formatTagTree(hostile, plain)).toBe('1  evil\\u001B[2J\n')
  })

  it('dims parents no summary carries itself when colour is on', () => {
    const coloured = formatTagTree(tagTree(countTags([{ tags: ['a/b'] }]), 'name'), styleFor(true))
    expect(coloured.split('\n')[0]).toBe(`1  ${styleFor(true).dim('a')}`)
  })
})

describe('formatTagColumns', () => {
  it('prints full names, one a line', () => {
    expect(formatTagColumns(sortTagCounts(counts, 'name').slice(0, 4), plain)).toBe('2  a\n1  a/b\n1  a/b/c\n1  a/d\n')
  })
})

describe('formatTagsPlain', () => {
  it('prints tag, count and own count separated by tabs', () => {
    expect(formatTagsPlain(sortTagCounts(counts, 'count').slice(0, 3))).toBe('x\t10\t10\nml\t4\t1\nml/gnn\t3\t2\n')
  })
})

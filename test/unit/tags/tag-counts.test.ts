import { describe, expect, it } from 'vitest'
import { countTags, sortTagCounts, tagPath, tagTree, type TagNode } from '../../../src/core/tags/counts.js'

const summaries = (...tagLists: string[][]) => tagLists.map((tags) => ({ tags }))

describe('tagPath', () => {
  it.each([
    ['ml', ['ml']],
    ['ml/gnn', ['ml', 'ml/gnn']],
    ['a/b/c', ['a', 'a/b', 'a/b/c']],
  ])('%s → %j', (tag, path) => expect(tagPath(tag)).toEqual(path))
})

describe('countTags', () => {
  it('counts own uses and rolls children up into parents, once per summary', () => {
    const counts = countTags(summaries(['ml', 'ml/gnn'], ['ml/gnn'], ['ml/rl', 'bayesian'], ['bayesian'], []))
    expect(counts).toEqual([
      { tag: 'bayesian', count: 2, own: 2 },
      { tag: 'ml', count: 3, own: 1 },
      { tag: 'ml/gnn', count: 2, own: 2 },
      { tag: 'ml/rl', count: 1, own: 1 },
    ])
  })

  it('lists a parent no summary carries itself, with own 0', () => {
    expect(countTags(summaries(['a/b/c']))).toEqual([
      { tag: 'a', count: 1, own: 0 },
      { tag: 'a/b', count: 1, own: 0 },
      { tag: 'a/b/c', count: 1, own: 1 },
    ])
  })

  it('treats names of Object.prototype members as ordinary tags', () => {
    const counts = countTags(summaries(['__proto__', 'constructor'], ['tostring', '__proto__'], ['constructor/x']))
    expect(counts).toEqual([
      { tag: '__proto__', count: 2, own: 2 },
      { tag: 'constructor', count: 2, own: 1 },
      { tag: 'constructor/x', count: 1, own: 1 },
      { tag: 'tostring', count: 1, own: 1 },
    ])
  })

  it('is empty without tags', () => expect(countTags(summaries([], []))).toEqual([]))
})

describe('sortTagCounts', () => {
  const counts = [
    { tag: 'b', count: 2, own: 2 },
    { tag: 'a', count: 2, own: 2 },
    { tag: 'c', count: 5, own: 5 },
  ]
  it.each([
    ['count', ['c', 'a', 'b']],
    ['name', ['a', 'b', 'c']],
  ] as const)('by %s', (order, tags) => expect(sortTagCounts(counts, order).map((c) => c.tag)).toEqual(tags))
})

describe('tagTree', () => {
  const shape = (nodes: TagNode[]): unknown[] => nodes.map((n) => [n.name, n.count, ...(n.children.length > 0 ? [shape(n.children)] : [])])
  const counts = countTags(summaries(['ml/gnn'], ['ml/gnn'], ['ml/rl'], ['bayesian'], ['bayesian'], ['bayesian'], ['ml/gnn/mpnn']))

  it.each([
    [
      'count',
      [
        [
          'ml',
          4,
          [
            ['gnn', 3, [['mpnn', 1]]],
            ['rl', 1],
          ],
        ],
        ['bayesian', 3],
      ],
    ],
    [
      'name',
      [
        ['bayesian', 3],
        [
          'ml',
          4,
          [
            ['gnn', 3, [['mpnn', 1]]],
            ['rl', 1],
          ],
        ],
      ],
    ],
  ] as const)('nests children under parents, siblings sorted by %s', (order, expected) => {
    expect(shape(tagTree(counts, order))).toEqual(expected)
  })
})

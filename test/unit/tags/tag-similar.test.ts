import { describe, expect, it } from 'vitest'
import { findSimilarTags, tagLikeness } from '../../../src/core/tags/similar.js'

describe('tagLikeness', () => {
  it.each([
    ['meta_learning', 'meta-learning', 'separator'],
    ['metalearning', 'meta-learning', 'separator'],
    ['meta.learning', 'meta_learning', 'separator'],
    ['ml-gnn', 'ml/gnn', 'separator'],
    ['gnns', 'gnn', 'plural'],
    ['gnn', 'gnns', 'plural'],
    ['processes', 'process', 'plural'],
    ['studies', 'study', 'plural'],
    ['ml/gnns', 'ml/gnn', 'plural'],
    ['mls/gnn', 'ml/gnn', 'plural'],
    ['transfomer', 'transformer', 'typo'],
    ['bayseian', 'bayesian', 'typo'],
    ['ml/optimisation', 'ml/optimization', 'typo'],
    ['gan', 'gnn', null],
    ['rl', 'ml', null],
    ['graph', 'graph', null],
    ['ml/gnn', 'ml', null],
    ['ml/gnns', 'cv/gnn', null],
    ['graphs/x', 'graph/y', null],
    ['theory', 'theorem', null],
    ['transformer', 'nlp/transformers', 'plural'],
    ['nlp/transformers', 'transformer', 'plural'],
    ['transformers', 'nlp/transformers', 'hierarchy'],
    ['ml/gnn', 'gnn', 'hierarchy'],
    ['ml/optimisation', 'optimization', 'typo'],
    ['nlp', 'nlp/transformers', null],
    ['ml/deep/gnn', 'ml/gnn', 'hierarchy'],
    ['gan', 'ml/gnn', null],
  ] as const)('%s vs %s → %s', (tag, existing, expected) => expect(tagLikeness(tag, existing)).toBe(expected))
})

describe('findSimilarTags', () => {
  const existing = new Set(['gnn', 'gnns', 'meta-learning', 'graph'])

  it('names every existing tag a new one looks like, most alike first', () => {
    expect(findSimilarTags(['meta_learning', 'gnnss', 'graphs', 'fresh'], existing)).toEqual([
      { tag: 'meta_learning', existing: 'meta-learning', reason: 'separator' },
      { tag: 'gnnss', existing: 'gnns', reason: 'plural' },
      { tag: 'graphs', existing: 'graph', reason: 'plural' },
    ])
  })

  it('never warns about a tag the library already has', () => {
    expect(findSimilarTags(['gnn', 'gnns'], existing)).toEqual([])
  })

  it('works with prototype names', () => {
    expect(findSimilarTags(['__proto__s', 'constructors'], new Set(['__proto__', 'constructor']))).toEqual([
      { tag: '__proto__s', existing: '__proto__', reason: 'plural' },
      { tag: 'constructors', existing: 'constructor', reason: 'plural' },
    ])
  })
})

import { describe, expect, it } from 'vitest'
import { UsageError } from '../../../src/core/errors.js'
import { normalizeTag, normalizeTags, tagMatches } from '../../../src/core/tags/rules.js'

describe('normalizeTag', () => {
  it.each([
    ['GNN', 'gnn'],
    ['  meta learning ', 'meta-learning'],
    ['ML/GNN', 'ml/gnn'],
    ['__proto__', '__proto__'],
    ['constructor', 'constructor'],
    ['Émergence', 'émergence'],
  ])('%j → %j', (raw, tag) => expect(normalizeTag(raw)).toBe(tag))

  it.each([[''], ['   '], ['ml//gnn'], ['/ml'], ['ml/'], ['bad\u001b[31m'], ['x'.repeat(65)], ['rtl\u202e']])(
    '%j is refused, naming the tag',
    (raw) => {
      expect(() => normalizeTag(raw)).toThrow(UsageError)
      expect(() => normalizeTag(raw)).toThrow(JSON.stringify(raw))
    },
  )

  it('keeps 64 characters', () => expect(normalizeTag('x'.repeat(64))).toHaveLength(64))
})

describe('normalizeTags', () => {
  it('drops duplicates that differ only in case, keeping order', () => {
    expect(normalizeTags(['B', 'a', 'b', 'A'])).toEqual(['b', 'a'])
  })
})

describe('tagMatches', () => {
  it.each([
    ['ml', 'ml', true],
    ['ml/gnn', 'ml', true],
    ['ml/gnn/mpnn', 'ml', true],
    ['mlops', 'ml', false],
    ['ml', 'ml/gnn', false],
  ])('%s matches tag:%s → %s', (tag, wanted, expected) => expect(tagMatches(tag, wanted)).toBe(expected))
})

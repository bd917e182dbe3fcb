import { describe, expect, it } from 'vitest'
import { MAX_TAG_LENGTH, tagFromKeyword, tagProblem } from '../../../src/core/tags/rules.js'

describe('tagFromKeyword', () => {
  it.each([
    ['Machine Learning', 'machine-learning'],
    ['methods//survey', 'methods/survey'],
    ['/ml/gnn/', 'ml/gnn'],
    ['ml / gnn', 'ml/gnn'],
    ['tab\there', 'tab-here'],
    ['x'.repeat(100), 'x'.repeat(MAX_TAG_LENGTH)],
    ['word '.repeat(20), 'word-'.repeat(12) + 'word'],
    ['//', null],
    ['  ', null],
    ['\u0007', null],
  ])('%j → %j', (keyword, tag) => {
    const made = tagFromKeyword(keyword)
    expect(made).toBe(tag)
    if (made !== null) expect(tagProblem(made)).toBeNull()
  })
})

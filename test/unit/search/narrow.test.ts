/** When one query can only match what another matched (browse narrows from the keystroke before). */
import { describe, expect, it } from 'vitest'
import { specImplies } from '../../../src/core/search/narrow.js'
import type { WordSpec } from '../../../src/core/search/pattern.js'

import { stemWord } from '../../../src/core/text/stem.js'

// Keys are given as words and stemmed, as the query's are; the last of several is a typo correction.
const spec = (words: string[], prefix: string | null = null): WordSpec => {
  const [word, ...corrections] = words.map(stemWord)
  return { keys: new Set([word!]), ...(corrections.length > 0 ? { alternatives: new Map(corrections.map((c) => [c, c])) } : {}), prefix }
}

describe('specImplies', () => {
  it.each([
    ['a longer prefix', spec(['grap'], 'grap'), spec(['gra'], 'gra'), true],
    ['a shorter prefix', spec(['gra'], 'gra'), spec(['grap'], 'grap'), false],
    ['the finished word', spec(['graph']), spec(['graph'], 'graph'), true],
    ['a finished word whose plural the prefix covers', spec(['study']), spec(['stud'], 'stud'), true],
    ['a finished word whose plural the prefix misses', spec(['study']), spec(['study'], 'study'), true],
    ['an irregular plural outside the prefix', spec(['mouse']), spec(['mou'], 'mou'), false],
    ['a word whose stem the prefix covers', spec(['possibility']), spec(['possib'], 'possib'), true],
    ['a word whose stem the prefix misses', spec(['lying']), spec(['li'], 'li'), false],
    ['the same key', spec(['mouse']), spec(['mouse'], 'mice'), true],
    ['a typo correction under the prefix', spec(['tranformer', 'transformer']), spec(['tran'], 'tran'), true],
    ['a typo correction beyond the prefix', spec(['tranformer', 'transformer']), spec(['tranformer'], 'tranformer'), false],
    ['a prefix against a whole word', spec(['graph'], 'graph'), spec(['graph']), false],
    ['another word', spec(['graph']), spec(['attention']), false],
  ])('%s', (_, narrow, wide, expected) => {
    expect(specImplies(narrow, wide)).toBe(expected)
  })
})

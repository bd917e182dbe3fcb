/**
 * withinOneEdit answers editDistance(a, b) ≤ 1 without the table: on random short words of a small
 * alphabet (where one edit apart is common), both must agree on every pair.
 */
import { describe, expect, it } from 'vitest'
import { expectSame } from '../../support/equal.js'
import { editDistance, withinOneEdit } from '../../../src/core/text/similar.js'
import { seeded, seedFromEnv } from '../../support/random.js'

const SEED = seedFromEnv(11)

describe('withinOneEdit', () => {
  it.each([
    ['graph', 'graph', true],
    ['graph', 'grap', true],
    ['graph', 'gaph', true],
    ['graph', 'grpah', true],
    ['graph', 'grapho', true],
    ['graph', 'grxph', true],
    ['graph', 'rgahp', false],
    ['graph', 'gr', false],
    ['ab', 'ba', true],
    ['abc', 'bca', false],
    ['', 'a', true],
    ['', 'ab', false],
  ])('%s and %s: %s', (a, b, within) => {
    expect(withinOneEdit(a, b)).toBe(within)
    expect(withinOneEdit(b, a)).toBe(within)
  })

  it('agrees with editDistance on random words', () => {
    const random = seeded(SEED)
    const word = () => Array.from({ length: Math.floor(random() * 6) }, () => 'abc'[Math.floor(random() * 3)]).join('')
    for (let run = 0; run < 5000; run++) {
      const a = word()
      // Often an edit of a: the cases that matter.
      const b =
        random() < 0.5
          ? word()
          : a.slice(0, Math.floor(random() * (a.length + 1))) + word().slice(0, 1) + a.slice(Math.floor(random() * (a.length + 1)))
      expectSame(withinOneEdit(a, b), editDistance(a, b) <= 1, `${a} ${b}`)
    }
  })
})

/**
 * The rule of partial matches (partial.ts), on how many of a query's plain words each match holds:
 * whole with every one, partial with at least minimumShouldMatch's share of them (rounded up, at
 * least one), else left out. Both engines share the rule, so the property tests comparing them
 * cannot see it change; these can, in each pass that applies it.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { FIELD_NAMES } from '../../../src/core/search/docs.js'
import { countSplit, partialAmong, splitCounted, splitPartial } from '../../../src/core/search/partial.js'
import { SEARCH_TUNING } from '../../../src/core/search/tuning.js'

const { coordination, minimumShouldMatch } = SEARCH_TUNING
afterEach(() => Object.assign(SEARCH_TUNING, { coordination, minimumShouldMatch }))

/** How many of four plain words each of six matches holds: at minimumShouldMatch 0.5, two are needed. */
const HELD = [4, 3, 2, 1, 0, 4]
const SLOTS = [0, 1, 2, 3]

/** A scan match holding the first `held` of the plain words, once each in its body. */
function matchHolding(held: number) {
  const tf = new Float64Array(SLOTS.length * FIELD_NAMES.length)
  for (let slot = 0; slot < held; slot++) tf[slot * FIELD_NAMES.length + FIELD_NAMES.length - 1] = 1
  return { doc: held, tf, offset: 0, score: 1 }
}

describe('the rule of partial matches', () => {
  it('splitCounted: whole with every plain word, partial with the share asked or more, scaled by the share held', () => {
    Object.assign(SEARCH_TUNING, { coordination: 1, minimumShouldMatch: 0.5 })
    const scores = Float64Array.from(HELD, () => 1)
    expect(splitCounted(HELD, scores, SLOTS.length)).toEqual({ whole: [0, 5], partial: [1, 2] })
    expect([...scores]).toEqual([1, 0.75, 0.5, 1, 1, 1])
  })

  it('countSplit and partialAmong split as splitCounted does', () => {
    Object.assign(SEARCH_TUNING, { minimumShouldMatch: 0.5 })
    expect(countSplit(HELD, SLOTS.length)).toEqual({ whole: [0, 5], partials: 2 })
    expect(partialAmong(HELD, SLOTS.length, [5, 2, 4, 3, 1, 0])).toEqual([2, 1])
  })

  it('with minimumShouldMatch 0, one plain word makes a partial match', () => {
    Object.assign(SEARCH_TUNING, { minimumShouldMatch: 0 })
    expect(countSplit(HELD, SLOTS.length)).toEqual({ whole: [0, 5], partials: 3 })
    expect(partialAmong(HELD, SLOTS.length, [4, 3, 2, 1, 0])).toEqual([3, 2, 1])
  })

  it("splitPartial (the scan's) by the words its matches' counts hold", () => {
    Object.assign(SEARCH_TUNING, { coordination: 1, minimumShouldMatch: 0.5 })
    const { whole, partial } = splitPartial(HELD.map(matchHolding), SLOTS)
    expect(whole.map((match) => match.doc)).toEqual([4, 4])
    expect(partial.map((match) => [match.doc, match.score])).toEqual([
      [3, 0.75],
      [2, 0.5],
    ])
  })
})

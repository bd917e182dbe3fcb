/**
 * The postings engine scores its matches from typed arrays (scoreCounted) and finds the phrase's
 * leaders without sorting them all; the scan scores match objects (scoreWith). On random counts
 * and lengths, with many equal scores around the leaders' cut, both must give every match the same
 * score, bit for bit. And where some counts are only bounded (the exact ones read from the words in
 * order only for what might be shown), the shown best must be those of exact counts, with their scores.
 * A query of words scored in one pass from the counts where they are kept (scoreKept) must give the
 * scores scoreCounted gives from the same counts copied, and keep the places of the shown best.
 */
import { describe, expect, it } from 'vitest'
import { expectEqual } from '../../support/equal.js'
import type { CompiledQuery, ScoringTerm } from '../../../src/core/search/compiled.js'
import { FIELD_NAMES } from '../../../src/core/search/docs.js'
import { contenders, scoreCounted, scoreKept, scoreWith, type KeptCounts } from '../../../src/core/search/rank.js'
import { bestMatches } from '../../../src/core/search/order.js'
import type { Match } from '../../../src/core/search/scan.js'
import { pick, seeded, seedFromEnv } from '../../support/random.js'

const FIELDS = FIELD_NAMES.length

// bestMatches over every place, ties broken by their ranks among ties (by place unless given, as the engine's tie ranks break them).
const bestOf = (scores: Float64Array, among: number[], limit: number, tieRank = (i: number) => i) =>
  bestMatches(among, limit, (i, j) => (scores[i] !== scores[j] ? scores[j]! - scores[i]! : tieRank(i) - tieRank(j)))
const SEED = seedFromEnv(7)

const term = (estimatedDf: number): ScoringTerm => ({
  label: 'w',
  pattern: null as never,
  fields: [0, 1, 2, 3, 4, 5],
  estimatedDf,
  countCap: 10,
})

// Around the 300 leaders the phrase is looked for in, so that the cut falls among equal scores.
function randomCase(random: () => number, count = pick(random, [0, 1, 40, 299, 300, 301, 450, 900])) {
  const terms = Array.from({ length: 1 + Math.floor(random() * 3) }, () => term(Math.floor(random() * 50)))
  const width = terms.length * FIELDS
  const documents = count + 20
  // Some documents skipped: a match's place and its document differ.
  const docs = Array.from({ length: count }, (_, i) => i + (i > count / 2 ? 10 : 0))
  // Few distinct counts and lengths: many matches score the same.
  const tf = Float64Array.from({ length: count * width }, () => pick(random, [0, 0, 0, 1, 2, 0.5]))
  const lengths = Float64Array.from({ length: documents * FIELDS }, () => pick(random, [1, 10, 100]))
  const averages = Float64Array.from({ length: FIELDS }, () => pick(random, [5, 50]))
  const phraseCounts = Array.from({ length: documents }, () => pick(random, [0, 0, 1, 3]))
  const query: CompiledQuery<number> = {
    clauses: [],
    terms,
    phrase: random() < 0.8 ? term(Math.floor(random() * 20)) : null,
    corrections: [],
  }
  return { count, width, docs, tf, lengths, averages, phraseCounts, query, total: documents }
}

describe('scoreCounted', () => {
  it('scores as scoreWith does, the phrase bonus going to the same leaders', () => {
    for (let run = 0; run < 300; run++) {
      const random = seeded(SEED * 31 + run)
      const { count, width, docs, tf, lengths, averages, phraseCounts, query, total } = randomCase(random)
      const phrase = (doc: number, counts: Float64Array) => {
        counts[doc % FIELDS] = phraseCounts[doc]!
        return phraseCounts[doc]! > 0
      }
      const matches: Match<number>[] = docs.map((doc, i) => ({ doc, tf, offset: i * width, score: 0 }))
      scoreWith(query, matches, total, averages, {
        lengths: () => lengths,
        lengthsAt: (match) => match.doc * FIELDS,
        phrase: (_, match, counts) => phrase(match.doc, counts),
      })
      const scores = scoreCounted(query, { docs, tf, width }, total, averages, lengths, (_, doc, counts) => phrase(doc, counts))
      expect(scores.length, `seed ${SEED}, run ${run}`).toBe(count)
      // Bit for bit (Object.is: -0 and NaN told apart too), the matches that differ listed in one assertion.
      const differ = matches.flatMap((match, i) => (Object.is(scores[i], match.score) ? [] : [[i, scores[i], match.score]]))
      expect(differ, `seed ${SEED}, run ${run}: [match, scoreCounted, scoreWith]`).toEqual([])
    }
  })

  it('with upper bounds for some counts, gives the shown best (and the phrase leaders) the scores of exact counts', () => {
    for (let run = 0; run < 300; run++) {
      const random = seeded(SEED * 37 + run)
      const { count, width, docs, tf, lengths, averages, phraseCounts, query, total } = randomCase(random)
      const phrase = (_: unknown, doc: number, counts: Float64Array) => {
        counts[doc % FIELDS] = phraseCounts[doc]!
        return phraseCounts[doc]! > 0
      }
      const shown = pick(random, [1, 5, 20, 50])
      const exact = scoreCounted(query, { docs, tf, width }, total, averages, lengths, phrase, shown)
      // Some counts bounded: above and below the exact one, never crossing zero (whether a word is there is known).
      const bounded = tf.slice()
      const low = tf.slice()
      const matches = Array.from({ length: count }, (_, i) => i).filter(() => random() < 0.5)
      for (const i of matches) {
        for (let at = i * width; at < (i + 1) * width; at++) {
          if (tf[at] === 0 || random() < 0.3) continue
          bounded[at] = tf[at]! + pick(random, [0, 0.5, 3])
          low[at] = tf[at]! * pick(random, [1, 0.5, 0.1])
        }
      }
      const write = (from: Float64Array) => (i: number) => bounded.set(from.subarray(i * width, (i + 1) * width), i * width)
      const pruned = scoreCounted(
        query,
        { docs, tf: bounded, width, bounded: { matches, tf: bounded, offsetOf: (i) => i * width, lower: write(low), exact: write(tf) } },
        total,
        averages,
        lengths,
        phrase,
        shown,
      )
      const best = (scores: Float64Array) =>
        Array.from(scores.keys())
          .sort((a, b) => scores[b]! - scores[a]! || a - b)
          .slice(0, shown)
          .map((i) => [i, scores[i]])
      expect(best(pruned), `seed ${SEED}, run ${run}`).toEqual(best(exact))
    }
  })
})

describe('scoreKept', () => {
  it('scores as scoreCounted does from the same counts, keeping every place that may be among the shown best', () => {
    for (let run = 0; run < 200; run++) {
      const random = seeded(SEED * 41 + run)
      // Past twice the phrase's leaders (and the shown), where the best are kept as the pass goes.
      const count = pick(random, [0, 1, 40, 601, 900, 1500])
      const { docs, averages, phraseCounts, query, total } = randomCase(random, count)
      // One length for all: few distinct scores, many equal ones at the cuts.
      const lengths = new Float64Array(total * FIELDS).fill(10)
      const width = query.terms.length * FIELDS
      const documents = total
      const cap = 10
      const classes = [1, 0.7]
      const kept: KeptCounts[] = query.terms.map(() => {
        const sums = new Float64Array(2 * (cap + 1))
        for (let m = 1; m <= cap; m++) [sums[m], sums[cap + 1 + m]] = [sums[m - 1]! + 1, sums[cap + m]! + 0.7]
        return {
          occurrences: Uint8Array.from({ length: documents * FIELDS }, () => pick(random, [0, 0, 0, 1, 3, 12])),
          // Some fields of words of different weights (−1): past the cap counted by `mixed`, then fed to the best last.
          kind: Int8Array.from({ length: documents * FIELDS }, () => pick(random, [0, 0, 0, 0, 1, -1])),
          sums,
          stride: cap + 1,
          cap,
          fields: 1 + Math.floor(random() * 63),
          classes,
          // How many words of each weight (not always adding up to the field's: what is kept is what is read).
          byClass: Uint16Array.from({ length: documents * FIELDS * classes.length }, () => pick(random, [0, 1, 2, 5])),
        }
      })
      const mixed = (t: number, doc: number, field: number) => 0.4 + ((t + doc + field) % 3)
      const tf = new Float64Array(count * width)
      docs.forEach((doc, i) =>
        kept.forEach(({ occurrences, kind, sums, stride, fields, byClass }, t) => {
          for (let f = 0; f < FIELDS; f++) {
            const at = doc * FIELDS + f
            const n = (fields >>> f) & 1 ? occurrences[at]! : 0
            const given = kind[at]!
            // Words of several weights, all counted: each weight once a word, heaviest first.
            let weights = 0
            for (let k = 0; k < classes.length; k++) for (let m = 0; m < byClass[at * classes.length + k]!; m++) weights += classes[k]!
            if (n > 0)
              tf[i * width + t * FIELDS + f] = given >= 0 ? sums[given * stride + Math.min(cap, n)]! : n <= cap ? weights : mixed(t, doc, f)
          }
        }),
      )
      const phrase = (_: unknown, doc: number, counts: Float64Array) => {
        counts[doc % FIELDS] = phraseCounts[doc]!
        return phraseCounts[doc]! > 0
      }
      const shown = pick(random, [1, 20, 50, 400])
      const held = new Set(query.terms.keys())
      const expected = scoreCounted(query, { docs, tf, width, held }, total, averages, lengths, phrase, shown)
      const scoring = { query, total, averages, lengths, phrase, shown }
      const { scores, best } = scoreKept(scoring, { docs, seen: null, held: null }, kept, mixed, () => undefined)
      const differ = docs.flatMap((_, i) => (Object.is(scores[i], expected[i]) ? [] : [[i, scores[i], expected[i]]]))
      expect(differ, `seed ${SEED}, run ${run}: [match, scoreKept, scoreCounted]`).toEqual([])
      const all = Array.from(expected.keys())
      // Ties not in place order (the engine's are by recency): a tie fed after the kept ones may be shown.
      const ranks = docs.map((doc) => (doc * 7919) % 1009)
      const tieRank = (i: number) => ranks[i]!
      expect(bestOf(scores, best ?? all, shown, tieRank), `seed ${SEED}, run ${run}`).toEqual(bestOf(expected, all, shown, tieRank))
    }
  })
})

describe('contenders', () => {
  it('leaves out only places that could not be among the best, ties at the cut kept', () => {
    const random = seeded(SEED)
    for (let run = 0; run < 300; run++) {
      // Few distinct scores: many equal ones at the limit-th.
      const scores = Float64Array.from({ length: pick(random, [0, 1, 5, 20, 41, 200]) }, () => Math.floor(random() * 6))
      const limit = pick(random, [0, 1, 3, 20])
      const all = Array.from(scores.keys())
      const among = contenders(scores, limit)
      expectEqual(bestOf(scores, among, limit), bestOf(scores, all, limit))
      for (const i of all) {
        const above = among.includes(i) ? limit : all.filter((j) => scores[j]! > scores[i]!).length
        if (above < limit) expect(above).toBeGreaterThanOrEqual(limit)
      }
    }
  })

  it('gives the same places for a limit past the scores as for the number of scores (what the engine asks with)', () => {
    const random = seeded(SEED + 1)
    for (let run = 0; run < 200; run++) {
      const scores = Float64Array.from({ length: pick(random, [0, 1, 5, 20, 41, 200]) }, () => Math.floor(random() * 6))
      const limit = pick(random, [0, 1, 3, 20, 21, 40, 41, 150, 199, 200, 201, 2 ** 32 + 3, Infinity])
      expect(contenders(scores, Math.min(limit, scores.length)), `limit ${limit} of ${scores.length}`).toEqual(contenders(scores, limit))
    }
  })

  it('keeps every place when a score is NaN (a damaged file), and when few are asked of many', () => {
    const scores = Float64Array.from({ length: 50 }, (_, i) => i % 7)
    expect(contenders(scores, 2)).toEqual([6, 13, 20, 27, 34, 41, 48])
    scores[30] = NaN
    expect(contenders(scores, 2)).toHaveLength(50)
  })
})

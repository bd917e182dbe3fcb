/**
 * HeldTerms.keepHolding against its definition written out: for random candidates holding random
 * terms (up to 70: three numbers of bits a place), random clauses of terms and other conditions, the
 * candidates kept are those holding every clause, in order, each term's count among them and each
 * one's plain words counted, and each one's bits moved to its place among the matches.
 */
import { describe, expect, it } from 'vitest'
import { HeldTerms } from '../../../src/core/search/partial.js'
import { FIELD_COUNT } from '../../../src/core/search/postings.js'
import { seeded, seedFromEnv } from '../../support/random.js'

const SEED = seedFromEnv(41)

const subset = (random: () => number, terms: number, share: number) =>
  Array.from({ length: terms }, (_, t) => t).filter(() => random() < share)

describe('HeldTerms.keepHolding', () => {
  for (let run = 0; run < 40; run++) {
    const seed = SEED * 100 + run
    it(`keeps the candidates holding every clause (seed ${seed})`, () => {
      const random = seeded(seed)
      const terms = 1 + Math.floor(random() * 70)
      const documents = 1 + Math.floor(random() * 300)
      const candidates = Array.from({ length: documents }, (_, doc) => doc).filter(() => random() < 0.7)
      // Which terms each document holds, as marked from made-up counts in one field of each.
      const holds = Array.from({ length: documents }, () => new Set(subset(random, terms, random())))
      const held = new HeldTerms(terms, candidates.length)
      for (let t = 0; t < terms; t++) {
        const occurrences = new Uint8Array(documents * FIELD_COUNT)
        for (let doc = 0; doc < documents; doc++) if (holds[doc]!.has(t)) occurrences[doc * FIELD_COUNT + (doc % FIELD_COUNT)] = 1
        held.mark(t, occurrences, [0, 1, 2, 3, 4, 5], candidates)
      }
      const clauses = Array.from({ length: 1 + Math.floor(random() * 3) }, () => subset(random, terms, 0.3))
      const others = clauses.map(() => new Set(candidates.filter(() => random() < 0.2)))
      const plain = subset(random, terms, 0.5)

      const { matched, seen, words } = held.keepHolding(
        candidates,
        clauses.map((clause) => held.of(clause)),
        (k, doc) => others[k]!.has(doc),
        held.of(plain),
      )

      const expected = candidates.filter((doc) =>
        clauses.every((clause, k) => clause.some((t) => holds[doc]!.has(t)) || others[k]!.has(doc)),
      )
      expect([...matched]).toEqual(expected)
      expect([...seen]).toEqual(Array.from({ length: terms }, (_, t) => expected.filter((doc) => holds[doc]!.has(t)).length))
      expect([...words]).toEqual(expected.map((doc) => plain.filter((t) => holds[doc]!.has(t)).length))
      expected.forEach((doc, i) => {
        const all = Array.from({ length: terms }, (_, t) => t)
        expect(all.filter((t) => held.some(i, held.of([t])))).toEqual(all.filter((t) => holds[doc]!.has(t)))
      })
    })
  }
})

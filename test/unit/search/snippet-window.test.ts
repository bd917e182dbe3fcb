/**
 * The window a snippet shows (bestWindow) is found in one pass over the hits; it must be the one
 * the definition gives: of the windows starting a little before each hit, the first with the most
 * different terms inside, then the most hits. Held to that definition, written out plainly, over
 * random runs of sorted, non-overlapping hits (as collectHits leaves them).
 */
import { describe, expect, it } from 'vitest'
import { expectEqual } from '../../support/equal.js'
import { bestWindow, type Hit } from '../../../src/core/search/snippets.js'
import { seeded, seedFromEnv } from '../../support/random.js'

/** The definition: every anchor's window, every hit tested for being inside it. */
function byDefinition(hits: readonly Hit[], length: number): { start: number; end: number } {
  let best = { start: 0, end: 0, value: -1 }
  for (const anchor of hits) {
    const start = Math.max(0, anchor.start - Math.floor(length / 4))
    const end = start + length
    const inside = hits.filter((hit) => hit.start >= start && hit.end <= end)
    const value = new Set(inside.map((hit) => hit.term)).size * 1000 + inside.length
    if (value > best.value) best = { start, end, value }
  }
  return { start: best.start, end: best.end }
}

/** Sorted hits that do not overlap, some touching, some longer than a window (a long phrase in a short window). */
function randomHits(random: () => number, terms: number, length: number): Hit[] {
  const hits: Hit[] = []
  let at = Math.floor(random() * 40)
  for (let n = Math.floor(random() * 60); n > 0; n--) {
    const size = random() < 0.05 ? length + Math.floor(random() * length) : 1 + Math.floor(random() * 12)
    hits.push({ start: at, end: at + size, weight: 1, term: Math.floor(random() * terms) })
    at += size + (random() < 0.2 ? 0 : Math.floor(random() * length * (random() < 0.3 ? 2 : 0.5)))
  }
  return hits
}

describe('bestWindow', () => {
  it('chooses the window the definition does', () => {
    const random = seeded(seedFromEnv(3719))
    let apart = 0
    for (let round = 0; round < 3000; round++) {
      const terms = 1 + Math.floor(random() * 12)
      const length = 8 + Math.floor(random() * 200)
      const hits = randomHits(random, terms, length)
      const chosen = bestWindow(hits, terms, length)
      expectEqual(chosen, byDefinition(hits, length), () => JSON.stringify({ hits, terms, length }))
      // Not only the first hit's window: the runs must make the choice matter.
      if (hits.length > 0 && chosen.start !== Math.max(0, hits[0]!.start - Math.floor(length / 4))) apart++
    }
    expect(apart).toBeGreaterThan(500)
  })

  it('prefers more different terms to more hits, and the first of equal windows', () => {
    const hit = (start: number, term: number): Hit => ({ start, end: start + 5, weight: 1, term })
    // Three hits of one term at 0–30, two terms at 100–110, the same two again at 200–210.
    const hits = [hit(0, 0), hit(10, 0), hit(20, 0), hit(100, 0), hit(110, 1), hit(200, 0), hit(210, 1)]
    expect(bestWindow(hits, 2, 40)).toEqual({ start: 90, end: 130 })
  })
})

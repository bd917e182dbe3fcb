/** The order of hits with equal scores: newest first, then by id, as localeCompare orders the texts. */
import { describe, expect, it } from 'vitest'
import { parseQuery } from '../../../src/core/search/query.js'
import { libraryEntries } from '../../../src/core/records/entries.js'
import { LibrarySearch } from '../../../src/core/search/search.js'
import { searchDocs } from '../../../src/core/search/docs.js'
import { bestMatches, compareMatches } from '../../../src/core/search/order.js'
import type { Match } from '../../../src/core/search/scan.js'
import { seeded } from '../../support/random.js'
import { tinyLibrary } from './fixture.js'

// Canonical timestamps (compared as numbers) mixed with hand-edited ones (compared as text).
function timestamp(random: () => number): string {
  const canonical = new Date(Date.UTC(2020, 0, 1) + Math.floor(random() * 5) * 86_400_000 + Math.floor(random() * 3) * 1000).toISOString()
  const roll = random()
  if (roll < 0.15) return canonical.slice(0, 10)
  if (roll < 0.3) return canonical.replace('.000Z', 'Z')
  return canonical
}

describe('ties', () => {
  it('rank like localeCompare on the update times, newest first, then on the ids', () => {
    const random = seeded(7)
    const items = Array.from({ length: 200 }, (_, i) => ({
      key: `p${Math.floor(random() * 1000)}x${i}`,
      body: 'same words',
      updated: timestamp(random),
    }))
    const expected = [...items].sort((a, b) => b.updated.localeCompare(a.updated) || a.key.localeCompare(b.key)).map((item) => item.key)
    const search = new LibrarySearch(libraryEntries(tinyLibrary(items)))
    expect(search.search(parseQuery(''), { limit: 500 }).hits.map((hit) => hit.id)).toEqual(expected)
    expect(search.search(parseQuery('same'), { limit: 500 }).hits.map((hit) => hit.id)).toEqual(expected)
  })
})

describe('bestMatches', () => {
  it('gives the first of all the matches sorted, for any limit', () => {
    const random = seeded(11)
    const entries = libraryEntries(tinyLibrary(Array.from({ length: 300 }, (_, i) => ({ key: `k${i}`, updated: timestamp(random) }))))
    const matches: Match[] = searchDocs(entries).map((doc) => ({
      doc,
      tf: new Float64Array(0),
      offset: 0,
      score: Math.floor(random() * 20) / 4, // many ties
    }))
    const sorted = [...matches].sort(compareMatches)
    for (const limit of [0, 1, 7, 50, 149, 150, 151, 299, 300, 1000]) {
      expect(
        bestMatches([...matches], limit).map((m) => m.doc.entry.id),
        `limit ${limit}`,
      ).toEqual(sorted.slice(0, limit).map((m) => m.doc.entry.id))
    }
  })
})

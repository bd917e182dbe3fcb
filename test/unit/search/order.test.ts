/** The order of hits with equal scores: newest first, then by id, as localeCompare orders the texts. */
import { describe, expect, it } from 'vitest'
import { expectSame } from '../../support/equal.js'
import { parseQuery } from '../../../src/core/search/query.js'
import { libraryEntries } from '../../../src/core/records/entries.js'
import { LibrarySearch } from '../../../src/core/search/search.js'
import { searchDocs } from '../../../src/core/search/docs.js'
import { bestMatches, compareMatches, tieRanks } from '../../../src/core/search/order.js'
import { buildPostings } from '../../../src/core/search/postings.js'
import { PostingsSearch } from '../../../src/core/search/postings-search.js'
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

describe('tieRanks (what an index keeps of the ties)', () => {
  // Canonical times only, few of them, and ids that differ in case and accents: many ties, broken by localeCompare.
  const items = (random: () => number) =>
    Array.from({ length: 120 }, (_, i) => ({
      key: `${['p', 'P', 'é', 'e'][Math.floor(random() * 4)]}${Math.floor(random() * 40)}x${i}`,
      body: i % 3 === 0 ? 'same words' : 'same other words',
      updated: new Date(Date.UTC(2020, 0, 1) + Math.floor(random() * 4) * 1000).toISOString(),
    }))

  it('order the postings engine as the scan orders ties, with no entry read to break them', () => {
    const random = seeded(23)
    for (let round = 0; round < 5; round++) {
      const entries = libraryEntries(tinyLibrary(items(random)))
      const scan = new LibrarySearch(entries)
      const ranks = tieRanks(entries)
      expect(ranks).not.toBeNull()
      const indexed = new PostingsSearch(buildPostings(entries), entries, ranks)
      for (const text of ['', 'same', 'words', 'other', 'sa']) {
        const query = parseQuery(text)
        const expected = scan.search(query, { limit: 500 }).hits.map((hit) => [hit.id, hit.score])
        expect(
          indexed.rank(query, { limit: 500, lastWord: 'whole' }).hits.map((hit) => [hit.entry.id, hit.score]),
          text,
        ).toEqual(expected)
      }
    }
  })

  it('are equal exactly for entries of the same time and id, and none when a time is not one precis writes', () => {
    const random = seeded(29)
    const entries = libraryEntries(tinyLibrary([...items(random), { key: 'p1x0', updated: '2020-01-01T00:00:00.000Z' }]))
    const ranks = tieRanks(entries)!
    for (let a = 0; a < entries.length; a++)
      for (let b = 0; b < entries.length; b++) {
        const [x, y] = [entries[a]!, entries[b]!]
        const same = x.summary!.updated === y.summary!.updated && x.id === y.id
        expectSame(ranks[a] === ranks[b], same)
      }
    expect(tieRanks(libraryEntries(tinyLibrary([{ key: 'a', updated: 'yesterday' }, { key: 'b' }])))).toBeNull()
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

/** outlineEntries: the entries of an outline by position, from a kept order, as libraryEntries gives them. */
import { describe, expect, it } from 'vitest'
import { entryPairs, libraryEntries, outlineEntries, sortEntries, type OutlineEntry } from '../../../src/core/records/entries.js'
import { libraryOutline, type LibraryOutline } from '../../../src/core/records/outline.js'
import { tinyLibrary } from '../search/fixture.js'
import { buildIndex } from '../../../src/store/index/build.js'
import { indexOutline } from '../../../src/store/index/contents.js'
import { decodeIndex } from '../../../src/store/index/format.js'
import { encodeIndex } from '../../../src/store/index/encode-index.js'
import { seeded } from '../../support/random.js'

/** A library with papers summarised once, twice or not at all, orphan summaries and papers sharing a key, in a random order. */
function randomLibrary(seed: number) {
  const random = seeded(seed)
  const items = Array.from({ length: 40 }, (_, i) => ({
    key: `k${Math.floor(random() * 30)}`,
    updated: `2024-01-${10 + (i % 20)}T00:00:00.000Z`,
  }))
  const library = tinyLibrary(items)
  library.papers = library.papers.filter(() => random() < 0.7)
  library.summaries = library.summaries.filter(() => random() < 0.6).map((summary, i) => ({ ...summary, id: `${summary.id}-${i}` }))
  return library
}

/** The outline of `library` keeping the order `pairs` (as an index does). */
function withOrder(outline: LibraryOutline, pairs: ArrayLike<number> | null): LibraryOutline {
  return { ...outline, entryOrder: () => pairs }
}

const listed = (entries: { length: number; at(i: number): unknown }) => Array.from({ length: entries.length }, (_, i) => entries.at(i))

describe('outlineEntries', () => {
  it('gives libraryEntries, entry for entry, from any sort order the index keeps', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const outline = libraryOutline(randomLibrary(seed))
      const expected = libraryEntries(outline)
      for (const order of ['added', 'year', 'title'] as const) {
        const entries = outlineEntries(withOrder(outline, entryPairs(outline, sortEntries(expected, order))))
        expect(entries.length).toBe(expected.length)
        expect(listed(entries)).toEqual(expected)
      }
    }
  })

  it('falls back to libraryEntries without an order, or with one naming an entry twice', () => {
    const outline = libraryOutline(randomLibrary(3))
    const expected = libraryEntries(outline)
    expect(listed(outlineEntries(outline))).toEqual(expected)
    expect(listed(outlineEntries(withOrder(outline, null)))).toEqual(expected)
    const pairs = entryPairs(outline, expected)
    expect(listed(outlineEntries(withOrder(outline, [...pairs, pairs[0]!, pairs[1]!])))).toEqual(expected)
    const alone = pairs.findIndex((at, i) => i % 2 === 0 && at === -1)
    expect(alone).toBeGreaterThanOrEqual(0)
    expect(listed(outlineEntries(withOrder(outline, [...pairs, -1, pairs[alone + 1]!])))).toEqual(expected)
  })

  it('gives libraryEntries from the places an index keeps, and falls back to it when a kept place names no record', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const outline = libraryOutline(randomLibrary(seed))
      const expected = libraryEntries(outline)
      const places = entryPairs(outline, expected)
      const kept = (pairs: number[]) => ({ ...outline, entryOrder: () => null, entryPlaces: () => pairs })
      expect(listed(outlineEntries(kept(places)))).toEqual(expected)
      for (const forged of [-2, 0.5, 1_000_000, 2 ** 40, NaN]) {
        const pairs = [...places]
        pairs[2 * (seed % expected.length) + (seed % 2)] = forged
        const entries = outlineEntries(kept(pairs))
        expect(listed(entries), `${forged}`).toEqual(expected)
        expect(entries.placeOf!(seed % expected.length)).toBeUndefined() // nothing read where a forged place says
      }
    }
  })

  it('answers nothing outside its positions', () => {
    const outline = libraryOutline(randomLibrary(5))
    const entries = outlineEntries(withOrder(outline, entryPairs(outline, libraryEntries(outline))))
    expect(entries.at(-1)).toBeUndefined()
    expect(entries.at(entries.length)).toBeUndefined()
  })

  it("from an index's outline, makes only the records it is asked for, the same views the outline's lists hold", () => {
    const library = randomLibrary(9)
    const identity = { dev: '1', ino: '1', size: '1', mtimeNs: '1', ctimeNs: '1' }
    const built = buildIndex({ ...library, paperPlaces: [], summaryPlaces: [] }, '/library.json', identity)
    const made: number[] = []
    const decoded = decodeIndex(encodeIndex(built))!
    const paperAt = decoded.paperAt!
    decoded.paperAt = (at) => (made.push(at), paperAt(at))
    const outline = indexOutline(decoded)
    const entries = outlineEntries(outline)
    const expected = libraryEntries(libraryOutline(library))
    const third = entries.at(3)!
    expect(made).toEqual([expect.any(Number)]) // one paper's view made, no other
    const named = (entry: OutlineEntry) => [entry.id, entry.paper.key, entry.paper.title, entry.summary?.id ?? null]
    expect(Array.from({ length: entries.length }, (_, i) => named(entries.at(i)!))).toEqual(expected.map(named))
    expect(outline.papers).toContain(third.paper) // the view made alone is the list's
  })
})

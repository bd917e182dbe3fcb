/**
 * `export <words>` filters only the entries the postings say may match (PostingsSearch.mayMatch),
 * a part at a time, with the whole library's typo corrections. Held to the filter of the whole
 * library (LibrarySearch.filter) over seeded random libraries, edited (postings as a base and a
 * delta, as saves keep them), and random queries of every kind the grammar has: words, several,
 * phrases, typos (corrected only against the whole library), fields, negations, OR, stop words,
 * filters, and queries any entry may match. The candidates must hold every match, and the parts
 * filtered (less the entries the query's clauses on the outline leave out) must give exactly the matches.
 */
import { isDeepStrictEqual } from 'node:util'
import { describe, expect, it } from 'vitest'
import type { Library } from '../../../src/core/model.js'
import { libraryEntries, type Entry } from '../../../src/core/records/entries.js'
import { parseQuery, type Query } from '../../../src/core/search/query.js'
import { LibrarySearch } from '../../../src/core/search/search.js'
import { buildPostings } from '../../../src/core/search/postings.js'
import { PostingsView } from '../../../src/core/search/postings-view.js'
import { PostingsSearch } from '../../../src/core/search/postings-search.js'
import { outlineClauses } from '../../../src/core/search/outline-filter.js'
import { libraryOf, paper, summary } from '../../support/library.js'
import { pick, seeded, seedFromEnv } from '../../support/random.js'
import { COMMON_QUERIES, queriesAbout, randomLibrary, throughSaves, typo, type QueryKind } from '../../support/random-library.js'

/** Its own kinds beside the common ones: a typo with a filter or an exclusion, negations alone, OR NOT, stop words. */
const QUERIES: readonly QueryKind[] = [
  ...COMMON_QUERIES,
  ({ random, word }) => `${typo(random, word())} ${pick(random, ['', 'tag:ml', '-' + word()])}`,
  ({ random, word }) => `-${word()} ${pick(random, ['', 'tag:ml', 'year:>=2010', '-' + word()])}`,
  ({ word }) => `${word()} OR -${word()}`,
  ({ random, word }) => `${pick(random, ['the', 'of the', 'a'])} ${word()} ${pick(random, ['tag:physics', 'state:unread', ''])}`,
]

/** What the postings tell export of a query: the entries that may match (or null: any may), and the whole library's corrections. */
type Told = ReturnType<PostingsSearch['mayMatch']>

/** What export does: the candidates `told` that the outline's clauses keep read a part at a time (here `part` entries), each part filtered with the library's corrections. */
function filteredInParts(entries: readonly Entry[], told: Told, query: Query, part: number): number[] {
  const { positions, corrections } = told
  const test = outlineClauses(query)
  const candidates = (positions ?? entries.map((_, i) => i)).filter((at) => !test || test(entries[at]!))
  const found: number[] = []
  for (let from = 0; from < candidates.length; from += part) {
    const chunk = candidates.slice(from, from + part)
    const told = chunk.map((at) => ({ ...entries[at]! })) // other objects, as records read where they lie are
    const at = new Map(told.map((entry, i) => [entry as Entry, chunk[i]!]))
    for (const entry of new LibrarySearch(told).filter(query, corrections)) found.push(at.get(entry)!)
  }
  return found
}

/** Each query filtered by the whole library once, and from the candidates of postings from each of `sources` (a view made afresh at each call). */
function check(library: Library, sources: readonly (() => PostingsView)[], queries: readonly string[], seed: number): void {
  const entries = libraryEntries(library)
  const whole = new LibrarySearch(entries)
  for (const text of queries) {
    let query
    try {
      query = parseQuery(text)
    } catch {
      continue // a field value the grammar refuses: refused before any filter
    }
    if (!PostingsSearch.answers(query)) continue
    const expected = whole.filter(query).map((entry) => entries.indexOf(entry))
    // The parts filtered are a function of what the postings told: a source told what the one before it was gives what it gave.
    let before: { told: Told; found: number[] } | undefined
    sources.forEach((postings, source) => {
      const where = `seed ${seed}, query ${JSON.stringify(text)}, postings ${source === 0 ? 'built' : 'kept'}`
      const engine = new PostingsSearch(postings(), libraryEntries(library))
      const { positions } = engine.mayMatch(query)
      if (positions) {
        const candidates = new Set(positions)
        expect(
          expected.filter((at) => !candidates.has(at)),
          `${where}: matches that are not candidates`,
        ).toEqual([])
        expect(
          [...positions].sort((a, b) => a - b),
          where,
        ).toEqual(positions) // in library order
      }
      const part = 1 + Math.floor(seeded(seed + text.length)() * 40)
      const told = new PostingsSearch(postings(), libraryEntries(library)).mayMatch(query)
      if (!before || !isDeepStrictEqual(told, before.told)) before = { told, found: filteredInParts(entries, told, query, part) }
      expect(before.found, where).toEqual(expected)
    })
  }
}

const SEED = seedFromEnv(30)

describe('the candidates of a filter from the postings', () => {
  // As many seeds as still fail for each way of breaking the engine on purpose that BENCHMARKS.md (s37-tests-d) lists.
  for (let run = 0; run < 6; run++) {
    const seed = SEED * 1000 + run
    it(`hold every match of the whole library's filter, which parts of them give (seed ${seed})`, () => {
      const random = seeded(seed)
      const library = randomLibrary(random, run === 0 ? 300 : 5 + Math.floor(random() * 80))
      throughSaves(random, library, 3, (kept) => {
        const query = queriesAbout(library, QUERIES)
        const queries = Array.from({ length: 30 }, () => query(random))
        // Built afresh once for the queries of this state (a search reads them, never changes them), and as saves keep them.
        const built = buildPostings(libraryEntries(library))
        check(library, [() => new PostingsView(built), () => kept], queries, seed)
      })
    })
  }

  // Random libraries seldom give one word several forms in different entries: here every form is in an
  // entry of its own, among few entries (gathered and sorted) and among most (marked among all).
  it.each([
    ['few of many', 40],
    ['most of few', 0],
  ])('hold the entries of every form a word accepts, not only the first (%s)', (_, fillers) => {
    const bodies = ['a network here', 'two networks there', 'networking at large', 'networked machines', 'plain words']
    const others = Array.from({ length: fillers }, (_, i) => `filler text number ${i}`)
    const all = [...bodies, ...others]
    const library = libraryOf(
      all.map((_, i) => paper({ key: `p${i}`, title: `Paper ${i}` })),
      all.map((body, i) => summary({ id: `s${i}`, paper: `p${i}`, body })),
    )
    const entries = libraryEntries(library)
    const engine = new PostingsSearch(buildPostings(entries), entries)
    for (const text of ['network', 'networks', 'networking']) {
      const expected = new LibrarySearch(entries).filter(parseQuery(text)).map((entry) => entries.indexOf(entry))
      expect(expected.length, text).toBeGreaterThan(1)
      expect(engine.mayMatch(parseQuery(text)).positions, text).toEqual(expected)
    }
  })

  it('corrects a typo as the whole library does, not as the part filtered would', () => {
    const library = libraryOf(
      [paper({ key: 'a', title: 'One' }), paper({ key: 'b', title: 'Two' })],
      [summary({ id: 'sa', paper: 'a', body: 'quantum things' }), summary({ id: 'sb', paper: 'b', body: 'a quantim word' })],
    )
    const entries = libraryEntries(library)
    const engine = new PostingsSearch(buildPostings(entries), entries)
    const query = parseQuery('quantim')
    const { positions, corrections } = engine.mayMatch(query)
    expect(positions).toEqual([1])
    // The library has the word: not a typo. The first entry alone lacks it, and alone would take it for one of `quantum`.
    expect(new LibrarySearch([entries[0]!]).filter(query)).toEqual([entries[0]])
    expect(new LibrarySearch([entries[0]!]).filter(query, corrections)).toEqual([])
    expect(new LibrarySearch(entries).filter(query)).toEqual([entries[1]])
    expect(engine.mayMatch(parseQuery('-quantum')).positions).toBeNull()
  })
})

/** Search while a query is being typed (browse): the last word, and what is kept between keystrokes. */
import { describe, expect, it } from 'vitest'
import { parseQuery, parseTypedQuery } from '../../../src/core/search/query.js'
import { libraryEntries } from '../../../src/core/records/entries.js'
import { startsToFind, type WordSpec } from '../../../src/core/search/pattern.js'
import { LibrarySearch, type SearchOptions } from '../../../src/core/search/search.js'
import { searchFixture, tinyLibrary } from './fixture.js'

const entries = libraryEntries(searchFixture())
const ids = (search: LibrarySearch, query: string, options: Partial<SearchOptions> = {}) =>
  search.search(parseQuery(query), { limit: 100, ...options }).hits.map((hit) => hit.id)

/** The ids, or the error message for a query typed only half-way (`tag:`). */
function idsOrError(search: LibrarySearch, query: string): string[] | string {
  try {
    return ids(search, query, { lastWord: 'typing' })
  } catch (error) {
    return (error as Error).message
  }
}

describe('the last word', () => {
  const search = new LibrarySearch(entries)

  it.each([
    ['whole', 'lott', []],
    ['prefix', 'lott', ['frankle2019lottery']],
    ['typing', 'lott', ['frankle2019lottery']],
  ] as const)('%s: %s', (lastWord, query, expected) => {
    expect(ids(search, query, { lastWord })).toEqual(expected)
  })

  it('is corrected when it is a typo, unless it is still being typed', () => {
    expect(ids(search, 'helxi', { lastWord: 'prefix' })).toEqual(['watson1953molecular'])
    expect(ids(search, 'helxi', { lastWord: 'typing' })).toEqual([])
    expect(ids(search, 'helxi ', { lastWord: 'typing' })).toEqual(['watson1953molecular'])
  })

  it('while typing, waits for three characters before it narrows the list', () => {
    const all = ids(search, '', { lastWord: 'typing' })
    expect(ids(search, 'h', { lastWord: 'typing' })).toEqual(all)
    expect(ids(search, 'he', { lastWord: 'typing' })).toEqual(all)
    expect(ids(search, 'hel', { lastWord: 'typing' }).length).toBeLessThan(all.length)
    expect(ids(search, 'double he', { lastWord: 'typing' })).toEqual(ids(search, 'double', { lastWord: 'typing' }))
  })
})

describe('typing one character at a time', () => {
  it.each(['graph atten', 'message passing quan', 'tag:ml/gnn -survey graph', 'schrodinger equation', 'tranformer atte'])(
    'one search kept across keystrokes gives what a fresh one gives: %s',
    (query) => {
      const kept = new LibrarySearch(entries)
      for (let i = 1; i <= query.length; i++) {
        const typed = query.slice(0, i)
        expect(idsOrError(kept, typed), typed).toEqual(idsOrError(new LibrarySearch(entries), typed))
      }
    },
  )
})

describe('typing with corrections', () => {
  // Backspaces (a shorter query after a longer one) must not reuse what the longer one found.
  const keystrokes = [
    'gra',
    'grap',
    'graph',
    'graph ',
    'graph a',
    'graph att',
    'graph at',
    'graph',
    'gra',
    'tranformer',
    'tranformer ',
    'tran',
    'tranformer',
    'ml',
    'tag:ml -graph',
    'tag:ml -grap',
    'tag:ml -graph',
  ]
  const scores = (search: LibrarySearch, query: string) =>
    search.search(parseTypedQuery(query), { limit: 100, lastWord: 'typing' }).hits.map((hit) => [hit.id, hit.score])

  it('gives, scores included, what a fresh search gives', () => {
    const kept = new LibrarySearch(entries)
    for (const typed of keystrokes) expect(scores(kept, typed), typed).toEqual(scores(new LibrarySearch(entries), typed))
  })
})

describe('startsToFind', () => {
  it.each([
    [['graph', 'graphs'], ['graph']],
    [['study', 'studies', 'studie'], ['stud']],
    [['gp', 'gps'], ['gp']],
    [
      ['epsilon', 'epsilons', 'varepsilon'],
      ['epsilon', 'varepsilon'],
    ],
    [
      ['man', 'men'],
      ['man', 'men'],
    ],
    [
      ['transformer', 'transformers', 'tranformer'],
      ['tranformer', 'transformer'],
    ],
    [
      ['person', 'people'],
      ['person', 'people'],
    ],
    [['analysis', 'analyses'], ['analys']],
    [[], []],
  ])('%j → %j', (spellings, expected) => {
    expect(startsToFind(spellings)).toEqual(expected)
  })
})

describe('what browse prepares and counts', () => {
  it('gives the same hits, scores and snippets once prepared as without', () => {
    const prepared = new LibrarySearch(entries)
    prepared.prepare()
    const plain = new LibrarySearch(entries)
    for (const query of ['', 'graph', 'schrodinger equation', 'tag:ml', '"message passing"', 'gaus']) {
      const options = { limit: 20, lastWord: 'typing' as const }
      expect(prepared.search(parseTypedQuery(query), options), query).toEqual(plain.search(parseTypedQuery(query), options))
    }
  })

  it('lists every entry, newest first with the opening of its body, for a query with no words', () => {
    const search = new LibrarySearch(entries)
    const { hits, total } = search.search(parseQuery(''), { limit: 5 })
    expect(total).toBe(entries.length)
    expect(hits).toHaveLength(5)
    const times = hits.map((hit) => hit.summary?.updated ?? hit.paper.added)
    expect(times).toEqual([...times].sort().reverse())
    expect(hits.every((hit) => hit.snippets.length === 1 && hit.snippets[0]!.highlights.length === 0)).toBe(true)
  })

  it('counts at most three occurrences of the word being typed, ten of a finished one', () => {
    // Bodies of the same length, with the word eight times and three times.
    const library = tinyLibrary([
      { key: 'eight', body: 'kernel '.repeat(8) },
      { key: 'three', body: 'kernel '.repeat(3) + 'xxxxxx '.repeat(5) },
    ])
    const search = new LibrarySearch(libraryEntries(library))
    const scores = (lastWord: SearchOptions['lastWord']) =>
      Object.fromEntries(search.search(parseTypedQuery('kern'), { limit: 5, lastWord }).hits.map((hit) => [hit.id, hit.score]))
    const typed = scores('typing')
    expect(typed.eight).toBeCloseTo(typed.three!, 10)
    const prefix = scores('prefix')
    expect(prefix.eight).toBeGreaterThan(prefix.three!)
  })
})

describe('as part of a larger library (the list drawn at once)', () => {
  const options: SearchOptions = { limit: 12, lastWord: 'typing', snippets: 1 }
  const shown = (hits: { id: string; score: number; snippets: unknown; missing: string[] }[]) =>
    hits.map((hit) => [hit.id, hit.score, hit.snippets, hit.missing])

  it.each(['graph attention quantum', 'neural message passing chemistry', 'lottery ticket graph', 'lottery ticket quantum '])(
    "gives the search's hits with every word, scores and snippets included, and no partial match: %s",
    (typed) => {
      const query = parseTypedQuery(typed)
      const searched = new LibrarySearch(entries).search(query, options).hits
      expect(searched.some((hit) => hit.missing.length > 0)).toBe(true) // partial matches there are
      const part = new LibrarySearch(entries).searchAsPart(query, options, new Map())!
      expect(shown(part.hits)).toEqual(shown(searched.filter((hit) => hit.missing.length === 0)))
    },
  )

  it('reads a word typed in the middle as the last one is while typed: a prefix, never decided', () => {
    const query = parseTypedQuery('graph atten networ')
    const middle = query.clauses[1]!.anyOf[0]!
    const decisions: string[] = []
    const decide = (spec: WordSpec) => (decisions.push([...spec.keys][0]!), null)
    // Read whole, `atten` is no word of these entries: it waits for the library's decision.
    expect(new LibrarySearch(entries).searchAsPart(query, options, new Map(), decide)).toBeNull()
    expect(decisions).toEqual(['atten'])
    decisions.length = 0
    const part = new LibrarySearch(entries).searchAsPart(query, options, new Map(), decide, middle)!
    expect(decisions).toEqual([])
    expect(part.hits.map((hit) => hit.id)).toEqual(['velickovic2018graph', 'zhou2018graph'])
    for (const hit of part.hits) expect(`${hit.paper.title} ${hit.summary?.body}`).toMatch(/\batten/i)
    // Shorter than three letters, it is left out until there is more of it, as the last word is.
    const short = parseTypedQuery('graph at networ')
    const left = new LibrarySearch(entries).searchAsPart(short, options, new Map(), decide, short.clauses[1]!.anyOf[0])!
    expect(shown(left.hits)).toEqual(
      shown(new LibrarySearch(entries).searchAsPart(parseTypedQuery('graph networ'), options, new Map())!.hits),
    )
  })
})

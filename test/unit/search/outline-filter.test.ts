import { describe, expect, it } from 'vitest'
import { libraryEntries } from '../../../src/core/records/entries.js'
import { outlineClauses, outlineFilter } from '../../../src/core/search/outline-filter.js'
import { parseQuery } from '../../../src/core/search/query.js'
import { filterEntries } from '../../../src/core/search/search.js'
import { searchFixture } from './fixture.js'

/** The search fixture with papers in each reading state, and one without metadata. */
function library() {
  const lib = searchFixture()
  const byKey = (key: string) => lib.papers.find((p) => p.key === key)!
  Object.assign(byKey('hamilton2017inductive'), { state: 'to-read', priority: 1 })
  Object.assign(byKey('vaswani2017attention'), { state: 'reading' })
  Object.assign(byKey('rasmussen2006gaussian'), { state: 'read' })
  byKey('pearl1988probabilistic').title = 'Untitled'
  return lib
}

describe('outlineFilter', () => {
  const lib = library()
  const entries = libraryEntries(lib)

  it.each([
    '',
    'tag:ml',
    'tag:ml/gnn',
    '-tag:ml',
    'tag:ml/gnn year:>=2018',
    'tag:thesis OR tag:chemistry',
    'year:2017',
    'year:2000..2010 -tag:stats',
    'year:<1990',
    'id:gilmer2017neural',
    'id:gilmer',
    '-id:vaswani2017attention-2',
    'state:to-read',
    'state:reading OR state:to-read',
    'state:read',
    'state:none',
    '-state:read',
    'has:no-metadata',
    'state:to-read tag:thesis',
    'tag:nosuchtag',
  ])('%s: the entries the whole-library filter finds, in the same order', (text) => {
    const query = parseQuery(text)
    const test = outlineFilter(query)
    expect(test).not.toBeNull()
    const expected = filterEntries(entries, query).map((e) => e.id)
    expect(entries.filter(test!).map((e) => e.id)).toEqual(expected)
  })

  it.each([
    ['tag:ml/gnn year:>=2018', ['velickovic2018graph', 'zhou2018graph']],
    ['year:>2017 tag:ml/gnn', ['velickovic2018graph', 'zhou2018graph']],
    ['state:to-read', ['hamilton2017inductive']],
    ['state:reading OR state:to-read', ['vaswani2017attention', 'vaswani2017attention-2', 'hamilton2017inductive']],
    ['has:no-metadata', ['pearl1988probabilistic']],
  ])('%s finds exactly %j', (text, ids) => {
    expect(
      entries
        .filter(outlineFilter(parseQuery(text))!)
        .map((e) => e.id)
        .sort(),
    ).toEqual([...ids].sort())
  })

  it('the table above is not trivial: its filters keep different, non-empty sets', () => {
    const sizes = ['tag:ml/gnn', 'state:to-read', 'state:none', 'id:gilmer', 'has:no-metadata'].map(
      (text) => entries.filter(outlineFilter(parseQuery(text))!).length,
    )
    expect(sizes.every((n) => n > 0 && n < entries.length)).toBe(true)
  })

  it.each([
    'attention',
    '"message passing"',
    'title:gaussian',
    'tag:ml attention',
    'has:math',
    'has:figure',
    'cites:gilmer2017neural',
    'citedby:gilmer2017neural',
    'tag:ml OR kernel',
  ])('%s needs more than the outline: null', (text) => {
    expect(outlineFilter(parseQuery(text))).toBeNull()
  })
})

describe('outlineClauses', () => {
  const entries = libraryEntries(library())

  it.each([
    ['tag:ml attention', 'tag:ml'],
    ['-attention tag:ml/gnn year:>=2018', 'tag:ml/gnn year:>=2018'],
    ['kernel -tag:ml', '-tag:ml'],
    ['"message passing" tag:thesis OR year:2017 has:math', 'tag:thesis OR year:2017'],
  ])('%s: the entries its clauses on the outline keep (%s), a superset of its matches', (text, clauses) => {
    const query = parseQuery(text)
    const kept = entries.filter(outlineClauses(query)!)
    expect(kept).toEqual(entries.filter(outlineFilter(parseQuery(clauses))!))
    expect(kept.length).toBeLessThan(entries.length)
    for (const entry of filterEntries(entries, query)) expect(kept).toContain(entry)
  })

  it.each(['attention', '-attention', 'tag:ml OR kernel', 'has:math -graph'])('%s: no clause on the outline alone: null', (text) => {
    expect(outlineClauses(parseQuery(text))).toBeNull()
  })
})

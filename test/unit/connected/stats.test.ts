import { describe, expect, it } from 'vitest'
import { emptyLibrary } from '../../../src/core/model.js'
import { countWords, libraryStats } from '../../../src/core/stats/stats.js'
import { libraryOf, paper, summary } from '../../support/library.js'
import { connectedLibrary } from './fixture.js'

describe('countWords', () => {
  it.each([
    ['', 0],
    ['one', 1],
    ['  two\twords\n', 2],
    ['a - b -- c', 3],
    ['$x$ and $$ y $$', 3],
    ['Schrödinger’s cat', 2],
    ['under_score self-attention', 2],
  ])('%j has %i words', (text, words) => {
    expect(countWords(text)).toBe(words)
  })
})

describe('libraryStats on the connected fixture', () => {
  const stats = libraryStats(connectedLibrary(), 3)

  it.each([
    ['papers', 8],
    ['summaries', 7],
    ['words', 126],
    ['toSummarise', 2],
    ['undated', 0],
  ] as const)('%s is %i', (field, value) => {
    expect(stats[field]).toBe(value)
  })

  it('counts summaries per publication year, with the empty years between', () => {
    const nonEmpty = stats.perYear.filter((y) => y.count > 0)
    expect(nonEmpty).toEqual([
      { year: 2004, count: 1 },
      { year: 2012, count: 1 },
      { year: 2017, count: 4 },
      { year: 2018, count: 1 },
    ])
    expect(stats.perYear.map((y) => y.year)).toEqual(Array.from({ length: 15 }, (_, i) => 2004 + i))
  })

  it('counts summaries per year written', () => {
    expect(stats.writtenPerYear).toEqual([
      { year: 2023, count: 2 },
      { year: 2024, count: 5 },
    ])
  })

  it('ranks tags and venues by use, ties by name, venues folded for case and spacing', () => {
    expect(stats.topTags).toEqual([
      { name: 'gnn', count: 3 },
      { name: 'attention', count: 2 },
      { name: 'bayesian', count: 2 },
    ])
    expect(stats.topVenues).toEqual([
      { name: 'ICLR', count: 2 },
      { name: 'NeurIPS', count: 2 },
      { name: 'ICML', count: 1 },
    ])
  })

  it('lists the longest summaries and the most cited papers', () => {
    expect(stats.longest.map((s) => [s.id, s.words])).toEqual([
      ['velickovic2018graph', 23],
      ['gilmer2017neural', 20],
      ['kipf2017semi', 20],
    ])
    expect(stats.mostCited.map((p) => [p.key, p.citedBy])).toEqual([
      ['kipf2017semi', 2],
      ['vaswani2017attention', 2],
      ['rasmussen2004gaussian', 1],
    ])
  })
})

describe('libraryStats edge cases', () => {
  it('an empty library has zeros and empty lists', () => {
    expect(libraryStats(emptyLibrary())).toEqual({
      papers: 0,
      summaries: 0,
      words: 0,
      toSummarise: 0,
      perYear: [],
      undated: 0,
      writtenPerYear: [],
      topTags: [],
      topVenues: [],
      longest: [],
      mostCited: [],
    })
  })

  it('counts summaries of undated papers apart, and lists only present years over a long span', () => {
    const lib = connectedLibrary()
    lib.papers.push(paper({ key: 'euler1736solutio', year: 1736 }), paper({ key: 'nodate', year: null }))
    lib.summaries.push(summary({ id: 'euler1736solutio', paper: 'euler1736solutio' }), summary({ id: 'nodate', paper: 'nodate' }))
    const stats = libraryStats(lib)
    expect(stats.undated).toBe(1)
    expect(stats.perYear.map((y) => y.year)).toEqual([1736, 2004, 2012, 2017, 2018])
  })

  it("takes each summary's paper as a map of the papers would: the last of two sharing a key, none for a missing one", () => {
    const lib = libraryOf(
      [paper({ key: 'dup', title: 'First', year: 2001 }), paper({ key: 'dup', title: 'Second', year: 2002 }), paper({ key: 'alone' })],
      [summary({ id: 'orphan', paper: 'missing', body: 'Cites @dup.\n' }), summary({ id: 'twin', paper: 'dup', body: 'One two three.\n' })],
    )
    const stats = libraryStats(lib)
    expect(stats.longest.map((s) => [s.id, s.title])).toEqual([
      ['twin', 'Second'],
      ['orphan', 'missing'],
    ])
    expect([stats.perYear, stats.undated, stats.toSummarise]).toEqual([[{ year: 2002, count: 1 }], 1, 1])
    expect(stats.mostCited).toEqual([{ key: 'dup', title: 'Second', citedBy: 1 }])
  })
})

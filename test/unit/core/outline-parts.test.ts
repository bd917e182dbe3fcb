import { describe, expect, it } from 'vitest'
import { citedBeyond, inParts, paperParts, positions, PART_PAPERS, type RecordsRead } from '../../../src/core/records/outline-parts.js'
import { libraryOutline } from '../../../src/core/records/outline.js'
import { libraryOf, paper, summary } from '../../support/library.js'

// Papers p0..p4; p1 has two summaries, p3 none; s2 cites p3 and p4, s0 cites p1.
const library = libraryOf(
  [0, 1, 2, 3, 4].map((n) => paper({ key: `p${n}`, title: `Paper ${n}` })),
  [
    summary({ id: 's0', paper: 'p0', body: 'Builds on \\cite{p1}.\n' }),
    summary({ id: 's1a', paper: 'p1' }),
    summary({ id: 's1b', paper: 'p1' }),
    summary({ id: 's2', paper: 'p2', body: 'See [@p3] and [@p4; @p1].\n' }),
  ],
)
const outline = libraryOutline(library)
const reads: [number[], number[]][] = []
const read: RecordsRead = (papers, summaries) => {
  reads.push([[...papers], [...summaries]])
  return { papers: papers.map((at) => library.papers[at]!), summaries: summaries.map((at) => library.summaries[at]!) }
}

describe('records an outline selects, a part at a time', () => {
  it.each([
    [[1, 2, 3, 4, 5], (n: number) => n % 2 === 1, [0, 2, 4]],
    [[], () => true, []],
    [['a', 'b'], () => false, []],
  ] as const)('positions(%j) are those wanted, in order', (records, wanted, expected) => {
    expect(positions(records as readonly unknown[], wanted as (r: unknown) => boolean)).toEqual(expected)
  })

  it.each([
    [[0, 1, 2, 3, 4], [0, 1, 2, 3], 2, [['p0', 'p1'], ['s0', 's1a', 's1b'], ['p2', 'p3'], ['s2'], ['p4'], []]],
    [
      [1, 3],
      [1, 2],
      64,
      [
        ['p1', 'p3'],
        ['s1a', 's1b'],
      ],
    ],
    [[2], [], 64, [['p2'], []]],
  ])('paperParts of papers %j with summaries %j, %i a part', (papers, summaries, size, expected) => {
    const parts = [...paperParts(outline, papers, summaries, read, size)]
    expect(parts.flatMap((part) => [part.papers.map((p) => p.key), part.summaries.map((s) => s.id)])).toEqual(expected)
  })

  it('reads PART_PAPERS records at a time, and none before they are asked for', () => {
    reads.length = 0
    const places = Array.from({ length: 2 * PART_PAPERS + 1 }, (_, i) => i % 5)
    const records = inParts(places, (part) => read(part, []).papers)
    expect(reads).toEqual([])
    expect([...records].map((p) => p.key)).toEqual(places.map((at) => `p${at}`))
    expect(reads.map(([papers]) => papers.length)).toEqual([PART_PAPERS, PART_PAPERS, 1])
  })

  it.each([
    [['p0'], [0], ['p1']],
    [['p2'], [3], ['p3', 'p4', 'p1']],
    [
      ['p0', 'p1', 'p2'],
      [0, 1, 2, 3],
      ['p3', 'p4'],
    ],
    [['p3'], [], []],
  ])('citedBeyond papers %j, summaries %j: %j', (keys, summaries, expected) => {
    expect(citedBeyond(outline, new Set(keys), summaries)).toEqual(expected)
  })
})

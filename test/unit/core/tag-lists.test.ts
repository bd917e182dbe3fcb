import { describe, expect, it } from 'vitest'
import { areTagLists, tagListsOf, type TagLists } from '../../../src/core/records/tag-lists.js'

/** Each row's tags read back by name: the summaries' rows, then the papers'. */
const rowsOf = ({ names, starts, ids }: TagLists) =>
  Array.from({ length: starts.length - 1 }, (_, r) =>
    Array.from(ids)
      .slice(starts[r], starts[r + 1])
      .map((id) => names[id]),
  )

describe('tagListsOf', () => {
  it.each([
    ['no records', [], [], [], []],
    [
      'summaries only, a tag numbered once',
      [undefined, undefined],
      [['ml/gnn', 'chem'], [], ['chem']],
      ['ml/gnn', 'chem'],
      [['ml/gnn', 'chem'], [], ['chem'], [], []],
    ],
    ['own tags after the summaries, in their order', [['z', 'a'], undefined, []], [['a']], ['a', 'z'], [['a'], ['z', 'a'], [], []]],
    ['a tag twice in one record kept twice (as the record lists it)', [], [['x', 'x']], ['x'], [['x', 'x']]],
  ])('%s', (_, own, tags, names, rows) => {
    const lists = tagListsOf(own, tags)
    expect(lists.names).toEqual(names)
    expect(rowsOf(lists)).toEqual(rows)
    expect(areTagLists(lists, tags.length, own.length)).toBe(true)
  })
})

describe('areTagLists', () => {
  const good = () => tagListsOf([['own']], [['a', 'b'], ['b']])
  it.each<[string, (lists: { names: unknown[]; starts: number[]; ids: number[]; summaries: number; papers: number }) => void]>([
    ['a number past the tags', (l) => (l.ids[1] = 3)],
    ['a negative number', (l) => (l.ids[0] = -1)],
    ['a number that is not one', (l) => (l.ids[0] = NaN)],
    ['a number that is not whole', (l) => (l.ids[0] = 0.5)],
    ['rows going backwards', (l) => (l.starts[1] = 4)],
    ['a first row not at the start', (l) => (l.starts[0] = 1)],
    ['rows ending before the numbers do', (l) => l.ids.push(0)],
    ['a row too few', (l) => l.starts.pop()],
    ['another count of summaries', (l) => (l.summaries = 1)],
    ['another count of papers', (l) => (l.papers = 2)],
  ])('refuses %s', (_, forge) => {
    const lists = good()
    const plain = { ...lists, names: [...lists.names], starts: Array.from(lists.starts), ids: Array.from(lists.ids) }
    expect(areTagLists(plain as TagLists, 2, 1)).toBe(true)
    forge(plain)
    expect(areTagLists(plain as TagLists, 2, 1)).toBe(false)
  })
})

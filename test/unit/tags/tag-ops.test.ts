import { describe, expect, it } from 'vitest'
import { UsageError } from '../../../src/core/errors.js'
import { applyTagChanges, parseTagWords, planTagChange } from '../../../src/core/tags/changes.js'
import { libraryOf, paper, summary } from '../../support/library.js'

describe('parseTagWords', () => {
  it.each([
    [['gilmer2017neural', '+gnn'], ['gilmer2017neural'], ['gnn'], []],
    [['a', 'b', '+X', '-todo'], ['a', 'b'], ['x'], ['todo']],
    [['+ML/GNN', 'a', '-Meta Learning'], ['a'], ['ml/gnn'], ['meta-learning']],
    [['a', '+gnn', '+GNN'], ['a'], ['gnn'], []],
    [['a', '+__proto__', '-constructor'], ['a'], ['__proto__'], ['constructor']],
    [['+gnn'], [], ['gnn'], []],
  ])('%j → handles %j, +%j, -%j', (words, handles, add, remove) => {
    expect(parseTagWords(words)).toEqual({ handles, changes: { add, remove } })
  })

  it.each([
    ['+', '"+": it is empty'],
    ['-', '"-": it is empty'],
    ['+ml//gnn', '"+ml//gnn": it has an empty segment'],
    [`+${'x'.repeat(65)}`, 'longer than 64'],
    ['+bad\u001b[31m', 'control character'],
  ])('refuses %j, naming it', (word, message) => {
    expect(() => parseTagWords(['a', word])).toThrow(UsageError)
    expect(() => parseTagWords(['a', word])).toThrow(message)
  })

  it('takes a word starting with -- for a mistyped option, not a tag', () => {
    expect(() => parseTagWords(['a', '--dryrun'])).toThrow('Unknown option "--dryrun"')
  })

  it('refuses a tag both added and removed', () => {
    expect(() => parseTagWords(['a', '+gnn', '-GNN'])).toThrow('"gnn" is both added and removed')
  })
})

describe('planTagChange', () => {
  it.each([
    [['a'], ['b'], [], { added: ['b'], removed: [], tags: ['a', 'b'] }],
    [['a', 'b'], [], ['a'], { added: [], removed: ['a'], tags: ['b'] }],
    [['a', 'b'], ['c'], ['a'], { added: ['c'], removed: ['a'], tags: ['b', 'c'] }],
    [['a'], ['a'], [], null],
    [['a'], [], ['z'], null],
    [[], ['ml'], [], { added: ['ml'], removed: [], tags: ['ml'] }],
    // Removing `ml` leaves `ml/gnn`: removal is exact, hierarchy is for queries and tags rm --recursive.
    [['ml', 'ml/gnn'], [], ['ml'], { added: [], removed: ['ml'], tags: ['ml/gnn'] }],
  ])('tags %j, +%j -%j → %j', (tags, add, remove, expected) => {
    const change = planTagChange({ id: 's', tags }, { add, remove })
    expect(change).toEqual(expected === null ? null : { id: 's', ...expected })
  })
})

describe('applyTagChanges', () => {
  const lib = () =>
    libraryOf(
      [paper({ key: 'p' })],
      [
        summary({ id: 'p', paper: 'p', tags: ['gnn'] }),
        summary({ id: 'p-2', paper: 'p', tags: [] }),
        summary({ id: 'p-3', paper: 'p', tags: ['todo'] }),
      ],
    )
  const now = new Date('2026-01-02T03:04:05.000Z')

  it('changes only the named summaries that need it, stamping them as updated', () => {
    const library = lib()
    const targets = ['p', 'p-2', 'gone'].map((id) => ({ kind: 'summary' as const, id }))
    const made = applyTagChanges(library, targets, { add: ['gnn'], remove: ['todo'] }, now)
    expect(made).toEqual([{ id: 'p-2', added: ['gnn'], removed: [], tags: ['gnn'] }])
    expect(library.summaries.map((s) => [s.id, s.tags, s.updated])).toEqual([
      ['p', ['gnn'], '2024-02-01T00:00:00.000Z'],
      ['p-2', ['gnn'], now.toISOString()],
      ['p-3', ['todo'], '2024-02-01T00:00:00.000Z'],
    ])
  })
})

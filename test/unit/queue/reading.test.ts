import { describe, expect, it } from 'vitest'
import {
  applyTransition,
  parsePriority,
  queueOrder,
  queueTransition,
  readingState,
  summaryWritten,
  type QueueAction,
} from '../../../src/core/queue/reading.js'
import type { Paper } from '../../../src/core/model.js'
import { addSummary } from '../../../src/core/papers/papers.js'
import { libraryOf, paper } from '../../support/library.js'

const queued = (key: string, added: string, fields: Partial<Paper> = {}) => paper({ key, added: `${added}T00:00:00.000Z`, ...fields })

describe('queueOrder: priority first (none counts as 3), then oldest added, then key', () => {
  it.each([
    [
      'by priority',
      [queued('c', '2020-01-01', { state: 'to-read', priority: 5 }), queued('a', '2024-01-01', { state: 'to-read', priority: 1 })],
      ['a', 'c'],
    ],
    [
      'oldest first at one priority',
      [queued('new', '2024-01-01', { state: 'to-read' }), queued('old', '2019-01-01', { state: 'to-read' })],
      ['old', 'new'],
    ],
    [
      'no priority counts as 3: after 2, before 4',
      [
        queued('four', '2019-01-01', { state: 'to-read', priority: 4 }),
        queued('none', '2021-01-01', { state: 'to-read' }),
        queued('two', '2023-01-01', { state: 'to-read', priority: 2 }),
        queued('three', '2020-01-01', { state: 'to-read', priority: 3 }),
      ],
      ['two', 'three', 'none', 'four'],
    ],
    ['same time: by key', [queued('b', '2020-01-01', { state: 'to-read' }), queued('a', '2020-01-01', { state: 'reading' })], ['a', 'b']],
    [
      'being read stays in the queue; read and no state leave it',
      [
        queued('read', '2018-01-01', { state: 'read' }),
        queued('none', '2018-01-01'),
        queued('reading', '2022-01-01', { state: 'reading' }),
        queued('waiting', '2021-01-01', { state: 'to-read' }),
      ],
      ['waiting', 'reading'],
    ],
    [
      'offsets compare as instants',
      [
        queued('late', '2020-01-01', { state: 'to-read', added: '2020-01-01T01:00:00.000+02:00' }),
        queued('early', '2020-01-01', { state: 'to-read', added: '2019-12-31T22:30:00.000Z' }),
      ],
      ['early', 'late'],
    ],
  ])('%s', (_, papers, keys) => {
    expect(queueOrder(papers).map((p) => p.key)).toEqual(keys)
  })
})

describe('queueTransition: what each queue action does to a paper', () => {
  const from = (state?: Paper['state'], priority?: number): Pick<Paper, 'state' | 'priority'> => ({
    ...(state && { state }),
    ...(priority && { priority }),
  })
  it.each<[string, Pick<Paper, 'state' | 'priority'>, QueueAction, ReturnType<typeof queueTransition>]>([
    ['add a paper in no state', from(), { kind: 'add' }, { state: 'to-read', priority: undefined }],
    ['add with a priority', from(), { kind: 'add', priority: 2 }, { state: 'to-read', priority: 2 }],
    ['add a read paper again (to re-read)', from('read'), { kind: 'add' }, { state: 'to-read', priority: undefined }],
    ['add keeps the priority it had', from('reading', 1), { kind: 'add' }, { state: 'to-read', priority: 1 }],
    ['add --priority none removes it', from('to-read', 1), { kind: 'add', priority: null }, { state: 'to-read', priority: undefined }],
    ['start', from('to-read', 4), { kind: 'start' }, { state: 'reading', priority: 4 }],
    ['done drops the priority', from('reading', 2), { kind: 'done' }, { state: 'read', priority: undefined }],
    ['done on a paper in no state', from(), { kind: 'done' }, { state: 'read', priority: undefined }],
    ['drop', from('to-read', 2), { kind: 'drop' }, { state: undefined, priority: undefined }],
    ['set a priority', from('to-read'), { kind: 'priority', priority: 5 }, { state: 'to-read', priority: 5 }],
    ['remove a priority', from('reading', 5), { kind: 'priority', priority: null }, { state: 'reading', priority: undefined }],
    [
      'no priority on a read paper',
      from('read'),
      { kind: 'priority', priority: 1 },
      expect.stringContaining('only a paper to read or being read'),
    ],
    ['no priority on a paper in no state', from(), { kind: 'priority', priority: 1 }, expect.stringContaining('only a paper to read')],
    ['done refuses a priority', from('to-read'), { kind: 'done', priority: 1 }, 'a paper that is read has no priority'],
  ])('%s', (_, before, action, after) => {
    expect(queueTransition(before, action)).toEqual(after)
  })

  it('applyTransition removes the fields that end unset and says whether anything changed', () => {
    const p = paper({ key: 'p', state: 'to-read', priority: 2 })
    expect(applyTransition(p, { state: undefined, priority: undefined })).toBe(true)
    expect(Object.keys(p)).not.toContain('state')
    expect(Object.keys(p)).not.toContain('priority')
    expect(applyTransition(p, { state: undefined, priority: undefined })).toBe(false)
  })
})

describe('a summary written marks a queued paper read', () => {
  it.each<[Paper['state'] | undefined, number | undefined, Paper['state'] | undefined, boolean]>([
    ['to-read', 2, 'read', true],
    ['reading', undefined, 'read', true],
    ['read', undefined, 'read', false],
    [undefined, undefined, undefined, false],
  ])('%s (priority %s) → %s', (state, priority, after, changed) => {
    const p = paper({ key: 'p', ...(state && { state }), ...(priority && { priority }) })
    expect(summaryWritten(p)).toBe(changed)
    expect(p.state).toBe(after)
    expect(p.priority).toBeUndefined()
  })

  it('through addSummary, as precis add writes one', () => {
    const lib = libraryOf([paper({ key: 'gilmer2017neural', state: 'reading', priority: 1 })])
    addSummary(lib, lib.papers[0]!, { by: '', body: 'Notes', tags: [] }, new Date(), 'gilmer2017neural')
    expect(lib.papers[0]).toMatchObject({ state: 'read' })
    expect(lib.papers[0]!.priority).toBeUndefined()
  })
})

describe('readingState: a paper without one', () => {
  it.each<[Paper['state'] | undefined, boolean, ReturnType<typeof readingState>]>([
    [undefined, true, 'read'],
    [undefined, false, null],
    ['to-read', true, 'to-read'],
    ['read', false, 'read'],
  ])('state %s, summarised %s → %s', (state, summarised, expected) => {
    expect(readingState(state ? { state } : {}, summarised)).toBe(expected)
  })
})

describe('parsing the flags', () => {
  it.each([
    ['1', 1],
    [' 5 ', 5],
    ['3', 3],
  ])('priority %j → %d', (text, n) => expect(parsePriority(text, '--priority')).toBe(n))
  it.each(['0', '6', '2.5', 'high', '', '-1', '1e0'])('priority %j is refused', (text) => {
    expect(() => parsePriority(text, '--priority')).toThrow('--priority takes a whole number from 1 (read first) to 5 (read last)')
  })
})

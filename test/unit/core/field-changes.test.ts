import { describe, expect, it } from 'vitest'
import { applyFieldChanges, collidingFields, diffFields, sameValue, type FieldChange } from '../../../src/core/records/field-changes.js'

interface Rec {
  title: string
  year: number | null
  tags: string[]
  category?: string | null
}

const SETS: ReadonlySet<keyof Rec> = new Set(['tags'])
const rec = (fields: Partial<Rec> = {}): Rec => ({ title: 'Old', year: 2020, tags: ['a', 'b'], ...fields })

describe('sameValue', () => {
  it.each([
    ['text', 'text', true],
    ['text', 'Text', false],
    [null, undefined, true],
    [['a', 'b'], ['a', 'b'], true],
    [['a', 'b'], ['b', 'a'], false],
    [2020, '2020', false],
    [null, '', false],
  ])('%j and %j: %s', (a, b, same) => {
    expect(sameValue(a, b)).toBe(same)
  })
})

describe('diffFields', () => {
  it.each<[string, Rec, Rec, Rec, FieldChange<Rec>[]]>([
    ['nothing edited', rec(), rec(), rec(), []],
    ['one field edited', rec(), rec(), rec({ title: 'New' }), [{ field: 'title', before: 'Old', after: 'New' }]],
    [
      'the change begins at the stored value, not the one shown',
      rec({ title: 'Old ' }),
      rec(),
      rec({ title: 'New' }),
      [{ field: 'title', before: 'Old ', after: 'New' }],
    ],
    ['a field shown normalised and left alone is no change', rec({ title: 'Old ' }), rec(), rec(), []],
    ['tags reordered', rec(), rec(), rec({ tags: ['b', 'a'] }), [{ field: 'tags', before: ['a', 'b'], after: ['b', 'a'] }]],
    [
      'year cleared and title set',
      rec(),
      rec(),
      rec({ title: 'T', year: null }),
      [
        { field: 'title', before: 'Old', after: 'T' },
        { field: 'year', before: 2020, after: null },
      ],
    ],
  ])('%s', (_name, base, start, edited, changes) => {
    expect(diffFields(base, start, edited, ['title', 'year', 'tags'])).toEqual(changes)
  })
})

describe('collidingFields and applyFieldChanges: the change applied to the record as it is now', () => {
  const title = (before: string, after: string): FieldChange<Rec> => ({ field: 'title', before, after })
  const tags = (before: string[], after: string[]): FieldChange<Rec> => ({ field: 'tags', before, after })

  it.each<[string, Rec, FieldChange<Rec>[], (keyof Rec)[], Rec, boolean]>([
    ['nobody else changed it: the new value', rec(), [title('Old', 'New')], [], rec({ title: 'New' }), true],
    ['someone else made the same change: nothing to do', rec({ title: 'New' }), [title('Old', 'New')], [], rec({ title: 'New' }), false],
    [
      'someone else changed the field to another value: a collision',
      rec({ title: 'Theirs' }),
      [title('Old', 'New')],
      ['title'],
      rec({ title: 'Theirs' }),
      false,
    ],
    [
      'a field the change does not name keeps its value now',
      rec({ year: 1999, tags: ['z'] }),
      [title('Old', 'New')],
      [],
      rec({ title: 'New', year: 1999, tags: ['z'] }),
      true,
    ],
    [
      'tags nobody else changed: the list as edited, order included',
      rec(),
      [tags(['a', 'b'], ['b', 'a', 'c'])],
      [],
      rec({ tags: ['b', 'a', 'c'] }),
      true,
    ],
    [
      "tags changed meanwhile: both sides' additions and removals",
      rec({ tags: ['a', 'b', 'theirs'] }),
      [tags(['a', 'b'], ['a', 'mine'])],
      [],
      rec({ tags: ['a', 'theirs', 'mine'] }),
      true,
    ],
    [
      'a tag both sides removed, one both added',
      rec({ tags: ['a', 'c'] }),
      [tags(['a', 'b'], ['a', 'c'])],
      [],
      rec({ tags: ['a', 'c'] }),
      false,
    ],
    [
      'a tag removed meanwhile is not brought back by an edit of others',
      rec({ tags: ['b'] }),
      [tags(['a', 'b'], ['a', 'b', 'c'])],
      [],
      rec({ tags: ['b', 'c'] }),
      true,
    ],
    [
      'a field optional and absent counts as empty',
      rec(),
      [{ field: 'category', before: null, after: 'cs.LG' }],
      [],
      rec({ category: 'cs.LG' }),
      true,
    ],
  ])('%s', (_name, now, changes, colliding, after, changed) => {
    const record = structuredClone(now)
    expect(collidingFields(record, changes, SETS)).toEqual(colliding)
    if (colliding.length > 0) return
    expect(applyFieldChanges(record, changes, SETS)).toBe(changed)
    expect(record).toEqual(after)
  })

  it('without a set field, a list changed on both sides collides', () => {
    expect(collidingFields(rec({ tags: ['x'] }), [tags(['a', 'b'], ['a'])])).toEqual(['tags'])
  })
})

import { describe, expect, it } from 'vitest'
import { readTags } from '../../../src/formats/fields.js'

describe('readTags', () => {
  it('keeps the first of each tag, in the order given, in the stored form', () => {
    expect(readTags(['ML', '#graphs', 'deep  learning', 'ml', 'Graphs', 'b', 'deep-learning'])).toEqual({
      ok: true,
      value: ['ml', 'graphs', 'deep-learning', 'b'],
    })
  })

  it('names the first tag that breaks the rules', () => {
    expect(readTags(['fine', 'a//b'])).toEqual({ ok: false, reason: 'tag "a//b": it has an empty segment around "/"' })
  })
})

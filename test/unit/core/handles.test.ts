import { describe, expect, it } from 'vitest'
import { NotFoundError, UsageError } from '../../../src/core/errors.js'
import { resolveHandle, resolveSummaries } from '../../../src/core/records/handles.js'
import { libraryOf, paper, smallLibrary, summary } from '../../support/library.js'

describe('resolveHandle', () => {
  const lib = smallLibrary()
  it.each([
    ['gilmer2017neural-2', 'gilmer2017neural', ['gilmer2017neural-2']],
    ['gilmer2017neural', 'gilmer2017neural', ['gilmer2017neural', 'gilmer2017neural-2']],
    ['GILMER2017NEURAL-2', 'gilmer2017neural', ['gilmer2017neural-2']],
    ['gil', 'gilmer2017neural', ['gilmer2017neural', 'gilmer2017neural-2']],
    ['gilmer2017neural-', 'gilmer2017neural', ['gilmer2017neural-2']],
    ['ras', 'rasmussen2004gaussian', ['rasmussen2004gaussian']],
  ])('%s → paper %s, summaries %j', (handle, key, ids) => {
    const resolved = resolveHandle(lib, handle)
    expect(resolved.paper.key).toBe(key)
    expect(resolved.summaries.map((s) => s.id)).toEqual(ids)
  })

  it('names close candidates when nothing matches', () => {
    const error = (() => {
      try {
        resolveHandle(lib, 'gilmr2017neural')
      } catch (e) {
        return e as NotFoundError
      }
    })()
    expect(error).toBeInstanceOf(NotFoundError)
    expect(error?.details.join('\n')).toContain('gilmer2017neural')
  })

  it('lists the papers when a prefix reaches several', () => {
    const two = libraryOf([paper({ key: 'smith2020a' }), paper({ key: 'smith2021b' })])
    expect(() => resolveHandle(two, 'smith')).toThrow(UsageError)
    try {
      resolveHandle(two, 'smith')
    } catch (e) {
      expect((e as UsageError).details.map((d) => d.trim())).toEqual(['smith2020a', 'smith2021b'])
    }
  })

  describe('summaries whose paper is missing', () => {
    const orphans = libraryOf(
      [paper({ key: 'smith2020alpha' })],
      [
        summary({ id: 'smith2020alpha', paper: 'smith2020alpha' }),
        summary({ id: 'jones2019gone', paper: 'jones2019gone' }),
        summary({ id: 'jones2019gone-2', paper: 'jones2019gone' }),
      ],
    )
    it.each([
      ['jones', ['jones2019gone', 'jones2019gone-2']],
      ['JONES2019GONE', ['jones2019gone', 'jones2019gone-2']],
      ['jones2019gone-', ['jones2019gone-2']],
      ['jones2019gone-2', ['jones2019gone-2']],
    ])('%s → a stand-in paper with summaries %j', (handle, ids) => {
      const resolved = resolveHandle(orphans, handle)
      expect(resolved.paper).toMatchObject({ key: 'jones2019gone', title: '(missing paper jones2019gone)' })
      expect(resolved.summaries.map((s) => s.id)).toEqual(ids)
    })

    it('lists a missing paper among the papers a prefix reaches', () => {
      const two = libraryOf([paper({ key: 'jones2020here' })], [summary({ id: 'jones2019gone', paper: 'jones2019gone' })])
      expect(() => resolveHandle(two, 'jones')).toThrow(/matches 2 papers/)
    })
  })

  it('resolves a paper that has no summary yet to no summaries', () => {
    const lib2 = libraryOf([paper({ key: 'lone2020paper' })], [summary({ id: 'other2020x', paper: 'other' })])
    expect(resolveHandle(lib2, 'lone2020paper').summaries).toEqual([])
  })
})

describe('resolveSummaries', () => {
  it('de-duplicates summaries named twice, in order', () => {
    const ids = resolveSummaries(smallLibrary(), ['gilmer2017neural-2', 'gilmer', 'ras']).map((s) => s.id)
    expect(ids).toEqual(['gilmer2017neural-2', 'gilmer2017neural', 'rasmussen2004gaussian'])
  })
})

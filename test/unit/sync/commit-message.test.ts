import { describe, expect, it } from 'vitest'
import type { Library } from '../../../src/core/model.js'
import { moveToTrash, restoreFromTrash } from '../../../src/core/records/trash.js'
import { cutLines, describeChange, MAX_BODY_LINES } from '../../../src/sync/commit-message.js'
import { countChanges, diffLibraries, isUnchanged } from '../../../src/sync/library-diff.js'
import { libraryOf, paper, smallLibrary, summary } from '../../support/library.js'

const NOW = new Date('2026-11-26T12:00:00.000Z')

function changed(edit: (lib: Library) => void, start = smallLibrary()): { before: Library; after: Library } {
  const after = structuredClone(start)
  edit(after)
  return { before: start, after }
}

const find = (lib: Library, id: string) => lib.summaries.find((s) => s.id === id)!
const addOne = (id: string) => (lib: Library) => {
  lib.papers.push(paper({ key: id }))
  lib.summaries.push(summary({ id, paper: id }))
}
const withTrash = () => changed((lib) => void moveToTrash(lib, ['gilmer2017neural-2'], NOW)).after
/** A library whose paper `queued2021` has no summary. */
const withQueued = () => changed((lib) => void lib.papers.push(paper({ key: 'queued2021', state: 'to-read' }))).after
const withQueuedTrashed = () => changed((lib) => void moveToTrash(lib, [], NOW, ['queued2021']), withQueued()).after

describe('describeChange', () => {
  it.each<[string, (lib: Library) => void, string, Library?]>([
    ['an addition', addOne('hopper1952compiler'), 'add hopper1952compiler'],
    ['a removal to the trash', (lib) => void moveToTrash(lib, ['gilmer2017neural-2'], NOW), 'rm gilmer2017neural-2'],
    ['a restore', (lib) => void restoreFromTrash(lib, 'gilmer2017neural-2'), 'restore gilmer2017neural-2', withTrash()],
    ['emptying the trash', (lib) => void (lib.trash = []), 'empty trash (1 summary)', withTrash()],
    ['a paper removed alone', (lib) => void moveToTrash(lib, [], NOW, ['queued2021']), 'rm paper queued2021', withQueued()],
    ['a paper alone restored', (lib) => void restoreFromTrash(lib, 'queued2021'), 'restore paper queued2021', withQueuedTrashed()],
    ['a paper alone deleted for good', (lib) => void (lib.trash = []), 'empty trash (1 paper)', withQueuedTrashed()],
    [
      'a restore under a new id (the old one taken meanwhile), not an addition and a purge',
      (lib) => void restoreFromTrash(lib, 'gilmer2017neural-2'),
      'restore gilmer2017neural-3',
      changed(
        (lib) => void lib.summaries.push(summary({ id: 'gilmer2017neural-2', paper: 'gilmer2017neural', body: 'other' })),
        withTrash(),
      ).after,
    ],
    [
      'a body edit',
      (lib) => Object.assign(find(lib, 'gilmer2017neural'), { body: 'new', updated: NOW.toISOString() }),
      'edit gilmer2017neural (body)',
    ],
    ['a title edit', (lib) => void (lib.papers[0]!.title = 'New title'), 'edit gilmer2017neural (title)'],
    [
      'a paper queued',
      (lib) => void Object.assign(lib.papers[0]!, { state: 'to-read', priority: 1 }),
      'edit gilmer2017neural (state, priority)',
    ],
    [
      'a paper taken out of the queue',
      (lib) => {
        delete lib.papers[0]!.state
        delete lib.papers[0]!.priority
      },
      'edit gilmer2017neural (state, priority)',
      libraryOf([paper({ key: 'gilmer2017neural', state: 'to-read', priority: 1 })]),
    ],
    ['a tag change', (lib) => void (find(lib, 'gilmer2017neural').tags = ['gnn', 'mpnn']), 'tag gilmer2017neural +mpnn -chemistry'],
    [
      'one tag change on several summaries',
      (lib) => lib.summaries.forEach((s) => (s.tags = [...s.tags, 'thesis'])),
      'tags +thesis (3 summaries)',
    ],
    [
      'a queued paper tagged',
      (lib) => void (lib.papers.find((p) => p.key === 'queued2024x')!.tags = ['thesis']),
      'tag queued2024x +thesis',
      libraryOf([paper({ key: 'queued2024x', state: 'to-read' })]),
    ],
    [
      'one tag added to a paper alone and to a summary',
      (lib) => {
        lib.papers.find((p) => p.key === 'queued2024x')!.tags = ['thesis']
        find(lib, 'gilmer2017neural').tags.push('thesis')
      },
      'tags +thesis (2 entries)',
      changed((lib) => void lib.papers.push(paper({ key: 'queued2024x', state: 'to-read' }))).after,
    ],
    ['several additions', (lib) => ['a1', 'a2', 'a3', 'a4', 'a5'].forEach((id) => addOne(id)(lib)), 'add a1, a2, a3 and 2 more'],
    ['an id with a line break', addOne('evil\nSigned-off-by: x'), 'add evil Signed-off-by: x'],
  ])('tells %s', (_, edit, subject, start) => {
    const { before, after } = changed(edit, start)
    expect(describeChange(diffLibraries(before, after))?.subject).toBe(subject)
  })

  it('lists every record in the body when the subject shortens the list', () => {
    const { before, after } = changed((lib) => ['a1', 'a2', 'a3', 'a4'].forEach((id) => addOne(id)(lib)))
    expect(describeChange(diffLibraries(before, after))?.body).toBe('add a1\nadd a2\nadd a3\nadd a4')
  })

  it('is null when the records are the same, in whatever order', () => {
    const { before, after } = changed((lib) => lib.summaries.reverse())
    expect(isUnchanged(diffLibraries(before, after))).toBe(true)
    expect(describeChange(diffLibraries(before, after))).toBeNull()
  })
})

describe('cutLines', () => {
  it.each<[string, string[], number, string[]]>([
    ['none', [], 3, []],
    ['fewer than the limit', ['a', 'b'], 3, ['a', 'b']],
    ['exactly the limit', ['a', 'b', 'c'], 3, ['a', 'b', 'c']],
    ['one more than the limit', ['a', 'b', 'c', 'd'], 3, ['a', 'b', '… and 2 more']],
    ['many more', ['a', 'b', 'c', 'd', 'e', 'f'], 3, ['a', 'b', '… and 4 more']],
  ])('%s', (_, lines, max, cut) => {
    expect(cutLines(lines, max)).toEqual(cut)
  })
})

describe('describeChange at 100,000 summaries', () => {
  // Made afresh for each side (as two versions are parsed), not cloned: a structuredClone of 100,000 records was 1.4 s of the test.
  const many = (n: number, tags = ['ml']) => {
    const papers = Array.from({ length: n }, (_, i) => paper({ key: `p${i}` }))
    return libraryOf(
      papers,
      papers.map((p) => summary({ id: p.key, paper: p.key, tags })),
    )
  }
  const big = many(100_000)

  it('adding them all: a short subject, a body cut to the limit with a count', () => {
    const message = describeChange(diffLibraries(libraryOf([]), big))!
    expect(message.subject).toBe('add p0, p1, p2 and 99997 more')
    const body = message.body.split('\n')
    expect(body).toHaveLength(MAX_BODY_LINES)
    expect(body.at(-1)).toBe(`… and ${100_000 - MAX_BODY_LINES + 1} more`)
    expect(message.body.length).toBeLessThan(128 * 1024) // under one argument's limit, though it goes through stdin
  })

  it('one tag on all of them', () => {
    expect(describeChange(diffLibraries(big, many(100_000, ['ml', 'bulk'])))?.subject).toBe('tags +bulk (100000 summaries)')
  })
})

describe('countChanges', () => {
  it('counts summaries added, changed (also through their paper) and removed', () => {
    const { before, after } = changed((lib) => {
      addOne('hopper1952compiler')(lib)
      lib.papers[0]!.year = 2018 // gilmer2017neural has two summaries
      moveToTrash(lib, ['rasmussen2004gaussian'], NOW)
    })
    expect(countChanges(diffLibraries(before, after), after)).toEqual({ added: 1, changed: 2, removed: 1 })
  })
})

import { describe, expect, it } from 'vitest'
import type { Library } from '../../../src/core/model.js'
import { moveToTrash, restoreFromTrash } from '../../../src/core/trash.js'
import { describeChange } from '../../../src/sync/commit-message.js'
import { countChanges, diffLibraries, isUnchanged } from '../../../src/sync/library-diff.js'
import { paper, smallLibrary, summary } from '../../support/library.js'

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

describe('describeChange', () => {
  it.each<[string, (lib: Library) => void, string, Library?]>([
    ['an addition', addOne('hopper1952compiler'), 'add hopper1952compiler'],
    ['a removal to the trash', (lib) => void moveToTrash(lib, ['gilmer2017neural-2'], NOW), 'rm gilmer2017neural-2'],
    ['a restore', (lib) => void restoreFromTrash(lib, 'gilmer2017neural-2'), 'restore gilmer2017neural-2', withTrash()],
    ['emptying the trash', (lib) => void (lib.trash = []), 'empty trash (1 summary)', withTrash()],
    ['a body edit', (lib) => Object.assign(find(lib, 'gilmer2017neural'), { body: 'new', updated: NOW.toISOString() }), 'edit gilmer2017neural (body)'],
    ['a title edit', (lib) => void (lib.papers[0]!.title = 'New title'), 'edit gilmer2017neural (title)'],
    ['a tag change', (lib) => void (find(lib, 'gilmer2017neural').tags = ['gnn', 'mpnn']), 'tag gilmer2017neural +mpnn -chemistry'],
    [
      'one tag change on several summaries',
      (lib) => lib.summaries.forEach((s) => (s.tags = [...s.tags, 'thesis'])),
      'tags +thesis (3 summaries)',
    ],
    [
      'several additions',
      (lib) => ['a1', 'a2', 'a3', 'a4', 'a5'].forEach((id) => addOne(id)(lib)),
      'add a1, a2, a3 and 2 more',
    ],
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

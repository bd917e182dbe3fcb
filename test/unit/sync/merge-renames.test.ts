import { describe, expect, it } from 'vitest'
import { findRenames } from '../../../src/core/merge/renames.js'
import { mergeLibraries } from '../../../src/core/merge/three-way.js'
import type { Library } from '../../../src/core/model.js'
import { addSummary } from '../../../src/core/papers/papers.js'
import { renamePaper } from '../../../src/core/papers/rename-paper.js'
import { validateLibrary } from '../../../src/core/schema/schema.js'
import { moveToTrash } from '../../../src/core/records/trash.js'
import { paper, smallLibrary, summary } from '../../support/library.js'

const NOW = new Date('2026-11-26T12:00:00.000Z')
const LATER = '2025-06-01T00:00:00.000Z'

/** `base` with gilmer2017neural cited by rasmussen2004gaussian. */
function baseLibrary(): Library {
  const lib = smallLibrary()
  lib.summaries[2]!.body = 'Compare [@gilmer2017neural].\n'
  return lib
}

function edited(lib: Library, edit: (lib: Library) => void): Library {
  const copy = structuredClone(lib)
  edit(copy)
  return copy
}

const rekey = (from: string, to: string) => (lib: Library) => void Object.assign(lib, renamePaper(lib, from, to).library)
const editBody = (id: string, body: string) => (lib: Library) => {
  const s = lib.summaries.find((x) => x.id === id)!
  Object.assign(s, { body, updated: LATER })
}

function merge(base: Library, ours: Library, theirs: Library): Library {
  const { library } = mergeLibraries(base, ours, theirs, NOW)
  validateLibrary(library, 'merged')
  return library
}

const ids = (lib: Library) => lib.summaries.map((s) => [s.id, s.paper])

describe('a merge where one side renamed a paper', () => {
  const base = baseLibrary()

  it.each([
    ['ours renamed, theirs edited', 'ours'],
    ['theirs renamed, ours edited', 'theirs'],
  ])('%s: the edited summary ends under the new key, once', (_, renamer) => {
    const renamedSide = edited(base, rekey('gilmer2017neural', 'mpnn'))
    const editedSide = edited(base, editBody('gilmer2017neural-2', 'Edited, citing [@gilmer2017neural].\n'))
    const library = renamer === 'ours' ? merge(base, renamedSide, editedSide) : merge(base, editedSide, renamedSide)
    expect(library.papers.map((p) => p.key)).toEqual(['mpnn', 'rasmussen2004gaussian'])
    expect(ids(library)).toEqual([
      ['mpnn', 'mpnn'],
      ['mpnn-2', 'mpnn'],
      ['rasmussen2004gaussian', 'rasmussen2004gaussian'],
    ])
    expect(library.summaries[1]!.body).toBe('Edited, citing [@mpnn].\n')
    expect(library.summaries[2]!.body).toBe('Compare [@mpnn].\n')
  })

  it('a summary added to the old key on the other side follows the paper', () => {
    const ours = edited(base, rekey('gilmer2017neural', 'mpnn'))
    const theirs = edited(base, (lib) => void addSummary(lib, lib.papers[0]!, { by: '', body: 'third', tags: [] }, NOW))
    const library = merge(base, ours, theirs)
    expect(ids(library).filter(([, key]) => key !== 'rasmussen2004gaussian')).toEqual([
      ['mpnn', 'mpnn'],
      ['mpnn-2', 'mpnn'],
      ['mpnn-3', 'mpnn'],
    ])
  })

  it('both renamed to different keys: ours holds, one paper', () => {
    const library = merge(base, edited(base, rekey('gilmer2017neural', 'mpnn')), edited(base, rekey('gilmer2017neural', 'gilmer2017mpnn')))
    expect(library.papers.map((p) => p.key)).toEqual(['mpnn', 'rasmussen2004gaussian'])
    expect(library.summaries).toHaveLength(3)
  })

  it('both renamed to the same key', () => {
    const both = edited(base, rekey('gilmer2017neural', 'mpnn'))
    expect(merge(base, both, structuredClone(both)).papers.map((p) => p.key)).toEqual(['mpnn', 'rasmussen2004gaussian'])
  })

  it('renamed on one side, trashed on the other: the trash follows the new key', () => {
    const theirs = edited(base, (lib) => void moveToTrash(lib, ['gilmer2017neural', 'gilmer2017neural-2'], NOW))
    const library = merge(base, edited(base, rekey('gilmer2017neural', 'mpnn')), theirs)
    expect(library.papers.map((p) => p.key)).toEqual(['rasmussen2004gaussian'])
    expect(library.trash.map((e) => [e.summary?.id, e.paper?.key ?? null])).toEqual([
      ['mpnn', 'mpnn'],
      ['mpnn-2', null],
    ])
  })
})

describe('findRenames', () => {
  const base = baseLibrary()

  it('finds a rename by its traces', () => {
    expect(findRenames(base, edited(base, rekey('gilmer2017neural', 'mpnn')))).toEqual(new Map([['gilmer2017neural', 'mpnn']]))
  })

  it('does not take a deleted paper and a new one for a rename', () => {
    const side = edited(base, (lib) => {
      lib.papers.shift()
      lib.summaries = lib.summaries.filter((s) => s.paper !== 'gilmer2017neural')
      lib.papers.push(paper({ key: 'new2026x', added: NOW.toISOString() }))
      lib.summaries.push(summary({ id: 'new2026x', paper: 'new2026x' }))
    })
    expect(findRenames(base, side).size).toBe(0)
  })
})

describe('keys that differ only in case, added on each side', () => {
  it('theirs takes a fresh key, its summaries with it', () => {
    const start = { ...baseLibrary(), papers: [], summaries: [] }
    const add = (key: string, title: string) => (lib: Library) => {
      lib.papers.push(paper({ key, title, authors: ['Li Chen'], year: 2017 }))
      lib.summaries.push(summary({ id: key, paper: key }))
    }
    const library = merge(start, edited(start, add('Chen_2017', 'Deep nets')), edited(start, add('chen_2017', 'Sparse kernels')))
    expect(library.papers.map((p) => p.key)).toEqual(['Chen_2017', 'chen2017sparse'])
    expect(ids(library)).toEqual([
      ['Chen_2017', 'Chen_2017'],
      ['chen2017sparse', 'chen2017sparse'],
    ])
  })
})

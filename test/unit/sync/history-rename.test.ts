import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Library } from '../../../src/core/model.js'
import { addSummary } from '../../../src/core/papers/papers.js'
import { renamePaper } from '../../../src/core/papers/rename-paper.js'
import { serializeLibrary } from '../../../src/store/serialize.js'
import { summaryHistory } from '../../../src/sync/history.js'
import { idBefore, renamesIn } from '../../../src/sync/rename-trail.js'
import { findLibraryRepo } from '../../../src/sync/repo.js'
import { tempDir } from '../../support/context.js'
import { smallLibrary } from '../../support/library.js'
import { git, gitSandbox } from './git-sandbox.js'

const env = gitSandbox()

describe('renamesIn', () => {
  it.each([
    ['rekey gilmer2017neural mpnn', [{ from: 'gilmer2017neural', to: 'mpnn' }]],
    ['add x; edit y (body)\n\nThe last change: rekey a b\n\nIncludes changes saved before', [{ from: 'a', to: 'b' }]],
    [
      'rekey a b; rekey b c',
      [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
      ],
    ],
    ['identify untitled-3fa9: rekey untitled-3fa9 gilmer2017neural', [{ from: 'untitled-3fa9', to: 'gilmer2017neural' }]],
    ['edit rekey (body)', []],
    ['add surekey x y', []],
  ])('%j → %j', (message, renames) => expect(renamesIn(message)).toEqual(renames))

  it.each([
    ['mpnn', 'gilmer2017neural'],
    ['mpnn-2', 'gilmer2017neural-2'],
    ['mpnnx', 'mpnnx'],
    ['mpnn-conflict-2', 'gilmer2017neural-conflict-2'],
    ['mpnn-gnn', 'mpnn-gnn'],
    ['other', 'other'],
  ])('the id %s was %s before the rename', (id, before) => {
    expect(idBefore(id, { from: 'gilmer2017neural', to: 'mpnn' })).toBe(before)
  })
})

describe('summaryHistory across a rename', () => {
  it('finds the versions from before the rename under the old id, and not those of a paper that took the old key later', async () => {
    const dir = tempDir('precis-history-')
    git(env, dir, 'init', '--quiet', '--initial-branch=main')
    const file = join(dir, 'library.json')
    const commit = (lib: Library, message: string) => {
      writeFileSync(file, [...serializeLibrary(lib)].join(''))
      git(env, dir, 'add', 'library.json')
      git(env, dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '-m', message)
    }
    let lib = smallLibrary()
    commit(lib, 'add all')
    lib.summaries[1]!.body = 'Before the rename.\n'
    commit(lib, 'edit gilmer2017neural-2 (body)')
    lib = renamePaper(lib, 'gilmer2017neural', 'mpnn').library
    commit(lib, 'rekey gilmer2017neural mpnn')
    lib.summaries[1]!.body = 'After the rename.\n'
    commit(lib, 'edit mpnn-2 (body)')
    addSummary(
      lib,
      { title: 'Another paper', authors: ['Justin Gilmer'], year: 2017, venue: null, arxiv: null, doi: null, url: null, abstract: null },
      { by: '', body: 'x', tags: [] },
      new Date(),
    )
    lib.papers[2]!.key = 'gilmer2017neural' // the old key, taken by another paper
    lib.summaries[3]!.paper = 'gilmer2017neural'
    lib.summaries[3]!.id = 'gilmer2017neural-2'
    commit(lib, 'add gilmer2017neural-2')

    const repo = (await findLibraryRepo(file, env))!
    const versions = await summaryHistory(repo, 'mpnn-2')
    expect(versions.map((v) => [v.message, v.summary?.id, v.changed])).toEqual([
      ['edit mpnn-2 (body)', 'mpnn-2', ['body']],
      ['rekey gilmer2017neural mpnn', 'mpnn-2', ['renamed from gilmer2017neural-2']],
      ['edit gilmer2017neural-2 (body)', 'gilmer2017neural-2', ['body']],
      ['add all', 'gilmer2017neural-2', ['added']],
    ])
    // The old id's own history: the paper's past, its rename, then the other paper's summary.
    const old = await summaryHistory(repo, 'gilmer2017neural-2')
    expect(old.map((v) => [v.message, v.changed])).toEqual([
      ['add gilmer2017neural-2', ['added']],
      ['rekey gilmer2017neural mpnn', ['renamed to mpnn-2']],
      ['edit gilmer2017neural-2 (body)', ['body']],
      ['add all', ['added']],
    ])
  })
})

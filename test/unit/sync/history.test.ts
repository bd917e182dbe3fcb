import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Library } from '../../../src/core/model.js'
import { moveToTrash, restoreFromTrash } from '../../../src/core/records/trash.js'
import { serializeLibrary } from '../../../src/store/serialize.js'
import { readObjects } from '../../../src/sync/blobs.js'
import { Git } from '../../../src/sync/git.js'
import { recordState, summaryHistory } from '../../../src/sync/history.js'
import { findLibraryRepo } from '../../../src/sync/repo.js'
import { tempDir } from '../../support/context.js'
import { smallLibrary } from '../../support/library.js'
import { git, gitSandbox } from './git-sandbox.js'

const env = gitSandbox()
const NOW = new Date('2026-11-26T12:00:00.000Z')
const stable = (lib: Library) => Buffer.from([...serializeLibrary(lib)].join(''))
const trashed = () => {
  const lib = smallLibrary()
  moveToTrash(lib, ['gilmer2017neural-2', 'rasmussen2004gaussian'], NOW)
  return lib
}

describe('recordState', () => {
  const lib = smallLibrary()
  it.each<[string, Buffer | null, string, string, string | null]>([
    ['a live summary (stable form)', stable(lib), 'gilmer2017neural', 'present', 'Neural Message Passing for Quantum Chemistry'],
    ['an id that is the prefix of another', stable(lib), 'gilmer2017neural-2', 'present', 'Neural Message Passing for Quantum Chemistry'],
    [
      'a trashed summary whose paper stayed',
      stable(trashed()),
      'gilmer2017neural-2',
      'trashed',
      'Neural Message Passing for Quantum Chemistry',
    ],
    [
      'a trashed summary that took its paper',
      stable(trashed()),
      'rasmussen2004gaussian',
      'trashed',
      'Gaussian Processes in Machine Learning',
    ],
    ['a summary not in the file', stable(lib), 'hopper1952compiler', 'absent', null],
    [
      'a file in another layout',
      Buffer.from(JSON.stringify(lib)),
      'rasmussen2004gaussian',
      'present',
      'Gaussian Processes in Machine Learning',
    ],
    ['a damaged file', Buffer.from('{"summaries": [{"id": "gilmer2017neural", '), 'gilmer2017neural', 'absent', null],
    ['no file', null, 'gilmer2017neural', 'absent', null],
  ])('reads %s', (_, text, id, state, title) => {
    const found = recordState(text, id)
    expect(found.state).toBe(state)
    expect(found.summary?.id ?? null).toBe(state === 'absent' ? null : id)
    expect(found.paper?.title ?? null).toBe(title)
  })
})

describe('readObjects', () => {
  it('streams every version asked for, large ones whole, and null for a name that does not exist', async () => {
    const dir = tempDir('precis-blobs-')
    git(env, dir, 'init', '--quiet', '--initial-branch=main')
    const large = 'x'.repeat(3 * 1024 * 1024) + '\n'
    writeFileSync(join(dir, 'big.txt'), large)
    writeFileSync(join(dir, 'small.txt'), 'small\n')
    git(env, dir, 'add', '.')
    git(env, dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '-m', 'files')
    const got: (string | null)[] = []
    for await (const blob of readObjects(new Git(dir, env), ['HEAD:big.txt', 'HEAD:missing.txt', 'HEAD:small.txt', 'HEAD:big.txt'])) {
      got.push(blob === null ? null : blob.toString('utf8'))
    }
    expect(got.map((b) => b?.length ?? null)).toEqual([large.length, null, 6, large.length])
    expect(got[0]).toBe(large)
  })
})

describe('summaryHistory', () => {
  it('lists the versions of one summary with their messages, newest first', async () => {
    const dir = tempDir('precis-history-')
    git(env, dir, 'init', '--quiet', '--initial-branch=main')
    const file = join(dir, 'library.json')
    const commit = (lib: Library, message: string) => {
      writeFileSync(file, stable(lib))
      git(env, dir, 'add', 'library.json')
      git(env, dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '--allow-empty', '-m', message)
    }
    const lib = smallLibrary()
    commit(lib, 'add all')
    lib.summaries[2]!.body = 'Edited.\n'
    commit(lib, 'edit rasmussen2004gaussian (body)')
    lib.summaries[0]!.body = 'Not this one.\n'
    commit(lib, 'edit gilmer2017neural (body)')
    lib.papers[1]!.year = 2006
    commit(lib, 'edit rasmussen2004gaussian (year)')
    moveToTrash(lib, ['rasmussen2004gaussian'], NOW)
    commit(lib, 'rm rasmussen2004gaussian')
    restoreFromTrash(lib, 'rasmussen2004gaussian')
    commit(lib, 'restore rasmussen2004gaussian')

    const versions = await summaryHistory((await findLibraryRepo(file, env))!, 'rasmussen2004gaussian')
    expect(versions.map((v) => [v.message, v.state, v.changed])).toEqual([
      ['restore rasmussen2004gaussian', 'present', ['restored']],
      ['rm rasmussen2004gaussian', 'trashed', ['removed']],
      ['edit rasmussen2004gaussian (year)', 'present', ['paper.year']],
      ['edit rasmussen2004gaussian (body)', 'present', ['body']],
      ['add all', 'present', ['added']],
    ])
    expect(versions[3]!.summary!.body).toBe('Edited.\n')
    expect(versions[4]!.summary!.body).toBe(smallLibrary().summaries[2]!.body)
    expect(versions[0]!.commit).toBe(git(env, dir, 'rev-parse', 'HEAD'))
  })
})

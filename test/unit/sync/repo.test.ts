import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { emptyLibrary } from '../../../src/core/model.js'
import { serializeLibrary } from '../../../src/store/serialize.js'
import { findLibraryRepo, headLibrary } from '../../../src/sync/repo.js'
import { tempDir } from '../../support/context.js'
import { smallLibrary } from '../../support/library.js'
import { git, gitSandbox } from './git-sandbox.js'

const env = gitSandbox()

describe('headLibrary', () => {
  it('reads the library HEAD has now, after each commit made while the repository is at hand', async () => {
    const dir = tempDir('precis-repo-')
    git(env, dir, 'init', '--quiet', '--initial-branch=main')
    const commit = (...args: string[]) => git(env, dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', ...args)
    const repo = (await findLibraryRepo(join(dir, 'library.json'), env))!
    expect(await headLibrary(repo)).toEqual(emptyLibrary()) // no commit yet

    writeFileSync(join(dir, 'library.json'), 'not json\n')
    git(env, dir, 'add', 'library.json')
    commit('-m', 'broken')
    await expect(headLibrary(repo)).rejects.toThrow('library.json at HEAD')

    writeFileSync(join(dir, 'library.json'), [...serializeLibrary(smallLibrary())].join(''))
    commit('-am', 'fixed')
    expect(await headLibrary(repo)).toEqual(smallLibrary())

    git(env, dir, 'rm', '--quiet', 'library.json')
    commit('-m', 'gone')
    expect(await headLibrary(repo)).toEqual(emptyLibrary()) // a commit without the file
  })
})

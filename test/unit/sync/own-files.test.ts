import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ignoreLines, isOwnFile, mergeableCommit, trackedOwnFiles } from '../../../src/sync/own-files.js'
import { commitWithLibrary, findLibraryRepo } from '../../../src/sync/repo.js'
import { tempDir } from '../../support/context.js'
import { git, gitSandbox } from './git-sandbox.js'

const env = gitSandbox()

describe('isOwnFile', () => {
  it.each([
    ['library.json.lock', 'library.json', true],
    ['library.json.lock.break', 'library.json', true],
    ['library.json.bak', 'library.json', true],
    ['.library.json.tmp-123-abc', 'library.json', true],
    ['.library.json.bak-9-f0', 'library.json', true],
    ['recovered/edit.md', 'library.json', true],
    ['library.json.lock/planted', 'library.json', true],
    ['library.json.bakery', 'library.json', false],
    ['library.json', 'library.json', false],
    ['.gitattributes', 'library.json', false],
    ['other.json.lock', 'library.json', false],
    ['sub/library.json.lock', 'library.json', false],
    ['notes/papers/library.json.bak', 'notes/papers/library.json', true],
    ['library.json.bak', 'notes/papers/library.json', false],
    ['notes/papers/library.json', 'notes/papers/library.json', false],
  ])('%s beside %s: %s', (path, rel, own) => {
    expect(isOwnFile(path, rel)).toBe(own)
  })
})

describe('ignoreLines', () => {
  it.each([
    ['', 'library.json'],
    ['notes/papers/', 'library.json'],
    ['odd [dir]*/', 'lib?.json'],
  ])('anchored at %j, git ignores exactly the files isOwnFile names', (folder, name) => {
    const dir = tempDir('precis-own-')
    git(env, dir, 'init', '--quiet')
    writeFileSync(join(dir, '.git', 'info', 'exclude'), ignoreLines(name, folder).join('\n') + '\n')
    const rel = folder + name
    const samples = [
      `${name}.lock`,
      `${name}.lock.break`,
      `${name}.bak`,
      `.${name}.tmp-1-a`,
      `.${name}.bak-2-b`,
      'recovered/x.md',
      name,
      `${name}.json`,
      'lock',
    ]
    for (const sample of samples.map((s) => folder + s)) {
      const ignored = (() => {
        try {
          return git(env, dir, 'check-ignore', '--no-index', '--', sample) !== ''
        } catch {
          return false // exit 1: not ignored
        }
      })()
      expect(ignored, sample).toBe(isOwnFile(sample, rel))
    }
  })
})

describe('mergeableCommit', () => {
  it('is the fetched commit itself when it tracks none of precis’s files, else a child that untracks them', async () => {
    const dir = tempDir('precis-own-')
    git(env, dir, 'init', '--quiet', '--initial-branch=main')
    const commit = (message: string) =>
      git(env, dir, '-c', 'user.name=T', '-c', 'user.email=t@example.org', 'commit', '--quiet', '-m', message)
    writeFileSync(join(dir, 'library.json'), '{}\n')
    git(env, dir, 'add', 'library.json')
    commit('library')
    const repo = (await findLibraryRepo(join(dir, 'library.json'), env))!
    const first = git(env, dir, 'rev-parse', 'HEAD')
    expect(await mergeableCommit(repo, first)).toEqual({ commit: first, untracked: [] })

    mkdirSync(join(dir, 'recovered'))
    for (const name of ['library.json.lock', 'recovered/a*b.md', 'notes.md']) writeFileSync(join(dir, name), 'x\n')
    git(env, dir, 'add', '--force', '.')
    commit('everything')
    const fetched = git(env, dir, 'rev-parse', 'HEAD')
    const { commit: child, untracked } = await mergeableCommit(repo, fetched)
    expect(untracked.sort()).toEqual(['library.json.lock', 'recovered/a*b.md'])
    expect(git(env, dir, 'rev-parse', `${child}^`)).toBe(fetched)
    expect(git(env, dir, 'ls-tree', '-r', '--name-only', child).split('\n')).toEqual(['library.json', 'notes.md'])
    expect(await trackedOwnFiles(repo, null)).toHaveLength(2) // the index was not touched
    expect((await mergeableCommit(repo, fetched)).commit).toBe(child) // the same commit each time: nothing new to merge
  })
})

describe('trackedOwnFiles of a commit whose library folder was read with it', () => {
  it.each([
    ['library.json', ['library.json.bak', '.library.json.tmp-1-a', 'library.json.bakery', 'sub/library.json.lock', 'notes.md'], []],
    ['notes/papers/library.json', ['notes/papers/library.json.bak', 'notes/papers/.library.json.bak-2-b', 'library.json.bak'], []],
    ['library.json', ['library.json.bak'], ['library.json.lock.break']], // a link
    ['library.json', ['library.json.bak', 'recovered/a.md', 'recovered/deep/b.md'], []], // an own folder: ls-tree's listing
    ['notes/library.json', ['notes/library.json.lock/planted', 'notes/library.json.bak'], []],
  ])('%s: as ls-tree -r lists them, in its order', async (rel, files, links) => {
    const dir = tempDir('precis-own-tree-')
    git(env, dir, 'init', '--quiet', '--initial-branch=main')
    for (const path of [rel, ...files]) {
      mkdirSync(join(dir, path, '..'), { recursive: true })
      writeFileSync(join(dir, path), '{}\n')
    }
    for (const path of links) symlinkSync('elsewhere', join(dir, path))
    git(env, dir, 'add', '--force', '.')
    git(env, dir, '-c', 'user.name=T', '-c', 'user.email=t@example.org', 'commit', '--quiet', '-m', 'all')
    const listed = git(env, dir, 'ls-tree', '-r', '--name-only', 'HEAD')
      .split('\n')
      .filter((path) => isOwnFile(path, rel))
    const read = (await findLibraryRepo(join(dir, rel), env))!
    const commit = (await commitWithLibrary(read, 'HEAD', true))!
    expect(await trackedOwnFiles(read, commit)).toEqual(listed)
    expect(listed.length).toBeGreaterThan(0)
  })
})

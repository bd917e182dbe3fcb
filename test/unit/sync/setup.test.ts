import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Git } from '../../../src/sync/git.js'
import { findLibraryRepo } from '../../../src/sync/repo.js'
import { ignoreLines } from '../../../src/sync/own-files.js'
import { attributeLine, driverCommand, ensureSyncSetup, syncIsOn } from '../../../src/sync/setup.js'
import { tempDir } from '../../support/context.js'
import { git, gitSandbox } from './git-sandbox.js'

const env = gitSandbox()

function repository(): string {
  const dir = tempDir('precis-setup-')
  git(env, dir, 'init', '--quiet', '--initial-branch=main')
  return dir
}

describe('attributeLine and ignoreLines', () => {
  it.each(['library.json', 'my papers.json', 'lib[1]*.json', 'q"uote\\d.json', 'tail .json'])(
    'git reads them as naming exactly %j',
    (name) => {
      const dir = repository()
      writeFileSync(join(dir, '.gitattributes'), attributeLine(name) + '\n')
      writeFileSync(join(dir, '.gitignore'), ignoreLines(name).join('\n') + '\n')
      const merge = (path: string) => git(env, dir, 'check-attr', '-z', 'merge', '--', path).split('\0')[2] // NUL-separated: no quoting
      expect(merge(name)).toBe('precis')
      expect(merge('other.json')).toBe('unspecified')
      expect(merge(`sub/${name}`)).toBe('unspecified')
      for (const kept of [`${name}.lock`, `${name}.bak`, `.${name}.tmp-123-abc`, `.${name}.bak-9-f0`, 'recovered/x.md']) {
        expect(git(env, dir, 'check-ignore', '--no-index', '--', kept), kept).not.toBe('') // exit 1 (a throw) when not ignored
      }
      expect(() => git(env, dir, 'check-ignore', '--no-index', '--', name)).toThrow() // the library itself is never ignored
    },
  )
})

describe('ensureSyncSetup', () => {
  it('writes what is missing once, keeps what the person wrote, and repairs a stale driver', async () => {
    const dir = repository()
    writeFileSync(join(dir, '.gitignore'), 'notes/\n')
    const repo = (await findLibraryRepo(join(dir, 'library.json'), env))!
    expect(await syncIsOn(repo)).toBe(false)
    expect(await ensureSyncSetup(repo)).toEqual([
      '.git/info/attributes',
      '.git/info/exclude',
      '.gitattributes',
      '.gitignore',
      'the merge driver in git config',
    ])
    expect(await syncIsOn(repo)).toBe(true)
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^notes\/\n\n# precis/)
    expect(git(env, dir, 'config', '--get', 'merge.precis.driver')).toBe(driverCommand())
    expect(await ensureSyncSetup(repo)).toEqual([])

    git(env, dir, 'config', 'merge.precis.driver', 'true')
    const later = (await findLibraryRepo(join(dir, 'library.json'), env))! // the next command, which reads git's config afresh
    expect(await ensureSyncSetup(later)).toEqual(['the merge driver in git config'])
    expect(git(env, dir, 'config', '--get', 'merge.precis.driver')).toBe(driverCommand())
  })

  it('keeps sync on and the driver in force whatever a commit does to .gitattributes', async () => {
    const dir = repository()
    const repo = (await findLibraryRepo(join(dir, 'library.json'), env))!
    await ensureSyncSetup(repo)
    const attr = (name: string) => git(env, dir, 'check-attr', name, '--', 'library.json').split(': ').at(-1)
    writeFileSync(join(dir, '.gitattributes'), '/library.json -merge working-tree-encoding=UTF-16 filter=lfs text eol=crlf\n')
    expect(await syncIsOn(repo)).toBe(true) // from .git/info/attributes
    expect([attr('merge'), attr('working-tree-encoding'), attr('filter'), attr('text'), attr('eol')]).toEqual([
      'precis',
      'unset',
      'unset',
      'unset',
      'unset',
    ])
  })

  it('takes out of .gitattributes the lines that give the library another merge, and only those', async () => {
    const dir = repository()
    const repo = (await findLibraryRepo(join(dir, 'library.json'), env))!
    await ensureSyncSetup(repo)
    const mine = ['*.md diff=markdown', '/library.json diff', '/library.json.bak binary', '/library.jsonx -merge']
    const theirs = ['/library.json -merge', '/library.json merge=ours', '/library.json binary', '/library.json\t!merge']
    writeFileSync(join(dir, '.gitattributes'), [...mine, attributeLine('library.json'), ...theirs].join('\n') + '\n')
    expect(await ensureSyncSetup(repo)).toEqual([
      '.gitattributes (removed "/library.json -merge", "/library.json merge=ours", "/library.json binary" and 1 more)',
    ])
    expect(readFileSync(join(dir, '.gitattributes'), 'utf8')).toBe([...mine, attributeLine('library.json')].join('\n') + '\n')
    expect(await ensureSyncSetup(repo)).toEqual([])
  })

  it('stops tracking precis’s own files that are in the index, and keeps them', async () => {
    const dir = repository()
    const repo = (await findLibraryRepo(join(dir, 'library.json'), env))!
    await ensureSyncSetup(repo)
    for (const name of ['library.json', 'library.json.lock', 'library.json.bak']) writeFileSync(join(dir, name), 'x\n')
    git(env, dir, 'add', '--force', 'library.json', 'library.json.lock', 'library.json.bak')
    expect(await ensureSyncSetup(repo)).toEqual(['stopped tracking library.json.bak, library.json.lock'])
    expect(git(env, dir, 'ls-files')).toBe('library.json')
    expect(readFileSync(join(dir, 'library.json.lock'), 'utf8')).toBe('x\n')
  })

  it('adopts a repository the library folder is inside', async () => {
    const top = repository()
    expect(await findLibraryRepo(join(top, 'notes', 'papers', 'library.json'), env)).toBeNull() // the folder is not there yet
    mkdirSync(join(top, 'notes', 'papers'), { recursive: true })
    const found = (await findLibraryRepo(join(top, 'notes', 'papers', 'library.json'), env))!
    expect(found.rel).toBe('notes/papers/library.json')
    await ensureSyncSetup(found)
    expect(git(env, top, 'check-attr', 'merge', '--', 'notes/papers/library.json')).toBe('notes/papers/library.json: merge: precis')
  })
})

describe('Git', () => {
  it('gives a fallback identity only for what is not configured', async () => {
    const dir = repository()
    const fresh = new Git(dir, env)
    expect(await fresh.identityOptions()).toEqual(['-c', 'user.name=precis', '-c', 'user.email=precis@localhost'])
    git(env, dir, 'config', 'user.email', 'ada@example.org')
    expect(await new Git(dir, env).identityOptions()).toEqual(['-c', 'user.name=precis'])
    git(env, dir, 'config', 'user.name', 'Ada')
    expect(await new Git(dir, env).identityOptions()).toEqual([])
  })

  it('works on the folder it was given even when GIT_DIR points elsewhere (precis run from a git hook)', async () => {
    const [mine, other] = [repository(), repository()]
    const result = await new Git(mine, { ...env, GIT_DIR: join(other, '.git') }).ok(['rev-parse', '--show-toplevel'])
    expect(result.trim()).toBe(git(env, mine, 'rev-parse', '--show-toplevel'))
  })
})

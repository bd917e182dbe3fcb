import { execFileSync } from 'node:child_process'
import { appendFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Library } from '../../../src/core/model.js'
import { moveToTrash, restoreFromTrash } from '../../../src/core/records/trash.js'
import { gitHistory } from '../../../src/context.js'
import { FileStore } from '../../../src/store/file-store.js'
import { findLibraryRepo } from '../../../src/sync/repo.js'
import { commitLibrary } from '../../../src/sync/auto-commit.js'
import { Git } from '../../../src/sync/git.js'
import { ensureSyncSetup } from '../../../src/sync/setup.js'
import { tempDir } from '../../support/context.js'
import { smallLibrary, summary } from '../../support/library.js'
import { git, sandboxProcessGit } from './git-sandbox.js'

// The store commits through git with this process's environment.
const env = sandboxProcessGit()
const NOW = new Date('2026-11-26T12:00:00.000Z')

/** A library file in a fresh repository, with sync set up when `synced`. */
async function libraryInRepo(synced = true): Promise<{ dir: string; store: FileStore }> {
  const dir = tempDir('precis-autocommit-')
  git(env, dir, 'init', '--quiet', '--initial-branch=main')
  const path = join(dir, 'library.json')
  if (synced) await ensureSyncSetup((await findLibraryRepo(path, env))!)
  return { dir, store: new FileStore(path, 2_000, gitHistory(process.env)) }
}

/** Commit subjects, newest first; none while the branch has no commit. */
function subjects(dir: string): string[] {
  const hasCommits = git(env, dir, 'rev-list', '--all', '--count') !== '0'
  return hasCommits ? git(env, dir, 'log', '--format=%s').split('\n') : []
}
const replace = (lib: Library, next: Library) => void Object.assign(lib, structuredClone(next))

describe('FileStore with sync on', () => {
  it('commits every change with a message that says what it did', async () => {
    const { dir, store } = await libraryInRepo()
    await store.update((lib) => replace(lib, smallLibrary()))
    await store.update((lib) => void (lib.summaries[0]!.body = 'Rewritten.\n'))
    await store.update((lib) => void moveToTrash(lib, ['gilmer2017neural-2'], NOW))
    await store.update((lib) => void restoreFromTrash(lib, 'gilmer2017neural-2'))
    await store.update((lib) => lib.summaries.forEach((s) => s.tags.push('thesis')), { message: 'tag everything for the thesis' })
    await store.update((lib) => lib.summaries.length, { message: (n) => `count ${n}` }) // nothing changed: no commit
    expect(subjects(dir)).toEqual([
      'tag everything for the thesis',
      'restore gilmer2017neural-2',
      'rm gilmer2017neural-2',
      'edit gilmer2017neural (body)',
      'add gilmer2017neural, gilmer2017neural-2, rasmussen2004gaussian',
    ])
    expect(git(env, dir, 'status', '--porcelain', '--', 'library.json')).toBe('')
    expect(git(env, dir, 'log', '-1', '--format=%an <%ae>')).toBe('precis <precis@localhost>') // no identity configured here
  })

  it('commits only the library, never what else the person staged', async () => {
    const { dir, store } = await libraryInRepo()
    writeFileSync(join(dir, 'draft.md'), 'mine\n')
    git(env, dir, 'add', 'draft.md')
    await store.update((lib) => void lib.summaries.push(summary({ id: 'x', paper: 'x' })))
    expect(git(env, dir, 'show', '--name-only', '--format=', 'HEAD')).toBe('library.json')
    expect(git(env, dir, 'diff', '--cached', '--name-only')).toBe('draft.md')
  })

  it('saves the change even when git cannot commit, says why, and the next change commits both', async () => {
    const { dir } = await libraryInRepo()
    const warnings: string[] = []
    const store = new FileStore(join(dir, 'library.json'), 2_000, gitHistory(process.env), (warning) => void warnings.push(warning))
    writeFileSync(join(dir, '.git', 'index.lock'), '') // another git is busy
    await store.update((lib) => void lib.summaries.push(summary({ id: 'first', paper: 'first' })))
    expect((await store.read()).summaries.map((s) => s.id)).toEqual(['first'])
    expect(subjects(dir)).toEqual([])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      /^The change is saved, but git could not commit it: git add failed: fatal: Unable to create .*index\.lock.*File exists/,
    )
    rmSync(join(dir, '.git', 'index.lock'))
    await store.update((lib) => void lib.summaries.push(summary({ id: 'second', paper: 'second' })), { message: 'add the second' })
    expect(warnings).toHaveLength(1)
    expect(subjects(dir)).toEqual(['add first, second'])
    expect(git(env, dir, 'log', '-1', '--format=%b')).toContain('The last change: add the second')
    expect(git(env, dir, 'status', '--porcelain', '--', 'library.json')).toBe('')
  })

  it('adds the library again when git no longer tracks it', async () => {
    const { dir, store } = await libraryInRepo()
    await store.update((lib) => void lib.summaries.push(summary({ id: 'first', paper: 'first' })))
    git(env, dir, 'rm', '--quiet', '--cached', 'library.json') // the file stays, untracked
    await store.update((lib) => void lib.summaries.push(summary({ id: 'second', paper: 'second' })))
    expect(subjects(dir)).toEqual(['add second', 'add first'])
    expect(git(env, dir, 'status', '--porcelain', '--', 'library.json')).toBe('')
  })

  it('refuses an ignored library at every change, as git add does', async () => {
    const { dir } = await libraryInRepo()
    appendFileSync(join(dir, '.git', 'info', 'exclude'), 'library.json\n')
    const warnings: string[] = []
    const store = new FileStore(join(dir, 'library.json'), 2_000, gitHistory(process.env), (warning) => void warnings.push(warning))
    await store.update((lib) => void lib.summaries.push(summary({ id: 'first', paper: 'first' })))
    await store.update((lib) => void lib.summaries.push(summary({ id: 'second', paper: 'second' })))
    expect(subjects(dir)).toEqual([])
    expect(warnings).toHaveLength(2)
    for (const warning of warnings)
      expect(warning).toMatch(/^The change is saved, but git could not commit it: git add failed: The following paths are ignored/)
  })

  it('gives git a message of 100,000 lines (3 MB, far over what one argument may hold)', async () => {
    const { dir } = await libraryInRepo()
    writeFileSync(join(dir, 'library.json'), '{}\n')
    const body = Array.from({ length: 100_000 }, (_, i) => `add summary${i}2020paper`).join('\n')
    await commitLibrary(new Git(dir, env), 'library.json', 'add everything', body)
    expect(subjects(dir)).toEqual(['add everything'])
    const logged = execFileSync('git', ['log', '-1', '--format=%b'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })
    expect(logged.trim()).toBe(body)
  })

  it('commits nothing when sync is not set up, even in a repository', async () => {
    const { dir, store } = await libraryInRepo(false)
    await store.update((lib) => replace(lib, smallLibrary()))
    expect(subjects(dir)).toEqual([])
  })
})

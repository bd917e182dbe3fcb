import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { tempDir, testContext } from '../support/context.js'
import { copySyncSetup, git, sandboxProcessGit } from '../unit/sync/git-sandbox.js'

// Commands and the store's auto-commit run git with ctx.env; this process's environment is sandboxed too,
// for any git run made without it.
const env = sandboxProcessGit()

async function run(path: string, argv: string[]) {
  const ctx = testContext({ library: path, env: { ...env } })
  const code = await main(argv, ctx)
  return { code, stdout: ctx.stdout(), stderr: ctx.stderr() }
}

const addArgs = (title: string, author: string) => ['add', '--title', title, '--author', author, '--year', '2017', '--body', 'x']

/** Made once per file: a synced library with one summary (`lib`), pushed to a bare remote, and a plain clone of it (`other`). */
let template: Promise<string> | undefined

async function makeTemplate(): Promise<string> {
  const dir = tempDir('precis-sync-repair-template-')
  const remote = join(dir, 'remote.git')
  git(env, dir, 'init', '--quiet', '--bare', '--initial-branch=main', remote)
  const path = join(dir, 'lib', 'library.json')
  for (const argv of [addArgs('Deep Sets', 'Manzil Zaheer'), ['sync', 'init', '--remote', remote], ['sync']]) {
    expect((await run(path, argv)).code).toBe(0)
  }
  git(env, dir, 'clone', '--quiet', remote, join(dir, 'other'))
  return dir
}

/** A copy of the template, each repository's origin the copy's remote. */
async function syncedLibrary() {
  const dir = copySyncSetup(await (template ??= makeTemplate()), ['lib', 'other'])
  return { path: join(dir, 'lib', 'library.json'), folder: join(dir, 'lib'), other: join(dir, 'other') }
}

describe('sync repairs what a commit broke, and says so', () => {
  it('a pulled .gitattributes without the driver: --json lists the repair, the text says it', async () => {
    const { path, other } = await syncedLibrary()
    writeFileSync(join(other, '.gitattributes'), '/library.json -merge\n')
    git(env, other, '-c', 'user.name=O', '-c', 'user.email=o@example.org', 'commit', '--quiet', '-am', 'no driver')
    git(env, other, 'push', '--quiet', 'origin', 'main')
    const result = await run(path, ['--json', 'sync'])
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout).repaired).toEqual(['.gitattributes (removed "/library.json -merge")'])
    expect(result.stderr).toContain(
      'Repaired the sync setup: .gitattributes (removed "/library.json -merge")\nCommitted: precis sync: repair the merge setup\nPushed to origin/main; no summary changed\n',
    )
    expect((await run(path, ['sync'])).stderr).toBe('Up to date with origin/main\n')
  })
})

describe('an auto-commit that fails', () => {
  it('warns that the change is saved but not committed, and why; sync then commits it', async () => {
    const { path, folder } = await syncedLibrary()
    writeFileSync(join(folder, '.git', 'index.lock'), '') // another git is at work
    const added = await run(path, addArgs('Graph Attention Networks', 'Petar Velickovic'))
    expect(added.code).toBe(0)
    expect(added.stderr).toMatch(
      /^precis: The change is saved, but git could not commit it: git commit failed: fatal: Unable to create '.*index\.lock': File exists\.\nThe next change commits it with this one, as does precis sync\.\n/,
    )
    expect(git(env, folder, 'log', '-1', '--format=%s')).toBe('add zaheer2017deep') // nothing committed
    rmSync(join(folder, '.git', 'index.lock'))
    const synced = await run(path, ['sync'])
    expect(synced.stderr).toContain('Committed: add velickovic2017graph\n')
    expect(git(env, folder, 'status', '--porcelain')).toBe('')
  })
})

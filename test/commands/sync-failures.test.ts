import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseLibrary } from '../../src/core/schema/schema.js'
import { main } from '../../src/main.js'
import { tempDir, testContext } from '../support/context.js'
import { copySyncSetup, git, sandboxProcessGit } from '../unit/sync/git-sandbox.js'

const env = sandboxProcessGit()

async function run(path: string, argv: string[]) {
  const ctx = testContext({ library: path, env: { ...env } })
  const code = await main(argv, ctx)
  return { code, stdout: ctx.stdout(), stderr: ctx.stderr() }
}

/** Made once per file: a synced library with one summary (`lib`), pushed to a bare remote (`remote.git`). */
let template: Promise<string> | undefined

async function makeTemplate(): Promise<string> {
  const dir = tempDir('precis-sync-fail-template-')
  const remote = join(dir, 'remote.git')
  git(env, dir, 'init', '--quiet', '--bare', remote)
  const path = join(dir, 'lib', 'library.json')
  expect((await run(path, ['add', '--title', 'Deep Sets', '--author', 'Manzil Zaheer', '--year', '2017', '--body', 'Sets.\n'])).code).toBe(
    0,
  )
  expect((await run(path, ['sync', 'init', '--remote', remote])).code).toBe(0)
  expect((await run(path, ['sync'])).code).toBe(0)
  return dir
}

/** A synced library with one summary, pushed to a bare remote: a copy of the template. */
async function syncedLibrary() {
  const dir = copySyncSetup(await (template ??= makeTemplate()), ['lib'])
  const folder = join(dir, 'lib')
  return {
    dir,
    remote: join(dir, 'remote.git'),
    path: join(folder, 'library.json'),
    folder,
    head: () => git(env, folder, 'rev-parse', 'HEAD'),
  }
}

describe('sync failures leave library and repository usable', () => {
  it('not set up: a usage error that says how to set it up', async () => {
    const path = join(tempDir(), 'library.json')
    const result = await run(path, ['sync'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('precis sync init --remote <url>')
  })

  it('a remote that cannot be reached: exit 1, the change committed here, sync works once it is back', async () => {
    const { dir, path, folder, remote } = await syncedLibrary()
    git(env, folder, 'remote', 'set-url', 'origin', join(dir, 'gone.git'))
    expect((await run(path, ['edit', 'zaheer2017deep', '--body', 'Offline edit.\n'])).code).toBe(0)
    const result = await run(path, ['sync'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^precis: Cannot reach the remote origin \(.*gone\.git\)\n/)
    expect(result.stderr).toContain('Your changes are committed here')
    expect(git(env, folder, 'log', '-1', '--format=%s')).toBe('edit zaheer2017deep (body)')
    git(env, folder, 'remote', 'set-url', 'origin', remote)
    expect((await run(path, ['sync'])).stderr).toContain('Sent to origin/main: 0 added, 1 changed, 0 removed')
  })

  it('a remote that is not a precis library: exit 4, nothing merged', async () => {
    const { dir, path, folder, head } = await syncedLibrary()
    const other = join(dir, 'other')
    git(env, dir, 'init', '--quiet', '--initial-branch=main', other)
    writeFileSync(join(other, 'README.md'), 'A website.\n')
    git(env, other, 'add', '.')
    git(env, other, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '-m', 'site')
    git(env, folder, 'remote', 'set-url', 'origin', other)
    const before = head()
    const result = await run(path, ['sync'])
    expect(result.code).toBe(4)
    expect(result.stderr).toContain('is not a precis library')
    expect(head()).toBe(before)
  })

  it('a remote whose library is damaged: exit 4, nothing merged', async () => {
    const { dir, remote, path, head } = await syncedLibrary()
    const clone = join(dir, 'clone')
    git(env, dir, 'clone', '--quiet', '--branch', 'main', remote, clone)
    writeFileSync(join(clone, 'library.json'), '{"format": "precis-library", "version": 1, "papers": 5}\n')
    git(env, clone, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '-am', 'break it')
    git(env, clone, 'push', '--quiet', 'origin', 'main')
    const before = head()
    const result = await run(path, ['sync'])
    expect(result.code).toBe(4)
    expect(result.stderr).toContain('is not valid, so precis will not merge it')
    expect(head()).toBe(before)
  })

  it('a valid hand edit of the library is committed, saying what it changed', async () => {
    const { path, folder } = await syncedLibrary()
    writeFileSync(path, readFileSync(path, 'utf8').replace('Sets.\\n', 'Sets, edited by hand.\\n'))
    const result = await run(path, ['sync'])
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('Committed: edit zaheer2017deep (body)')
    expect(git(env, folder, 'status', '--porcelain')).toBe('')
  })

  it('an invalid hand edit is refused: exit 4, file and repository untouched', async () => {
    const { path, folder, head } = await syncedLibrary()
    const broken = readFileSync(path, 'utf8').replace('"year": 2017', '"year": "soon"')
    writeFileSync(path, broken)
    const before = head()
    const result = await run(path, ['sync'])
    expect(result.code).toBe(4)
    expect(result.stderr).toContain('uncommitted changes that are not a valid library')
    expect(result.stderr).toContain('checkout --')
    expect(readFileSync(path, 'utf8')).toBe(broken)
    expect(head()).toBe(before)
    expect(git(env, folder, 'status', '--porcelain')).toBe('M library.json')
  })

  it('a library deleted by hand is refused, not committed as a deletion', async () => {
    const { path, head } = await syncedLibrary()
    const before = head()
    rmSync(path)
    const result = await run(path, ['sync'])
    expect(result.code).toBe(4)
    expect(result.stderr).toContain('was deleted')
    expect(head()).toBe(before)
  })

  it('an unfinished git merge is refused with the way out', async () => {
    const { path, folder } = await syncedLibrary()
    writeFileSync(join(folder, '.git', 'MERGE_HEAD'), git(env, folder, 'rev-parse', 'HEAD') + '\n')
    const result = await run(path, ['sync'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('merge --abort')
  })

  it('a push rejected because the remote moved on: fetch, merge and push again', async () => {
    const { dir, remote, path, folder } = await syncedLibrary()
    // A third machine pushes while this one is about to push (from this repository's pre-push hook, once).
    const other = join(dir, 'other', 'library.json')
    expect((await run(other, ['sync', 'init', '--remote', remote])).code).toBe(0)
    expect((await run(other, ['sync'])).code).toBe(0)
    expect(
      (await run(other, ['add', '--title', 'Graph Attention', '--author', 'Petar Velickovic', '--year', '2018', '--body', 'GAT.\n'])).code,
    ).toBe(0)
    const hook = join(folder, '.git', 'hooks', 'pre-push')
    const once = join(dir, 'pushed-once')
    writeFileSync(
      hook,
      `#!/bin/sh\nunset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE\n[ -e '${once}' ] && exit 0\ntouch '${once}'\ngit -C '${join(dir, 'other')}' push --quiet origin main\n`,
    )
    chmodSync(hook, 0o755)
    expect((await run(path, ['edit', 'zaheer2017deep', '--tag', 'sets'])).code).toBe(0)
    const result = await run(path, ['sync'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain('Received from origin/main: 1 added')
    const pushed = parseLibrary(git(env, folder, 'show', 'origin/main:library.json'), 'remote')
    expect(pushed.summaries.map((s) => [s.id, s.tags])).toEqual([
      ['velickovic2018graph', []],
      ['zaheer2017deep', ['sets']],
    ])
  })

  it('a detached HEAD is refused with the way out', async () => {
    const { path, folder } = await syncedLibrary()
    git(env, folder, 'checkout', '--quiet', '--detach')
    const result = await run(path, ['sync'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('switch')
  })

  it('a broken merge driver config is repaired on the next sync', async () => {
    const { path, folder } = await syncedLibrary()
    git(env, folder, 'config', 'merge.precis.driver', 'false')
    const result = await run(path, ['sync'])
    expect(result.stderr).toContain('Repaired the sync setup: the merge driver in git config')
    expect(git(env, folder, 'config', 'merge.precis.driver')).toContain('merge-driver %O %A %B %P')
  })
})

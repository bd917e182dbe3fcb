import { chmodSync, existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { tempDir, testContext } from '../support/context.js'
import { copySyncSetup, git, sandboxProcessGit, SHIM_COMMAND } from '../unit/sync/git-sandbox.js'

// Commands and the store's auto-commit run git with ctx.env; this process's environment is sandboxed too,
// for any git run made without it.
const env = sandboxProcessGit()

async function runCode(path: string, argv: string[], extraEnv: Record<string, string> = {}) {
  const ctx = testContext({ library: path, env: { ...env, ...extraEnv } })
  const code = await main(argv, ctx)
  return { code, stdout: ctx.stdout(), stderr: ctx.stderr() }
}

async function run(path: string, argv: string[], extraEnv: Record<string, string> = {}) {
  const { code, stdout, stderr } = await runCode(path, argv, extraEnv)
  expect(code, `${argv.join(' ')}: ${stderr}`).toBe(0)
  return stdout
}

const addFlags = (title: string, author: string) => ['add', '--title', title, '--author', author, '--year', '2018', '--body', 'Text.\n']

// A `git` ahead of the real one on the PATH given to sync: it runs INJECT_STEP (with the real git, on the repository's own
// index) once, just before or just after (INJECT_AT) the first git run of the command INJECT_ON. Where it acts is decided by
// what sync runs, never by time.
const SHIM = `#!/bin/sh
${SHIM_COMMAND}
inject() { if [ "$command" = "$INJECT_ON" ] && [ ! -e "$INJECT_DONE" ]; then : > "$INJECT_DONE"; (unset GIT_INDEX_FILE; PATH=$REAL_PATH sh -ec "$INJECT_STEP"); fi; }
[ "$INJECT_AT" = before ] && inject
PATH=$REAL_PATH git "$@"
code=$?
[ "$INJECT_AT" = after ] && inject
exit $code
`

/** The environment of a precis run whose git runs `step` once, `at` the first `git <command>`. */
function injected(at: 'before' | 'after', command: string, step: string): Record<string, string> {
  const bin = tempDir('precis-git-shim-')
  writeFileSync(join(bin, 'git'), SHIM)
  chmodSync(join(bin, 'git'), 0o755)
  const done = join(bin, 'done')
  return { PATH: `${bin}:${env.PATH}`, REAL_PATH: env.PATH!, INJECT_AT: at, INJECT_ON: command, INJECT_STEP: step, INJECT_DONE: done }
}

/** Made once per file: a bare remote, machine A with one summary pushed to it, machine B set up from it. */
let template: Promise<string> | undefined

async function makeTemplate(): Promise<string> {
  const dir = tempDir('precis-sync-moving-template-')
  git(env, dir, 'init', '--quiet', '--bare', join(dir, 'remote.git'))
  const [a, b] = [join(dir, 'a', 'library.json'), join(dir, 'b', 'library.json')]
  await run(a, addFlags('Deep Sets', 'Manzil Zaheer'))
  await run(a, ['sync', 'init', '--remote', join(dir, 'remote.git')])
  await run(a, ['sync'])
  await run(b, ['sync', 'init', '--remote', join(dir, 'remote.git')])
  await run(b, ['sync'])
  await run(a, ['sync'])
  return dir
}

async function machines() {
  const dir = copySyncSetup(await (template ??= makeTemplate()), ['a', 'b'])
  const machine = (name: string) => {
    const folder = join(dir, name)
    return { folder, path: join(folder, 'library.json'), head: () => git(env, folder, 'rev-parse', 'HEAD') }
  }
  const remote = join(dir, 'remote.git')
  return { a: machine('a'), b: machine('b'), remote, remoteHead: () => git(env, remote, 'rev-parse', 'main') }
}

const quoted = (path: string) => `'${path}'`

describe('sync acts on the commits it read, whatever moves meanwhile', () => {
  it('HEAD moved by another write as the push starts: the commit sync checked is sent and counted, the later one next time', async () => {
    const { a, remoteHead } = await machines()
    await run(a.path, ['edit', 'zaheer2018deep', '--body', 'Edited on A.\n'])
    const checked = a.head()
    // Another write, committed now and taken back, comes back as the push starts (its commit, as a precis write makes it).
    await run(a.path, addFlags('Graph Attention Networks', 'Petar Velickovic'))
    const later = a.head()
    git(env, a.folder, 'reset', '--quiet', '--hard', checked)

    const report = JSON.parse(await run(a.path, ['--json', 'sync'], injected('before', 'push', `git merge --quiet --ff-only ${later}`)))
    expect(a.head()).toBe(later)
    expect(remoteHead()).toBe(checked)
    expect(report.sent).toEqual({ added: 0, changed: 1, removed: 0 })

    const next = JSON.parse(await run(a.path, ['--json', 'sync']))
    expect(remoteHead()).toBe(later)
    expect(next.sent).toEqual({ added: 1, changed: 0, removed: 0 })
  })

  it('the remote branch fetched again while sync merges: the commit read is merged, the newer one on the next attempt', async () => {
    const { a, b, remoteHead } = await machines()
    const start = a.head()
    await run(b.path, addFlags('Graph Attention Networks', 'Petar Velickovic'))
    await run(b.path, ['sync'])
    const read = remoteHead()
    await run(b.path, addFlags('Neural Message Passing', 'Justin Gilmer'))
    const newer = b.head()
    await run(a.path, ['edit', 'zaheer2018deep', '--body', 'Edited on A.\n'])

    // B pushes and A's branch of the remote is fetched again (another sync, the person) just before A's merge.
    const step = `git -C ${quoted(b.folder)} push --quiet origin main && git fetch --quiet origin`
    const report = JSON.parse(await run(a.path, ['--json', 'sync'], injected('before', 'merge', step)))
    const mergedCommits = git(env, a.folder, 'log', '--merges', '--first-parent', '--format=%P', `${start}..HEAD`)
      .split('\n')
      .map((parents) => parents.split(' ')[1])
    expect(mergedCommits).toEqual([newer, read]) // newest first
    expect(report.received).toEqual({ added: 2, changed: 0, removed: 0 })
    expect(remoteHead()).toBe(a.head())
  })

  it('the remote branch taken back to an older commit as the push starts: what the push gives it again is counted as sent', async () => {
    const { a, b, remote, remoteHead } = await machines()
    const older = remoteHead()
    await run(b.path, addFlags('Graph Attention Networks', 'Petar Velickovic'))
    await run(b.path, ['sync'])
    await run(a.path, ['edit', 'zaheer2018deep', '--body', 'Edited on A.\n'])

    // Someone rewinds the remote (a forced push) after A fetched B's summary: A's push must give it back, and say so.
    const report = JSON.parse(
      await run(a.path, ['--json', 'sync'], injected('before', 'push', `git -C ${quoted(remote)} update-ref refs/heads/main ${older}`)),
    )
    expect(remoteHead()).toBe(a.head())
    expect(report.sent).toEqual({ added: 1, changed: 1, removed: 0 })
  })

  it('HEAD reset to before the merge as sync reads it: the push, leased, never drops what the remote had; merged again', async () => {
    const { a, b, remote, remoteHead } = await machines()
    await run(b.path, addFlags('Graph Attention Networks', 'Petar Velickovic'))
    await run(b.path, ['sync'])
    const read = remoteHead()
    await run(a.path, ['edit', 'zaheer2018deep', '--body', 'Edited on A.\n'])

    const report = JSON.parse(await run(a.path, ['--json', 'sync'], injected('after', 'merge', 'git reset --quiet --hard HEAD~1')))
    expect(report.pushed).toBe(true)
    expect(git(env, remote, 'rev-list', 'main').split('\n')).toContain(read)
    expect(remoteHead()).toBe(a.head())
    expect(git(env, a.folder, 'rev-parse', 'HEAD^2')).toBe(read)
  })

  it('a push the remote refused while another landed, fetched by someone else at once: fetched, merged and pushed again', async () => {
    const { a, b, remote, remoteHead } = await machines()
    // The remote declines the first push it is sent (as a hook or a full disk might), letting the next ones through.
    const declined = join(remote, 'declined')
    writeFileSync(
      join(remote, 'hooks', 'pre-receive'),
      `#!/bin/sh\n[ -e ${quoted(declined)} ] && exit 0\n: > ${quoted(declined)}\nexit 1\n`,
    )
    chmodSync(join(remote, 'hooks', 'pre-receive'), 0o755)
    await run(b.path, addFlags('Graph Attention Networks', 'Petar Velickovic'))
    const landed = b.head()
    await run(a.path, ['edit', 'zaheer2018deep', '--body', 'Edited on A.\n'])

    // Right after A's push is declined, B's lands and A's branch of the remote is fetched by another git.
    const step = `git -C ${quoted(b.folder)} push --quiet origin main && git fetch --quiet origin`
    const report = JSON.parse(await run(a.path, ['--json', 'sync'], injected('after', 'push', step)))
    expect(existsSync(declined)).toBe(true)
    expect(report.pushed).toBe(true)
    expect(report.received).toEqual({ added: 1, changed: 0, removed: 0 })
    expect(git(env, a.folder, 'rev-parse', 'HEAD^2')).toBe(landed)
    expect(remoteHead()).toBe(a.head())
  })

  it('a commit made while sync init commits its setup is never undone by the setup commit: the init fails, and works again', async () => {
    const folder = tempDir('precis-sync-init-moving-')
    const path = join(folder, 'library.json')
    const commit = (message: string) => {
      git(env, folder, 'add', 'library.json')
      git(env, folder, '-c', 'user.name=Me', '-c', 'user.email=me@example.org', 'commit', '--quiet', '-m', message)
      return git(env, folder, 'rev-parse', 'HEAD')
    }
    git(env, folder, 'init', '--quiet', '--initial-branch=main')
    await run(path, addFlags('Deep Sets', 'Manzil Zaheer'))
    const first = commit('first')
    await run(path, addFlags('Graph Attention Networks', 'Petar Velickovic'))
    const later = commit('later')
    git(env, folder, 'reset', '--quiet', '--hard', first)

    // The later commit lands once init has read HEAD into the index its setup commit is made from.
    const failed = await runCode(path, ['sync', 'init'], injected('after', 'read-tree', `git merge --quiet --ff-only ${later}`))
    expect(failed.code).toBe(1)
    expect(failed.stderr).toContain('git update-ref failed')
    expect(git(env, folder, 'rev-parse', 'HEAD')).toBe(later)

    await run(path, ['sync', 'init'])
    expect(git(env, folder, 'log', '--format=%s', `${later}..HEAD`)).toBe('precis sync init: merge the library with precis')
    expect(git(env, folder, 'diff', later, 'HEAD', '--', 'library.json')).toBe('')
  })
})

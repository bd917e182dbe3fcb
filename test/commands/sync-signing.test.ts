import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { tempDir, testContext } from '../support/context.js'
import { git, sandboxProcessGit } from '../unit/sync/git-sandbox.js'

// Commands and the store's auto-commit run git with ctx.env; this process's environment is sandboxed too,
// for any git run made without it.
const env = sandboxProcessGit()

// A gpg that signs nothing: it prints a signature block and the status line git waits for, as gpg does.
const fakeGpg = join(tempDir('precis-fake-gpg-'), 'gpg')
writeFileSync(
  fakeGpg,
  [
    '#!/bin/sh',
    'cat >/dev/null',
    "printf '%s\\n' '-----BEGIN PGP SIGNATURE-----' '' 'ZmFrZQ==' '-----END PGP SIGNATURE-----'",
    "echo '[GNUPG:] SIG_CREATED D 1 8 00 1700000000 FAKE' >&2",
    '',
  ].join('\n'),
)
chmodSync(fakeGpg, 0o755)

async function run(path: string, argv: string[]): Promise<number> {
  const ctx = testContext({ library: path, env: { ...env } })
  const code = await main(argv, ctx)
  expect(code, ctx.stderr()).toBe(0)
  return code
}

const addArgs = (title: string) => ['add', '--title', title, '--author', 'Ada Lovelace', '--year', '2017', '--body', 'x']

/** Each commit of the repository at `dir`, newest first: its subject and whether it carries a signature. */
function commits(dir: string): { subject: string; signed: boolean }[] {
  return git(env, dir, 'log', '--format=%H')
    .split('\n')
    .map((id) => ({
      subject: git(env, dir, 'log', '-1', '--format=%s', id),
      signed: /^gpgsig /m.test(git(env, dir, 'cat-file', 'commit', id)),
    }))
}

describe('sync signs the commits it makes as git commit would', () => {
  it.each([true, false])('commit.gpgSign %s: every commit precis made is signed exactly when the person asks', async (sign) => {
    const dir = tempDir('precis-sync-signing-')
    const path = join(dir, 'library.json')
    await run(path, addArgs('Deep Sets'))
    git(env, dir, 'init', '--quiet', '--initial-branch=main')
    git(env, dir, 'config', 'commit.gpgSign', String(sign))
    git(env, dir, 'config', 'gpg.program', fakeGpg)
    await run(path, ['sync', 'init']) // the setup commit (commit-tree), then the library's (git commit)
    await run(path, addArgs('Graph Attention Networks')) // an auto-commit
    const made = commits(dir)
    expect(made.map((commit) => commit.subject)).toEqual([
      'add lovelace2017graph',
      expect.stringMatching(/^add lovelace2017deep/),
      'precis sync init: merge the library with precis',
    ])
    expect(made.map((commit) => commit.signed)).toEqual(made.map(() => sign))
  })
})

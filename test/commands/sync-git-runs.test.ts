import { chmodSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { tempDir, testContext } from '../support/context.js'
import { git, sandboxProcessGit, SHIM_COMMAND } from '../unit/sync/git-sandbox.js'

// Commands and the store's auto-commit run git with ctx.env; this process's environment is sandboxed too,
// for any git run made without it.
const env = sandboxProcessGit()

// A `git` ahead of the real one on the PATH given to precis: it writes the command of each run to GIT_RUNS,
// then runs the real git.
const SHIM = `#!/bin/sh
${SHIM_COMMAND}
echo "$command" >> "$GIT_RUNS"
PATH=$REAL_PATH exec git "$@"
`

/** A precis run on the library at `path`, and the git commands it ran, in order. */
async function gitRuns(path: string, argv: string[]): Promise<string[]> {
  const bin = tempDir('precis-git-runs-')
  writeFileSync(join(bin, 'git'), SHIM)
  chmodSync(join(bin, 'git'), 0o755)
  const log = join(bin, 'runs')
  writeFileSync(log, '')
  const ctx = testContext({ library: path, env: { ...env, PATH: `${bin}:${env.PATH}`, REAL_PATH: env.PATH!, GIT_RUNS: log } })
  expect(await main(argv, ctx), ctx.stderr()).toBe(0)
  return readFileSync(log, 'utf8').split('\n').filter(Boolean)
}

/** A precis run on the library at `path` with git as it is: a step whose git runs are not counted. */
async function run(path: string, argv: string[]): Promise<void> {
  const ctx = testContext({ library: path, env })
  expect(await main(argv, ctx), ctx.stderr()).toBe(0)
}

const add = (title: string, author: string) => ['add', '--title', title, '--author', author, '--year', '2018', '--body', 'Text.\n']
const edit = (body: string) => ['edit', 'zaheer2018deep', '--body', `${body}\n`]

// What a sync runs before it merges: the repository, an unfinished merge, the branch, the setup (config, the
// index's own files), a pending change, the remote, the fetch, the fetched commit with its library and folder
// (one cat-file), a change made while fetching, HEAD with its library (one cat-file).
const BEFORE_MERGE = [
  'rev-parse',
  'rev-parse',
  'symbolic-ref',
  'config',
  'ls-files',
  'status',
  'remote',
  'fetch',
  'cat-file',
  'status',
  'cat-file',
]
// The merge, HEAD after it with its library, the setup again (config, the index's own files), HEAD to push.
const MERGE = ['merge', 'cat-file', 'config', 'ls-files', 'cat-file']
const PUSH = ['merge-base', 'push']

describe('how many times precis runs git', () => {
  it('a write 4, a sync 16 with nothing to send, 18 with something (merged, in conflict or not)', async () => {
    const dir = tempDir('precis-git-runs-')
    const remote = join(dir, 'remote.git')
    git(env, dir, 'init', '--quiet', '--bare', '--initial-branch=main', remote)
    const [a, b] = [join(dir, 'a', 'library.json'), join(dir, 'b', 'library.json')]
    await run(a, add('Deep Sets', 'Manzil Zaheer'))
    await run(a, ['sync', 'init', '--remote', remote])
    await run(a, ['sync'])
    await run(b, ['sync', 'init', '--remote', remote])
    await run(b, ['sync'])

    // The repository, the file's status, config (the identity, carried files), the commit.
    expect(await gitRuns(a, edit('Edited on A.'))).toEqual(['rev-parse', 'status', 'config', 'commit'])
    expect(await gitRuns(a, ['sync'])).toEqual([...BEFORE_MERGE, ...MERGE, ...PUSH]) // sends the edit
    expect(await gitRuns(a, ['sync'])).toEqual([...BEFORE_MERGE, ...MERGE]) // nothing to do
    expect(await gitRuns(b, ['sync'])).toEqual([...BEFORE_MERGE, ...MERGE]) // fast-forwards

    await run(a, add('Graph Attention Networks', 'Petar Velickovic'))
    await run(b, add('Neural Message Passing', 'Justin Gilmer'))
    await run(a, ['sync'])
    expect(await gitRuns(b, ['sync'])).toEqual([...BEFORE_MERGE, ...MERGE, ...PUSH]) // merges
    await run(a, ['sync'])

    await run(a, edit('On A.'))
    await run(b, edit('On B.'))
    await run(a, ['sync'])
    expect(await gitRuns(b, ['sync'])).toEqual([...BEFORE_MERGE, ...MERGE, ...PUSH]) // a conflict, merged by precis's driver
    expect(git(env, join(dir, 'b'), 'show', 'HEAD:library.json')).toContain('zaheer2018deep-conflict')
  })
})

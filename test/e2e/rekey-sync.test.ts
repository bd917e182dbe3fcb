import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseLibrary } from '../../src/core/schema/schema.js'
import { precisRun } from '../hostile/support/in-process.js'
import { tempDir } from '../support/context.js'
import { git, gitSandbox } from '../unit/sync/git-sandbox.js'

// HOME and GIT_CONFIG_GLOBAL point at temporary files: the person's git config is never read or touched.
const env = gitSandbox()

/**
 * precis on `library`: the built binary in its own process for the rename and the sync that merges
 * it with the other machine's edit, main() in this process for the others, at the real time as a
 * spawned run would be. git runs as a process either way.
 */
async function precis(library: string, args: string[], spawned = false) {
  const result = await precisRun(library, args, { env, spawned, now: new Date().toISOString() })
  expect(result.code, `precis ${args.join(' ')}: ${result.stderr}`).toBe(0)
  return result
}

describe('precis rekey with sync on (real git, the binary where the rename travels)', () => {
  it('one machine renames a paper, the other edits its summary: after sync both hold the edit under the new key, and history reaches back past the rename', async () => {
    const dir = tempDir('precis-e2e-rekey-')
    const remote = join(dir, 'remote.git')
    git(env, dir, 'init', '--quiet', '--bare', '--initial-branch=main', remote)
    const [a, b] = [join(dir, 'laptop', 'library.json'), join(dir, 'desktop', 'library.json')]
    const paper = ['--title', 'Neural Message Passing', '--author', 'Justin Gilmer', '--year', '2017']
    await precis(a, ['add', ...paper, '--body', 'First.\n'])
    await precis(a, ['add', ...paper, '--body', 'Second, see [@gilmer2017neural].\n'])
    await precis(a, ['sync', 'init', '--remote', remote])
    await precis(a, ['sync'])
    await precis(b, ['sync', 'init', '--remote', remote])
    await precis(b, ['sync'])

    const rekey = await precis(a, ['rekey', 'gilmer2017neural', 'mpnn'], true)
    expect(rekey.stdout).toBe(
      'paper\tgilmer2017neural\tmpnn\nsummary\tgilmer2017neural\tmpnn\nsummary\tgilmer2017neural-2\tmpnn-2\ncites\tmpnn-2\t1\n',
    )
    expect(git(env, join(dir, 'laptop'), 'log', '-1', '--format=%s')).toBe('rekey gilmer2017neural mpnn')
    await precis(b, ['edit', 'gilmer2017neural-2', '--body', 'Desktop edit, see [@gilmer2017neural].\n'])

    await precis(a, ['sync'])
    await precis(b, ['sync'], true) // merges the rename with the edit: git through the driver
    await precis(a, ['sync'])
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'))
    const lib = parseLibrary(readFileSync(b, 'utf8'), b)
    expect(lib.papers.map((p) => p.key)).toEqual(['mpnn'])
    expect(lib.summaries.map((s) => [s.id, s.body])).toEqual([
      ['mpnn', 'First.\n'],
      ['mpnn-2', 'Desktop edit, see [@mpnn].\n'],
    ])

    const history = JSON.parse((await precis(b, ['--json', 'history', 'mpnn-2'])).stdout) as {
      summary: { id: string; body: string }
      changed: string[]
    }[]
    expect(history.map((v) => v.summary.id)).toContain('gilmer2017neural-2')
    expect(history.map((v) => v.summary.body)).toEqual(
      expect.arrayContaining(['Second, see [@gilmer2017neural].\n', 'Desktop edit, see [@gilmer2017neural].\n']),
    )
    expect(history.some((v) => v.changed[0] === 'renamed from gilmer2017neural-2')).toBe(true)
  })
})

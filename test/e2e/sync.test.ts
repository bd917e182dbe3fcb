import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseLibrary } from '../../src/core/schema/schema.js'
import { precisRun } from '../hostile/support/in-process.js'
import { tempDir } from '../support/context.js'
import { copySyncSetup, git, gitSandbox } from '../unit/sync/git-sandbox.js'

// HOME and GIT_CONFIG_GLOBAL point at temporary files: the person's git config is never read or touched.
const env = gitSandbox()

/**
 * precis on `library`: the built binary in its own process for the runs this file is about (writers
 * racing, a sync whose merge git hands to the driver), main() in this process for the others, at the
 * real time as a spawned run would be. git runs as a process either way.
 */
async function precis(library: string, args: string[], spawned = false, extraEnv: Record<string, string> = {}) {
  const result = await precisRun(library, args, { env: { ...env, ...extraEnv }, spawned, now: new Date().toISOString() })
  expect(result.code, `precis ${args.join(' ')}: ${result.stderr}`).toBe(0)
  return result
}

const add = (library: string, title: string, author: string, body: string, spawned = false, extraEnv: Record<string, string> = {}) =>
  precis(library, ['add', '--title', title, '--author', author, '--year', '2017', '--body', body], spawned, extraEnv)

/** A lock wait that is only a bound for a hung test. */
const WAIT = { PRECIS_LOCK_TIMEOUT_MS: '600000' }

/** Made once per file: a bare remote, and a laptop and a desktop that set up sync with it and received its two summaries. */
let template: Promise<string> | undefined

async function makeTemplate(): Promise<string> {
  const dir = tempDir('precis-e2e-sync-template-')
  const remote = join(dir, 'remote.git')
  git(env, dir, 'init', '--quiet', '--bare', '--initial-branch=main', remote)
  const [a, b] = [join(dir, 'laptop', 'library.json'), join(dir, 'desktop', 'library.json')]
  await add(a, 'Neural Message Passing', 'Justin Gilmer', 'Messages.\n')
  await add(a, 'Deep Sets', 'Manzil Zaheer', 'Sets.\n')
  await precis(a, ['sync', 'init', '--remote', remote])
  await precis(a, ['sync'])
  await precis(b, ['sync', 'init', '--remote', remote])
  expect((await precis(b, ['sync'])).stderr).toContain('Received from origin/main: 2 added')
  return dir
}

/** Two machines syncing through a bare remote: a copy of the template. */
async function twoMachines() {
  const dir = copySyncSetup(await (template ??= makeTemplate()), ['laptop', 'desktop'])
  return { dir, a: join(dir, 'laptop', 'library.json'), b: join(dir, 'desktop', 'library.json') }
}

describe('precis sync (real git, the binary where processes meet)', () => {
  it('two machines edit the same library, sync through a bare remote and agree; git merges with precis', async () => {
    const { dir, a, b } = await twoMachines()

    // Concurrent writers on one machine (processes of the binary): every change saved and committed, in turn.
    // Each waits for the lock as long as it takes: on a busy machine four commits in a row outlast the default wait.
    await Promise.all(['One', 'Two', 'Three', 'Four'].map((word) => add(a, `${word} Paper`, 'Ada Lovelace', `${word}.\n`, true, WAIT)))
    await precis(a, ['edit', 'gilmer2017neural', '--body', 'Laptop body.\n'])
    await precis(a, ['edit', 'zaheer2017deep', '--tag', 'sets'])
    await precis(b, ['edit', 'gilmer2017neural', '--body', 'Desktop body.\n'])
    await precis(b, ['rm', 'zaheer2017deep', '--yes'])
    const subjects = git(env, join(dir, 'laptop'), 'log', '--format=%s').split('\n')
    expect(subjects.slice(0, 2)).toEqual(['tag zaheer2017deep +sets', 'edit gilmer2017neural (body)'])
    expect(subjects.filter((s) => /^add lovelace2017/.test(s))).toHaveLength(4)

    await precis(a, ['sync'])
    const merged = await precis(b, ['sync'], true) // the binary's sync, its merge by git through the driver
    expect(merged.stderr).toContain('1 conflict(s)')
    await precis(a, ['sync'])

    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'))
    const lib = parseLibrary(readFileSync(a, 'utf8'), a)
    expect(lib.summaries).toHaveLength(7) // 2 + 4 adds + 1 conflict copy
    // Deleted on the desktop but tagged on the laptop: the edit keeps it.
    expect(lib.summaries.find((s) => s.id === 'zaheer2017deep')?.tags).toEqual(['sets'])
    const list = await precis(b, ['list'])
    expect(list.stdout).toMatch(/^gilmer2017neural-conflict\t2017\tNeural Message Passing\tprecis\/conflict\n/m)
    const shown = await precis(b, ['show', 'gilmer2017neural-conflict', '--raw'])
    expect(shown.stdout).toContain('both copies of the library changed body of `gilmer2017neural`')

    const history = JSON.parse((await precis(b, ['--json', 'history', 'gilmer2017neural'])).stdout)
    const bodies = history.map((v: { summary: { body: string } }) => v.summary.body)
    expect(bodies).toEqual(expect.arrayContaining(['Laptop body.\n', 'Desktop body.\n', 'Messages.\n']))
    expect(git(env, join(dir, 'laptop'), 'status', '--porcelain')).toBe('')
  })

  it('git pull in the library folder merges with precis too, never leaving conflict markers', async () => {
    const { dir, a, b } = await twoMachines()
    await add(a, 'Graph Attention', 'Petar Velickovic', 'GAT.\n')
    await precis(a, ['sync'])
    await add(b, 'Message Passing', 'Justin Gilmer', 'MPNN.\n')
    git(
      env,
      join(dir, 'desktop'),
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@t',
      'pull',
      '--quiet',
      '--no-rebase',
      '--no-edit',
      'origin',
      'main',
    )
    const text = readFileSync(b, 'utf8')
    expect(text).not.toContain('<<<<<<<')
    expect(parseLibrary(text, b).summaries.map((s) => s.id)).toEqual([
      'gilmer2017message',
      'gilmer2017neural',
      'velickovic2017graph',
      'zaheer2017deep',
    ])
  })
})

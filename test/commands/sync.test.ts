import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseSyncInitOptions } from '../../src/commands/sync/command.js'
import { UsageError } from '../../src/core/errors.js'
import { CONFLICT_TAG } from '../../src/core/tags/rules.js'
import { parseLibrary } from '../../src/core/schema/schema.js'
import { main } from '../../src/main.js'
import { tempDir, testContext } from '../support/context.js'
import { copySyncSetup, git, sandboxProcessGit } from '../unit/sync/git-sandbox.js'

// Commands and the store's auto-commit run git with ctx.env; this process's environment is sandboxed too,
// for any git run made without it.
const env = sandboxProcessGit()

/** One machine: a library file, and a way to run precis on it at a given time. */
function machine(path: string) {
  return async (argv: string[], now = '2026-11-26T12:00:00.000Z') => {
    const ctx = testContext({ library: path, env: { ...env }, now })
    const code = await main(argv, ctx)
    return { code, stdout: ctx.stdout(), stderr: ctx.stderr() }
  }
}

type Machine = ReturnType<typeof machine>

async function ok(run: Machine, argv: string[], now?: string): Promise<string> {
  const result = await run(argv, now)
  expect(result.code, `${argv.join(' ')}: ${result.stderr}`).toBe(0)
  return result.stdout
}

const paperFlags = (title: string, author: string, year: string) => ['--title', title, '--author', author, '--year', year]

/** Made once per file: a bare remote, machine A with three summaries pushed to it, and machine B set up from it. */
let template: Promise<string> | undefined

async function makeTemplate(): Promise<string> {
  const dir = tempDir('precis-sync-template-')
  const remote = join(dir, 'remote.git')
  git(env, dir, 'init', '--quiet', '--bare', remote)
  const [a, b] = [machine(join(dir, 'a', 'library.json')), machine(join(dir, 'b', 'library.json'))]
  await ok(
    a,
    [
      'add',
      ...paperFlags('Neural Message Passing', 'Justin Gilmer', '2017'),
      '--tag',
      'gnn',
      '--tag',
      'chemistry',
      '--body',
      'Messages.\n',
    ],
    '2026-01-01T00:00:00.000Z',
  )
  await ok(
    a,
    ['add', ...paperFlags('Gaussian Processes', 'Carl Rasmussen', '2004'), '--tag', 'bayesian', '--body', 'Kernels.\n'],
    '2026-01-01T00:00:00.000Z',
  )
  await ok(
    a,
    ['add', ...paperFlags('Attention Is All You Need', 'Ashish Vaswani', '2017'), '--body', 'Heads.\n'],
    '2026-01-01T00:00:00.000Z',
  )
  await ok(a, ['sync', 'init', '--remote', remote])
  await ok(a, ['sync'])
  await ok(b, ['sync', 'init', '--remote', remote])
  await ok(b, ['sync'])
  return dir
}

/** Two machines syncing through a bare remote: a copy of the template. */
const twoMachines = async () => copyOfMachines(await (template ??= makeTemplate()))

/** Two machines syncing through a bare remote: a copy of `made`, a folder laid out as the template is. */
function copyOfMachines(made: string) {
  const dir = copySyncSetup(made, ['a', 'b'])
  const remote = join(dir, 'remote.git')
  const files = { a: join(dir, 'a', 'library.json'), b: join(dir, 'b', 'library.json') }
  const [a, b] = [machine(files.a), machine(files.b)]
  return { dir, remote, files, a, b }
}

const read = (path: string) => parseLibrary(readFileSync(path, 'utf8'), path)

/**
 * Made once per file: the two machines of the template after A's earlier and B's later changes, before
 * either syncs, for the tests of the two sync orders. Each write commits (five git runs): made afresh in
 * each of the two tests, the writes took as long as their syncs.
 */
let edited: Promise<string> | undefined

async function makeEdited(): Promise<string> {
  const { dir, files, a, b } = await twoMachines()
  expect(read(files.b).summaries.map((s) => s.id)).toEqual(['gilmer2017neural', 'rasmussen2004gaussian', 'vaswani2017attention'])
  const earlier = '2026-02-01T00:00:00.000Z'
  const later = '2026-02-02T00:00:00.000Z'
  await ok(a, ['add', ...paperFlags('Deep Sets', 'Manzil Zaheer', '2017'), '--body', 'Sets from A.\n'], earlier)
  await ok(a, ['edit', 'gilmer2017neural', '--body', 'Body from A.\n'], earlier)
  await ok(a, ['edit', 'rasmussen2004gaussian', '--tag', 'ml'], earlier)
  await ok(a, ['rm', 'vaswani2017attention', '--yes'], earlier)
  await ok(b, ['add', ...paperFlags('Graph Attention Networks', 'Petar Velickovic', '2018'), '--body', 'GAT from B.\n'], later)
  await ok(b, ['edit', 'gilmer2017neural', '--title', 'Neural Message Passing for Quantum Chemistry'], later)
  await ok(b, ['edit', 'gilmer2017neural', '--body', 'Body from B.\n'], later)
  await ok(b, ['edit', 'rasmussen2004gaussian', '--tag', 'gp', '--untag', 'bayesian', '--body', 'Kernels, by B.\n'], later)
  return dir
}

describe('sync between two machines', () => {
  it.each([
    ['A syncs first', true],
    ['B syncs first', false],
  ])('%s: both end identical and nothing either side did is lost', async (_, aFirst) => {
    const { files, a, b } = copyOfMachines(await (edited ??= makeEdited()))
    const [first, second] = aFirst ? [a, b] : [b, a]
    await ok(first, ['sync'])
    const report = JSON.parse(await ok(second, ['--json', 'sync']))
    await ok(first, ['sync'])
    expect(report.conflicts).toEqual(['gilmer2017neural-conflict'])
    expect(report.pushed).toBe(true)

    expect(readFileSync(files.a, 'utf8')).toBe(readFileSync(files.b, 'utf8'))
    expect([files.a, files.b].map((f) => statSync(f).mode & 0o777)).toEqual([0o600, 0o600]) // merges keep it private
    const lib = read(files.a)
    expect(lib.summaries.map((s) => s.id)).toEqual([
      'gilmer2017neural',
      'gilmer2017neural-conflict',
      'rasmussen2004gaussian',
      'velickovic2018graph',
      'zaheer2017deep',
    ])
    const byId = new Map(lib.summaries.map((s) => [s.id, s]))
    // The same field on both sides: the later edit (B's) is kept, A's is in the conflict copy.
    expect(byId.get('gilmer2017neural')).toMatchObject({ body: 'Body from B.\n', tags: ['gnn', 'chemistry'] })
    expect(byId.get('gilmer2017neural-conflict')!.body).toMatch(/\n\nBody from A\.\n$/)
    expect(byId.get('gilmer2017neural-conflict')!.tags).toContain(CONFLICT_TAG)
    expect(lib.papers.find((p) => p.key === 'gilmer2017neural')!.title).toBe('Neural Message Passing for Quantum Chemistry')
    // Different fields and tag sets: everything kept.
    expect(byId.get('rasmussen2004gaussian')!.body).toBe('Kernels, by B.\n')
    expect([...byId.get('rasmussen2004gaussian')!.tags].sort()).toEqual(['gp', 'ml'])
    expect(lib.trash.map((e) => e.summary?.id)).toEqual(['vaswani2017attention'])
    expect(lib.papers.map((p) => p.key)).not.toContain('vaswani2017attention')
  })

  it('says what came in and what went out, and is up to date after', async () => {
    const { a, b } = await twoMachines()
    await ok(a, ['add', ...paperFlags('Deep Sets', 'Manzil Zaheer', '2017'), '--body', 'x'])
    await ok(a, ['edit', 'gilmer2017neural', '--body', 'y'])
    expect((await a(['sync'])).stderr).toBe(
      'Received from origin/main: 0 added, 0 changed, 0 removed\nSent to origin/main: 1 added, 1 changed, 0 removed\n',
    )
    await ok(b, ['rm', 'rasmussen2004gaussian', '--yes'])
    expect((await b(['sync'])).stderr).toBe(
      'Received from origin/main: 1 added, 1 changed, 0 removed\nSent to origin/main: 0 added, 0 changed, 1 removed\n',
    )
    expect((await b(['sync'])).stderr).toBe('Up to date with origin/main\n')
    expect((await b(['--quiet', 'sync'])).stderr).toBe('')
  })

  it("history shows a summary's versions from both machines, with what each commit did", async () => {
    const { a, b } = await twoMachines()
    await ok(a, ['edit', 'gilmer2017neural', '--tag', 'mpnn'], '2026-03-01T00:00:00.000Z')
    await ok(a, ['sync'])
    await ok(b, ['sync'])
    await ok(b, ['edit', 'gilmer2017neural', '--year', '2018'], '2026-03-02T00:00:00.000Z')
    const plain = await ok(b, ['history', 'gilmer2017neural'])
    expect(
      plain
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t').slice(2)),
    ).toEqual([
      ['paper.year', 'edit gilmer2017neural (year)'],
      ['tags', 'tag gilmer2017neural +mpnn'],
      ['added', 'add gilmer2017neural, rasmussen2004gaussian, vaswani2017attention'], // the library as sync init found it
    ])
    const versions = JSON.parse(await ok(b, ['--json', 'history', 'gilmer']))
    expect(versions.map((v: { paper: { year: number } }) => v.paper.year)).toEqual([2018, 2017, 2017])
    expect(versions[2].summary.body).toBe('Messages.\n')
    expect((await b(['history', 'nothing-like-it'])).code).toBe(3)
  })

  it('history still finds a summary deleted for good', async () => {
    const { a } = await twoMachines()
    await ok(a, ['rm', 'vaswani2017attention', '--yes'])
    await ok(a, ['trash', '--empty', '--yes'])
    const versions = JSON.parse(await ok(a, ['--json', 'history', 'vaswani2017attention']))
    expect(versions.map((v: { changed: string[] }) => v.changed)).toEqual([['deleted'], ['removed'], ['added']])
  })
})

describe('parseSyncInitOptions', () => {
  it.each([
    [{}, null],
    [{ remote: ' git@example.org:me/papers.git ' }, 'git@example.org:me/papers.git'],
    [{ remote: '/srv/papers.git' }, '/srv/papers.git'],
  ])('%j → remote %j', (raw, remote) => {
    expect(parseSyncInitOptions(raw)).toEqual({ remote, withFiles: false })
  })

  it('--with-files asks for the attached files to be carried', () => {
    expect(parseSyncInitOptions({ withFiles: true })).toEqual({ remote: null, withFiles: true })
  })

  it.each(['', '--upload-pack=touch /tmp/x', '-x'])('refuses --remote %j', (remote) => {
    expect(() => parseSyncInitOptions({ remote })).toThrow(UsageError)
  })
})

describe('sync init', () => {
  it('is safe to run again: nothing to add, nothing committed', async () => {
    const { files, a } = await twoMachines()
    const head = git(env, join(files.a, '..'), 'rev-parse', 'HEAD')
    const again = await a(['sync', 'init'])
    expect(again.code).toBe(0)
    expect(again.stderr).toContain('The merge setup was already in place')
    expect(git(env, join(files.a, '..'), 'rev-parse', 'HEAD')).toBe(head)
  })

  it('refuses --demo, which has nothing to sync', async () => {
    const ctx = testContext({ env: { ...env } })
    expect(await main(['--demo', 'sync', 'init'], ctx)).toBe(2)
    expect(ctx.stderr()).toContain('--demo')
  })
})

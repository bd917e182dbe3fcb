import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseLibrary } from '../../src/core/schema/schema.js'
import { main } from '../../src/main.js'
import { tempDir, testContext } from '../support/context.js'
import { git, sandboxProcessGit } from '../unit/sync/git-sandbox.js'

// Commands and the store's auto-commit run git with ctx.env; this process's environment is sandboxed too,
// for any git run made without it.
const env = sandboxProcessGit()

/** One machine: a library file, and a way to run precis on it at a given time (the Context clock). */
function machine(path: string) {
  return async (argv: string[], now = '2026-11-26T12:00:00.000Z') => {
    const ctx = testContext({ library: path, env: { ...env }, now })
    const code = await main(argv, ctx)
    expect(code, `${argv.join(' ')}: ${ctx.stderr()}`).toBe(0)
    return ctx.stdout()
  }
}

const read = (path: string) => parseLibrary(readFileSync(path, 'utf8'), path)

// The README says "the later edit is kept": a paper field edited on two machines used to keep
// whichever side synced last, whatever the times.
describe('sync: a paper field edited on two machines keeps the later edit', () => {
  it("edited on A, later on B; B syncs first, A second: B's title wins, A's is in the conflict note", async () => {
    const dir = tempDir('precis-sync-')
    const remote = join(dir, 'remote.git')
    git(env, dir, 'init', '--quiet', '--bare', remote)
    const files = { a: join(dir, 'a', 'library.json'), b: join(dir, 'b', 'library.json') }
    const [a, b] = [machine(files.a), machine(files.b)]
    await a(
      ['add', '--title', 'Neural Message Passing', '--author', 'Justin Gilmer', '--year', '2017', '--body', 'Messages.\n'],
      '2026-01-01T00:00:00.000Z',
    )
    await a(['sync', 'init', '--remote', remote])
    await a(['sync'])
    await b(['sync', 'init', '--remote', remote])
    await b(['sync'])

    await a(['edit', 'gilmer2017neural', '--title', 'Title from A'], '2026-02-01T00:00:00.000Z')
    await b(['edit', 'gilmer2017neural', '--title', 'Title from B'], '2026-02-02T00:00:00.000Z')
    await b(['sync'])
    const report = JSON.parse(await a(['--json', 'sync']))
    await b(['sync'])

    expect(report.conflicts).toEqual(['gilmer2017neural-conflict'])
    expect(readFileSync(files.a, 'utf8')).toBe(readFileSync(files.b, 'utf8'))
    const library = read(files.a)
    expect(library.papers.map((p) => p.title)).toEqual(['Title from B'])
    expect(library.summaries.find((s) => s.id === 'gilmer2017neural-conflict')!.body).toContain('- title: "Title from A"')
  })
})

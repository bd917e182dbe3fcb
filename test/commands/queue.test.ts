import { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { registerQueue, type QueueRuns } from '../../src/commands/queue/command.js'
import { main } from '../../src/main.js'
import type { Library } from '../../src/core/model.js'
import { testContext } from '../support/context.js'
import { libraryOf, paper, summary } from '../support/library.js'

/** A queue of three (one being read), a paper read, one in no state and one summarised without a state. */
function queueLibrary(): Library {
  return libraryOf(
    [
      paper({ key: 'alpha2020graphs', title: 'Graphs', added: '2024-03-01T00:00:00.000Z', state: 'to-read' }),
      paper({ key: 'beta2021kernels', title: 'Kernels', added: '2024-01-01T00:00:00.000Z', state: 'to-read', priority: 1 }),
      paper({ key: 'gamma2019priors', title: 'Priors', added: '2024-02-01T00:00:00.000Z', state: 'reading' }),
      paper({ key: 'delta2018done', title: 'Done', state: 'read' }),
      paper({ key: 'eps2017alone', title: 'Alone' }),
      paper({ key: 'zeta2016old', title: 'Old and summarised' }),
    ],
    [
      summary({ id: 'zeta2016old', paper: 'zeta2016old', tags: ['thesis'] }),
      summary({ id: 'alpha2020graphs', paper: 'alpha2020graphs', tags: ['thesis'] }),
    ],
  )
}

const keysIn = (lib: Library) => Object.fromEntries(lib.papers.map((p) => [p.key, [p.state ?? null, p.priority ?? null]]))
/** The library as the context's store holds it after a command. */
const stored = (ctx: ReturnType<typeof testContext>) => ctx.store.read()

describe('queue: argv → the right action', () => {
  async function parse(argv: string[]): Promise<unknown[][]> {
    const calls: unknown[][] = []
    const runs: QueueRuns = {
      list: async (opts) => void calls.push(['list', opts]),
      change: async (opts) => void calls.push(['change', opts]),
    }
    const program = new Command().exitOverride()
    program.configureOutput({ writeErr: () => undefined })
    registerQueue(program, testContext(), runs)
    await program.parseAsync(['queue', ...argv], { from: 'user' })
    return calls
  }

  it.each([
    [[], [['list', { limit: null }]]],
    [['--limit', '2'], [['list', { limit: 2 }]]],
    [['add', 'a', 'b'], [['change', { handles: ['a', 'b'], action: { kind: 'add' } }]]],
    [['add', 'a', '--priority', '1'], [['change', { handles: ['a'], action: { kind: 'add', priority: 1 } }]]],
    [['add', 'a', '--priority', 'none'], [['change', { handles: ['a'], action: { kind: 'add', priority: null } }]]],
    [['start', 'a'], [['change', { handles: ['a'], action: { kind: 'start' } }]]],
    [['done', 'a'], [['change', { handles: ['a'], action: { kind: 'done' } }]]],
    [['drop', 'a'], [['change', { handles: ['a'], action: { kind: 'drop' } }]]],
    [['set', 'a', '--priority', '5'], [['change', { handles: ['a'], action: { kind: 'priority', priority: 5 } }]]],
  ])('%j → %j', async (argv, calls) => expect(await parse(argv)).toEqual(calls))

  it.each([
    [['ad', 'a'], 'Unknown command "queue ad"'],
    [['add'], "missing required argument 'handles'"],
    [['add', 'a', '--priority', '0'], '--priority takes a whole number from 1 (read first) to 5 (read last), not "0"'],
    [['set', 'a'], 'queue set needs --priority <1-5|none>'],
    [['done', 'a', '--priority', '1'], "unknown option '--priority'"],
    [['--limit', '0'], '--limit'],
  ])('%j is refused: %s', async (argv, message) => {
    await expect(parse(argv)).rejects.toThrow(message)
  })
})

describe('queue (list)', () => {
  it('piped: one tab-separated line per paper, by priority then oldest added', async () => {
    const ctx = testContext({ tty: false, library: queueLibrary() })
    expect(await main(['queue'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe(
      'beta2021kernels\tto-read\t1\t2024-01-01T00:00:00.000Z\t2020\tKernels\n' +
        'gamma2019priors\treading\t\t2024-02-01T00:00:00.000Z\t2020\tPriors\n' +
        'alpha2020graphs\tto-read\t\t2024-03-01T00:00:00.000Z\t2020\tGraphs\n',
    )
  })

  it('in a terminal: priority, state, key, year and title within the width', async () => {
    const ctx = testContext({ tty: true, columns: 60, library: queueLibrary() })
    expect(await main(['queue', '--limit', '2'], ctx)).toBe(0)
    const lines = ctx.stdout().trimEnd().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^1 {2}to-read {2}beta2021kernels\s+2020 {2}Kernels$/)
    expect(lines[1]).toMatch(/^· {2}reading {2}gamma2019priors\s+2020 {2}Priors$/)
    expect(lines.every((line) => [...line].length <= 60)).toBe(true)
  })

  it('in a terminal, an empty queue says how to fill it, on stderr', async () => {
    const ctx = testContext({ tty: true, library: libraryOf([paper({ key: 'a2020x' })]) })
    expect(await main(['queue'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('')
    expect(ctx.stderr()).toContain('Nothing to read. Queue a paper with: precis queue add <handle>')
  })

  it('--json: the contract fields, in queue order', async () => {
    const ctx = testContext({ library: queueLibrary() })
    expect(await main(['queue', '--json'], ctx)).toBe(0)
    const rows = JSON.parse(ctx.stdout()) as Record<string, unknown>[]
    expect(rows.map((row) => row.key)).toEqual(['beta2021kernels', 'gamma2019priors', 'alpha2020graphs'])
    expect(rows[0]).toEqual({
      key: 'beta2021kernels',
      state: 'to-read',
      priority: 1,
      added: '2024-01-01T00:00:00.000Z',
      title: 'Kernels',
      authors: ['Ada Lovelace'],
      year: 2020,
      venue: null,
      arxiv: null,
      doi: null,
      url: null,
      summaries: 0,
    })
    expect(rows[2]).toMatchObject({ priority: null, summaries: 1 })
  })
})

describe('queue changes', () => {
  it.each([
    [['queue', 'add', 'eps2017alone', 'delta', '--priority', '2'], { eps2017alone: ['to-read', 2], delta2018done: ['to-read', 2] }],
    [['queue', 'start', 'beta', 'gamma'], { beta2021kernels: ['reading', 1] }],
    [['queue', 'start', 'alpha'], { alpha2020graphs: ['reading', null] }],
    [['queue', 'done', 'beta2021kernels', 'gamma'], { beta2021kernels: ['read', null], gamma2019priors: ['read', null] }],
    [['queue', 'drop', 'beta2021kernels'], { beta2021kernels: [null, null] }],
    [['queue', 'set', 'gamma', '--priority', '4'], { gamma2019priors: ['reading', 4] }],
    [['queue', 'set', 'beta', '--priority', 'none'], { beta2021kernels: ['to-read', null] }],
  ])('%j changes only the papers it names: %j', async (argv, changes) => {
    for (const tty of [true, false]) {
      const lib = queueLibrary()
      const before = keysIn(queueLibrary())
      const ctx = testContext({ tty, library: lib })
      expect(await main(argv, ctx), ctx.stderr()).toBe(0)
      expect(keysIn(await stored(ctx))).toEqual({ ...before, ...changes })
      expect(ctx.stdout().split('\n').filter(Boolean).sort()).toEqual(Object.keys(changes).sort()) // in the order named
      expect(ctx.stderr()).toMatch(/paper/)
    }
  })

  it('prints the changed keys in the order they were named', async () => {
    const ctx = testContext({ library: queueLibrary() })
    expect(await main(['queue', 'done', 'gamma', 'alpha'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('gamma2019priors\nalpha2020graphs\n')
  })

  it('a summary id names its paper; naming a paper twice changes it once', async () => {
    const lib = queueLibrary()
    const ctx = testContext({ library: lib })
    expect(await main(['queue', 'add', 'zeta2016old', 'zeta'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('zeta2016old\n')
    expect((await stored(ctx)).papers.find((p) => p.key === 'zeta2016old')?.state).toBe('to-read')
  })

  it('saying what is already so changes nothing and says so', async () => {
    const ctx = testContext({ library: queueLibrary() })
    expect(await main(['queue', 'start', 'gamma2019priors'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('')
    expect(ctx.stderr()).toContain('Nothing changed: already so')
  })

  it('a priority for a paper out of the queue is a usage error, and nothing is written', async () => {
    const lib = queueLibrary()
    const ctx = testContext({ library: lib })
    expect(await main(['queue', 'set', 'beta2021kernels', 'delta2018done', '--priority', '2'], ctx)).toBe(2)
    expect(ctx.stderr()).toContain('delta2018done: only a paper to read or being read has a priority')
    expect(keysIn(await stored(ctx))).toEqual(keysIn(queueLibrary()))
  })

  it('an unknown handle exits 3 before anything is written', async () => {
    const lib = queueLibrary()
    const ctx = testContext({ library: lib })
    expect(await main(['queue', 'done', 'beta2021kernels', 'nosuchpaper'], ctx)).toBe(3)
    expect(keysIn(await stored(ctx))).toEqual(keysIn(queueLibrary()))
  })

  it('--json prints each changed paper with its state and priority', async () => {
    const ctx = testContext({ library: queueLibrary() })
    expect(await main(['queue', 'add', 'eps2017alone', '--priority', '3', '--json'], ctx)).toBe(0)
    expect(JSON.parse(ctx.stdout())).toEqual([{ key: 'eps2017alone', state: 'to-read', priority: 3 }])
  })
})

describe('the reading state elsewhere', () => {
  it('list state:to-read tag:thesis finds the queued paper with that tag only', async () => {
    const ctx = testContext({ library: queueLibrary() })
    expect(await main(['list', 'state:to-read', 'tag:thesis'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('alpha2020graphs\t2020\tGraphs\tthesis\n')
  })

  it.each([
    ['state:read', ['delta2018done', 'zeta2016old']],
    ['state:none', ['eps2017alone']],
    ['state:reading', ['gamma2019priors']],
    ['-state:read -state:none', ['alpha2020graphs', 'beta2021kernels', 'gamma2019priors']],
  ])('list %s', async (query, ids) => {
    const ctx = testContext({ library: queueLibrary() })
    expect(await main(['list', '--sort', 'title', query], ctx)).toBe(0)
    expect(
      ctx
        .stdout()
        .trimEnd()
        .split('\n')
        .map((line) => line.split('\t')[0])
        .sort(),
    ).toEqual(ids)
  })

  it('list in a terminal marks a queued paper without a summary as to read or being read', async () => {
    const lib = queueLibrary()
    const ctx = testContext({ tty: true, columns: 80, library: lib })
    expect(await main(['list', '--sort', 'title'], ctx)).toBe(0)
    const row = (key: string) =>
      ctx
        .stdout()
        .split('\n')
        .find((line) => line.startsWith(key))
    expect(row('beta2021kernels')).toMatch(/\(to read\)$/)
    expect(row('gamma2019priors')).toMatch(/\(reading\)$/)
    expect(row('eps2017alone')).toMatch(/\(to summarise\)$/)
  })

  it('list --json carries the state (read for a summarised paper without one; null for none) and priority', async () => {
    const ctx = testContext({ library: queueLibrary() })
    expect(await main(['list', '--json'], ctx)).toBe(0)
    const rows = JSON.parse(ctx.stdout()) as { id: string; state: unknown; priority: unknown }[]
    const byId = Object.fromEntries(rows.map((row) => [row.id, [row.state, row.priority]]))
    expect(byId).toEqual({
      alpha2020graphs: ['to-read', null],
      beta2021kernels: ['to-read', 1],
      gamma2019priors: ['reading', null],
      delta2018done: ['read', null],
      eps2017alone: [null, null],
      zeta2016old: ['read', null],
    })
  })

  it('add --to-read queues a new paper without a summary; add with a summary marks a queued one read', async () => {
    const lib = libraryOf([])
    const ctx = testContext({ library: lib })
    const flags = ['--title', 'Attention Is All You Need', '--author', 'Ashish Vaswani', '--year', '2017']
    expect(await main(['add', ...flags, '--to-read', '--priority', '2'], ctx), ctx.stderr()).toBe(0)
    expect(ctx.stdout()).toBe('vaswani2017attention\n')
    expect(ctx.stderr()).toContain('Added vaswani2017attention: Attention Is All You Need, to read at priority 2 (no summary yet)')
    const queued = await stored(ctx)
    expect(queued.summaries).toEqual([])
    expect(queued.papers[0]).toMatchObject({ key: 'vaswani2017attention', state: 'to-read', priority: 2 })

    const later = testContext({ tty: true, library: queued })
    expect(await main(['add', 'vaswani2017attention', '--body', 'Self-attention only.', '--tag', 'nlp'], later), later.stderr()).toBe(0)
    const [read] = (await stored(later)).papers
    expect(read!.state).toBe('read')
    expect(read!.priority).toBeUndefined()
  })

  it('add --to-read on a paper of the library queues it again', async () => {
    const lib = queueLibrary()
    const ctx = testContext({ library: lib })
    expect(await main(['add', 'delta2018done', '--to-read'], ctx)).toBe(0)
    expect((await stored(ctx)).papers.find((p) => p.key === 'delta2018done')?.state).toBe('to-read')
    expect(ctx.stderr()).toContain('is already in the library, to read')
  })

  it.each([
    [['add', '--title', 'T', '--author', 'A', '--to-read', '--body', 'x'], '--to-read adds the paper alone: --body belongs to a summary'],
    [
      ['add', '--title', 'T', '--author', 'A', '--no-summary', '--tag', 'x', '--by', 'B'],
      '--no-summary adds the paper alone: --tag, --by belong to a summary',
    ],
    [['add', '--title', 'T', '--author', 'A', '--priority', '2'], '--priority belongs to --to-read'],
    [['add', '--title', 'T', '--author', 'A', '--to-read', '--priority', 'high'], '--priority takes a whole number'],
  ])('%j is a usage error', async (argv, message) => {
    const ctx = testContext({ library: libraryOf([]) })
    expect(await main(argv, ctx)).toBe(2)
    expect(ctx.stderr()).toContain(message)
  })
})

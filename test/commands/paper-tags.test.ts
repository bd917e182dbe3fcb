/**
 * Tags on papers not yet summarised, command by command, in a terminal and in a pipe: add tags a
 * queued paper, tag changes it, list, tags and queue show it, and its first summary takes them over.
 */
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import type { Library } from '../../src/core/model.js'
import { testContext } from '../support/context.js'
import { libraryOf, paper, summary } from '../support/library.js'

/** A queued paper tagged thesis, one queued untagged, a paper alone, and a summarised paper tagged ml/gnn. */
function library(): Library {
  return libraryOf(
    [
      paper({ key: 'alpha2020graphs', title: 'Graphs', year: 2020, state: 'to-read', tags: ['thesis'] }),
      paper({ key: 'beta2021kernels', title: 'Kernels', year: 2021, state: 'to-read', priority: 1 }),
      paper({ key: 'gamma2019priors', title: 'Priors', year: 2019 }),
      paper({ key: 'delta2018nets', title: 'Nets', year: 2018 }),
    ],
    [summary({ id: 'delta2018nets', paper: 'delta2018nets', tags: ['ml/gnn'] })],
  )
}

const ownTags = async (ctx: ReturnType<typeof testContext>) =>
  Object.fromEntries((await ctx.store.read()).papers.map((p) => [p.key, p.tags ?? null]))
const firstColumn = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t')[0])

describe('add --to-read / --no-summary --tag', () => {
  it.each([
    ['--to-read', ['--to-read']],
    ['--no-summary', ['--no-summary']],
  ])('%s tags the new paper (normalised), in a pipe', async (_, flags) => {
    const ctx = testContext({ library: library() })
    const argv = [
      'add',
      '--title',
      'A New Paper',
      '--author',
      'Ann Other',
      '--year',
      '2024',
      ...flags,
      '--tag',
      'My Thesis',
      '--tag',
      'ml/GNN',
    ]
    expect(await main(argv, ctx)).toBe(0)
    const key = ctx.stdout().trim()
    expect((await ownTags(ctx))[key]).toEqual(['my-thesis', 'ml/gnn'])
  })

  it('in a terminal warns of a tag like an existing one and lets you take the existing one', async () => {
    const ctx = testContext({ tty: true, library: library(), answers: { similarTag: 'thesis' } })
    expect(await main(['add', '--title', 'T', '--author', 'A', '--year', '2024', '--to-read', '--tag', 'theses'], ctx)).toBe(0)
    expect(ctx.asked).toEqual(['similarTag'])
    expect(ctx.stderr()).toContain('looks like the existing "thesis"')
    expect((await ownTags(ctx))[ctx.stdout().trim()]).toEqual(['thesis'])
  })

  it('--json prints the record with the paper’s tags', async () => {
    const ctx = testContext({ library: library() })
    expect(await main(['--json', 'add', '--title', 'T', '--author', 'A', '--year', '2024', '--to-read', '--tag', 'thesis'], ctx)).toBe(0)
    const printed = JSON.parse(ctx.stdout()) as { record: Record<string, unknown> }
    expect(printed.record).toMatchObject({ state: 'to-read', tags: ['thesis'], by: null })
  })

  it('on a paper already there adds to its own tags; on one with a summary, to its summary', async () => {
    const ctx = testContext({ library: library() })
    expect(await main(['add', 'alpha2020graphs', '--to-read', '--tag', 'reread'], ctx)).toBe(0)
    expect(await main(['add', 'delta2018nets', '--to-read', '--tag', 'reread'], ctx)).toBe(0)
    const lib = await ctx.store.read()
    expect(lib.papers.find((p) => p.key === 'alpha2020graphs')!.tags).toEqual(['thesis', 'reread'])
    expect(lib.papers.find((p) => p.key === 'delta2018nets')).not.toHaveProperty('tags')
    expect(lib.summaries[0]!.tags).toEqual(['ml/gnn', 'reread'])
  })

  it('a summary written later takes the paper’s tags over, with its own', async () => {
    const ctx = testContext({ library: library() })
    expect(await main(['add', 'alpha2020graphs', '--body', 'Read it.', '--tag', 'gnn'], ctx)).toBe(0)
    const lib = await ctx.store.read()
    expect(lib.papers.find((p) => p.key === 'alpha2020graphs')).not.toHaveProperty('tags')
    expect(lib.summaries.find((s) => s.paper === 'alpha2020graphs')!.tags).toEqual(['gnn', 'thesis'])
  })
})

describe('tag on a paper without summaries', () => {
  it('adds and removes its own tags, printing its key', async () => {
    const ctx = testContext({ library: library() })
    expect(await main(['tag', 'gamma2019priors', 'alpha2020graphs', '+later', '-thesis'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('gamma2019priors\nalpha2020graphs\n')
    expect(ctx.stderr()).toBe('Changed tags on 2 papers (+later -thesis)\n')
    const tags = await ownTags(ctx)
    expect([tags.gamma2019priors, tags.alpha2020graphs]).toEqual([['later'], ['later']])
  })

  it('--query reaches papers and summaries alike, and says so', async () => {
    const ctx = testContext({ library: library(), answers: { confirm: true } })
    expect(await main(['--json', 'tag', '--query', 'year:>=2018 -year:2021', '+read-soon', '--yes'], ctx)).toBe(0)
    expect((JSON.parse(ctx.stdout()) as { id: string }[]).map((c) => c.id).sort()).toEqual([
      'alpha2020graphs',
      'delta2018nets',
      'gamma2019priors',
    ])
    expect(ctx.stderr()).toBe('Changed tags on 3 entries (+read-soon)\n')
  })

  it('--dry-run writes nothing', async () => {
    const ctx = testContext({ library: library() })
    expect(await main(['tag', 'beta2021kernels', '+x', '--dry-run'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('beta2021kernels +x\n')
    expect((await ownTags(ctx)).beta2021kernels).toBeNull()
  })

  it('in a terminal without +/- picks the paper’s tags from a list', async () => {
    const ctx = testContext({ tty: true, library: library(), answers: { existingTags: { ticked: ['ml/gnn'], typed: '' }, tags: '' } })
    expect(await main(['tag', 'alpha2020graphs'], ctx)).toBe(0)
    expect((await ownTags(ctx)).alpha2020graphs).toEqual(['ml/gnn'])
  })
})

describe('reads show a paper’s own tags', () => {
  it('list in a pipe: the tags column; list tag: and state: filter by them', async () => {
    const ctx = testContext({ library: library() })
    expect(await main(['list', '--sort', 'title'], ctx)).toBe(0)
    expect(ctx.stdout()).toContain('alpha2020graphs\t2020\tGraphs\tthesis\n')
    const filtered = testContext({ library: library() })
    expect(await main(['list', 'state:to-read', 'tag:thesis'], filtered)).toBe(0)
    expect(firstColumn(filtered.stdout())).toEqual(['alpha2020graphs'])
  })

  it('list in a terminal: the queue mark, then the tags', async () => {
    const ctx = testContext({ tty: true, columns: 80, library: library() })
    expect(await main(['list', '--sort', 'title'], ctx)).toBe(0)
    const row = (key: string) =>
      ctx
        .stdout()
        .split('\n')
        .find((line) => line.startsWith(key))
    expect(row('alpha2020graphs')).toMatch(/\(to read\) #thesis$/)
    expect(row('beta2021kernels')).toMatch(/\(to read\)$/)
    expect(row('delta2018nets')).toMatch(/#ml\/gnn$/)
  })

  it('list --json carries them as the entry’s tags', async () => {
    const ctx = testContext({ library: library() })
    expect(await main(['list', '--json', 'id:alpha'], ctx)).toBe(0)
    expect(JSON.parse(ctx.stdout())).toEqual([expect.objectContaining({ id: 'alpha2020graphs', tags: ['thesis'], state: 'to-read' })])
  })

  it('tags counts them with the summaries’ (pipe, --json, terminal)', async () => {
    const json = testContext({ library: library() })
    expect(await main(['--json', 'tags'], json)).toBe(0)
    expect(JSON.parse(json.stdout())).toEqual([
      { tag: 'ml', count: 1, own: 0 },
      { tag: 'ml/gnn', count: 1, own: 1 },
      { tag: 'thesis', count: 1, own: 1 },
    ])
    const tty = testContext({ tty: true, library: library() })
    expect(await main(['tags'], tty)).toBe(0)
    expect(tty.stdout()).toContain('thesis')
  })

  it('tags rename reaches them, naming the papers apart', async () => {
    const ctx = testContext({ library: library() })
    expect(await main(['tags', 'rename', 'thesis', 'phd'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('alpha2020graphs\n')
    expect(ctx.stderr()).toBe('Renamed "thesis" to "phd" on 1 paper\n')
    expect((await ownTags(ctx)).alpha2020graphs).toEqual(['phd'])
  })

  it('queue shows them: --json, the pipe’s last column, after the title in a terminal', async () => {
    const json = testContext({ library: library() })
    expect(await main(['--json', 'queue'], json)).toBe(0)
    const rows = JSON.parse(json.stdout()) as { key: string; tags: string[] }[]
    expect(rows.map((r) => [r.key, r.tags])).toEqual([
      ['beta2021kernels', []],
      ['alpha2020graphs', ['thesis']],
    ])
    const pipe = testContext({ library: library() })
    expect(await main(['queue'], pipe)).toBe(0)
    expect(pipe.stdout().split('\n')[1]).toMatch(/^alpha2020graphs\t.*\tGraphs\tthesis$/)
    const tty = testContext({ tty: true, columns: 60, library: library() })
    expect(await main(['queue'], tty)).toBe(0)
    const line = tty.stdout().split('\n')[1]!
    expect(line).toMatch(/alpha2020graphs\s+2020\s+Graphs\s+#thesis$/)
    expect(line.length).toBeLessThanOrEqual(60)
  })

  it('completion offers them for tags, tag +/- and tag: queries', async () => {
    const complete = async (source: string, prefix: string) => {
      const ctx = testContext({ library: library() })
      expect(await main(['__complete', source, '--', prefix], ctx)).toBe(0)
      return ctx.stdout().split('\n').filter(Boolean)
    }
    expect(await complete('tags', 'th')).toEqual(['thesis'])
    expect(await complete('tag-ops', '-th')).toEqual(['-thesis'])
    expect(await complete('query', 'tag:th')).toEqual(['tag:thesis'])
  })

  it('show prints a paper’s own tags under its header', async () => {
    const ctx = testContext({ library: library() })
    expect(await main(['show', 'alpha2020graphs'], ctx)).toBe(0)
    expect(ctx.stdout()).toContain('tags: thesis')
  })
})

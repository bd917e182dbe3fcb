import { Command } from 'commander'
import { describe, expect, it, vi } from 'vitest'
import { registerTags, type TagsRuns } from '../../src/commands/tags/command.js'
import { main } from '../../src/main.js'
import { emptyLibrary } from '../../src/core/model.js'
import { testContext } from '../support/context.js'
import { summary } from '../support/library.js'
import { taggedLibrary, tagsById } from './tag-fixtures.js'

/** The tagged library plus a trashed summary and more hierarchy, for counts and renames. */
function library() {
  const lib = taggedLibrary()
  lib.summaries.push(summary({ id: 'beta2021kernels-2', paper: 'beta2021kernels', tags: ['ml/gnn/mpnn', 'ml/rl'] }))
  lib.trash.push({
    summary: summary({ id: 'gamma2019priors-2', paper: 'gamma2019priors', tags: ['ml/old'] }),
    paper: null,
    deleted: '2025-01-01T00:00:00.000Z',
  })
  return lib
}

describe('tags: argv → the right action', () => {
  function spies(): TagsRuns & { calls: unknown[][] } {
    const calls: unknown[][] = []
    const record = (name: string) => async (opts: unknown) => void calls.push([name, opts])
    return { calls, list: record('list'), rename: record('rename'), rm: record('rm') }
  }
  async function parse(argv: string[]): Promise<unknown[][]> {
    const runs = spies()
    const program = new Command().exitOverride()
    program.configureOutput({ writeErr: () => undefined })
    registerTags(program, testContext(), runs)
    await program.parseAsync(['tags', ...argv], { from: 'user' })
    return runs.calls
  }

  it.each([
    [[], [['list', { sort: 'count', flat: false }]]],
    [['--sort', 'name', '--flat'], [['list', { sort: 'name', flat: true }]]],
    [['rename', 'ML', 'Graph Learning'], [['rename', { from: 'ml', to: 'graph-learning', dryRun: false }]]],
    [['rename', 'a', 'b', '--dry-run'], [['rename', { from: 'a', to: 'b', dryRun: true }]]],
    [['rm', 'ML'], [['rm', { tag: 'ml', recursive: false, yes: false, dryRun: false }]]],
    [['rm', 'ml', '-r', '-y'], [['rm', { tag: 'ml', recursive: true, yes: true, dryRun: false }]]],
  ])('%j → %j', async (argv, calls) => expect(await parse(argv)).toEqual(calls))

  it.each([
    [['--sort', 'size'], "argument 'size' is invalid. Allowed choices are count, name."],
    [['renam', 'a', 'b'], 'Unknown command "tags renam"'],
    [['rename', 'a'], "missing required argument 'new'"],
    [['rename', 'a', 'b//c'], 'Invalid tag "b//c"'],
  ])('%j is refused: %s', async (argv, message) => {
    await expect(parse(argv)).rejects.toThrow(message)
  })
})

describe('tags (list)', () => {
  it('in a terminal draws a tree with rolled-up counts, most used first', async () => {
    const ctx = testContext({ tty: true, library: library() })
    expect(await main(['tags'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe(['3  ml', '2  ├─ gnn', '1  │  └─ mpnn', '1  └─ rl', '2  bayesian', '1  todo', ''].join('\n'))
    expect(ctx.stderr()).toBe('')
  })

  it('--sort name --flat lists full names alphabetically', async () => {
    const ctx = testContext({ tty: true, library: library() })
    expect(await main(['tags', '--sort', 'name', '--flat'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe(['2  bayesian', '3  ml', '2  ml/gnn', '1  ml/gnn/mpnn', '1  ml/rl', '1  todo', ''].join('\n'))
  })

  it('piped, prints tab-separated tag, count and own count', async () => {
    const ctx = testContext({ library: library() })
    expect(await main(['tags'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('ml\t3\t1\nbayesian\t2\t2\nml/gnn\t2\t1\nml/gnn/mpnn\t1\t1\nml/rl\t1\t1\ntodo\t1\t1\n')
  })

  it('--json prints {tag, count, own} for every tag', async () => {
    const ctx = testContext({ library: library() })
    expect(await main(['--json', 'tags', '--sort', 'name'], ctx)).toBe(0)
    expect(JSON.parse(ctx.stdout())).toEqual([
      { tag: 'bayesian', count: 2, own: 2 },
      { tag: 'ml', count: 3, own: 1 },
      { tag: 'ml/gnn', count: 2, own: 1 },
      { tag: 'ml/gnn/mpnn', count: 1, own: 1 },
      { tag: 'ml/rl', count: 1, own: 1 },
      { tag: 'todo', count: 1, own: 1 },
    ])
  })

  it.each([
    [true, '', 'No tags yet. Add some with: precis tag <handle> +tag\n'],
    [false, '', ''],
  ])('an untagged library (tty %s) prints %j and says %j', async (tty, out, err) => {
    const ctx = testContext({ tty, library: emptyLibrary() })
    expect(await main(['tags'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe(out)
    expect(ctx.stderr()).toBe(err)
  })

  it('an untagged library with --json is an empty array', async () => {
    const ctx = testContext({ library: emptyLibrary() })
    expect(await main(['tags', '--json'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('[]\n')
  })

  it('shows help with examples, and subcommands', async () => {
    const ctx = testContext()
    expect(await main(['tags', '--help'], ctx)).toBe(0)
    expect(ctx.stdout()).toContain('Usage: precis tags [options] [command]')
    expect(ctx.stdout()).toMatch(/Commands:\n\s+rename \[options\] <old> <new>/)
    expect(ctx.stdout()).toContain('precis tags rename ml graph          # ml/gnn becomes graph/gnn')
  })
})

describe('tags rename', () => {
  it('renames a parent with its children everywhere in one write, printing the changed ids', async () => {
    const ctx = testContext({ library: library() })
    const update = vi.spyOn(ctx.store, 'update')
    expect(await main(['tags', 'rename', 'ML', 'graph'], ctx)).toBe(0)
    expect(update).toHaveBeenCalledTimes(1)
    expect(ctx.stdout()).toBe('alpha2020graphs\nbeta2021kernels\nbeta2021kernels-2\n')
    expect(ctx.stderr()).toBe('Renamed "ml" to "graph" on 3 summaries (and 1 summary in the trash)\n')
    expect(await tagsById(ctx.store)).toEqual({
      alpha2020graphs: ['graph/gnn', 'todo'],
      beta2021kernels: ['graph', 'bayesian'],
      gamma2019priors: ['bayesian'],
      'beta2021kernels-2': ['graph/gnn/mpnn', 'graph/rl'],
    })
    expect((await ctx.store.read()).trash[0]?.summary?.tags).toEqual(['graph/old'])
  })

  it('merges into an existing tag, saying so', async () => {
    const ctx = testContext({ library: library() })
    expect(await main(['tags', 'rename', 'todo', 'bayesian'], ctx)).toBe(0)
    expect(ctx.stderr()).toBe('Renamed "todo" to "bayesian" on 1 summary, merged into the existing tag "bayesian"\n')
    expect((await tagsById(ctx.store)).alpha2020graphs).toEqual(['ml/gnn', 'bayesian'])
  })

  it('--dry-run reports and writes nothing', async () => {
    const ctx = testContext({ library: library() })
    expect(await main(['tags', 'rename', 'ml/gnn', 'gnn', '--dry-run'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('alpha2020graphs\nbeta2021kernels-2\n')
    expect(ctx.stderr()).toBe('Would rename "ml/gnn" to "gnn" on 2 summaries (dry run: nothing written)\n')
    expect(await ctx.store.read()).toEqual(library())
  })

  it('--json prints the result', async () => {
    const ctx = testContext({ library: library() })
    expect(await main(['--json', 'tags', 'rename', 'todo', 'later'], ctx)).toBe(0)
    expect(JSON.parse(ctx.stdout())).toEqual({ changed: ['alpha2020graphs'], papers: [], inTrash: 0, merged: false })
  })

  it('an unknown tag is exit 3 with close candidates', async () => {
    const ctx = testContext({ library: library() })
    expect(await main(['tags', 'rename', 'bayesain', 'x'], ctx)).toBe(3)
    expect(ctx.stderr()).toBe('precis: No summary or paper has the tag "bayesain"\nDid you mean:\n  bayesian\n')
  })
})

describe('tags rm', () => {
  it('without a terminal needs --yes', async () => {
    const ctx = testContext({ library: library() })
    expect(await main(['tags', 'rm', 'bayesian'], ctx)).toBe(2)
    expect(ctx.stderr()).toContain('Remove "bayesian" from 2 summaries: pass --yes to confirm when not interactive')
    expect(await ctx.store.read()).toEqual(library())
  })

  it('with --yes removes the tag only, keeping the tags below it', async () => {
    const ctx = testContext({ library: library() })
    expect(await main(['tags', 'rm', 'ml', '--yes'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('beta2021kernels\n')
    expect(ctx.stderr()).toBe('Removed "ml" from 1 summary\n')
    expect((await tagsById(ctx.store))['beta2021kernels-2']).toEqual(['ml/gnn/mpnn', 'ml/rl'])
  })

  it('in a terminal asks, and --recursive takes the children too (trash included)', async () => {
    const ctx = testContext({ tty: true, library: library(), answers: { confirm: true } })
    expect(await main(['tags', 'rm', 'ml', '--recursive'], ctx)).toBe(0)
    expect(ctx.asked).toEqual(['confirm'])
    expect(ctx.stderr()).toBe('Removed "ml" and the tags below it from 3 summaries (and 1 summary in the trash)\n')
    expect(await tagsById(ctx.store)).toEqual({
      alpha2020graphs: ['todo'],
      beta2021kernels: ['bayesian'],
      gamma2019priors: ['bayesian'],
      'beta2021kernels-2': [],
    })
  })

  it('no at the question is exit 130, nothing removed', async () => {
    const ctx = testContext({ tty: true, library: library(), answers: { confirm: false } })
    expect(await main(['tags', 'rm', 'todo'], ctx)).toBe(130)
    expect(await ctx.store.read()).toEqual(library())
  })

  it('a parent only used through its children needs --recursive', async () => {
    const ctx = testContext({ library: library() })
    expect(await main(['tags', 'rm', 'ml/gnn', '--yes'], ctx)).toBe(0)
    const again = testContext({ library: await ctx.store.read() })
    expect(await main(['tags', 'rm', 'ml/gnn', '--yes'], again)).toBe(2)
    expect(again.stderr()).toContain('only tags below it; pass --recursive')
  })

  it('--dry-run lists what would change', async () => {
    const ctx = testContext({ library: library() })
    expect(await main(['tags', 'rm', 'bayesian', '--dry-run'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('beta2021kernels\ngamma2019priors\n')
    expect(ctx.stderr()).toBe('Would remove "bayesian" from 2 summaries (dry run: nothing written)\n')
    expect(await ctx.store.read()).toEqual(library())
  })

  it('an unknown tag is exit 3', async () => {
    const ctx = testContext({ library: library() })
    expect(await main(['tags', 'rm', 'nothing', '--yes'], ctx)).toBe(3)
  })
})

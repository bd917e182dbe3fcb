import { Command } from 'commander'
import { describe, expect, it, vi } from 'vitest'
import { registerTag } from '../../src/commands/tag/command.js'
import type { TagOptions } from '../../src/commands/tag/run.js'
import { CancelError } from '../../src/core/errors.js'
import { main } from '../../src/main.js'
import { testContext } from '../support/context.js'
import { taggedLibrary, tagsById } from './tag-fixtures.js'

const NOW = '2026-11-26T12:00:00.000Z'

describe('tag: argv → options', () => {
  async function parse(argv: string[]): Promise<TagOptions> {
    const run = vi.fn(async () => undefined)
    const program = new Command().exitOverride()
    registerTag(program, testContext(), run)
    await program.parseAsync(['tag', ...argv], { from: 'user' })
    return (run.mock.calls[0] as unknown as [TagOptions])[0]
  }

  it('splits handles from +/- tags and reads the flags', async () => {
    expect(await parse(['alpha', 'beta', '+GNN', '-todo', '--dry-run'])).toEqual({
      handles: ['alpha', 'beta'],
      query: null,
      changes: { add: ['gnn'], remove: ['todo'] },
      yes: false,
      dryRun: true,
    })
  })

  it('takes a tag that looks like an option after --', async () => {
    expect((await parse(['alpha', '--', '-y'])).changes).toEqual({ add: [], remove: ['y'] })
  })

  it('parses --query with the search grammar', async () => {
    const opts = await parse(['--query', 'tag:ml year:>=2020', '+x', '--yes'])
    expect(opts.query?.clauses).toHaveLength(2)
    expect(opts).toMatchObject({ handles: [], yes: true, changes: { add: ['x'], remove: [] } })
  })
})

describe('tag with handles', () => {
  it('adds and removes, printing the changed ids on stdout and a message on stderr', async () => {
    const ctx = testContext({ library: taggedLibrary() })
    expect(await main(['tag', 'alpha2020graphs', 'gamma', '+Reading List', '-todo'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('alpha2020graphs\ngamma2019priors\n')
    expect(ctx.stderr()).toBe('Changed tags on 2 summaries (+reading-list -todo)\n')
    expect(await tagsById(ctx.store)).toEqual({
      alpha2020graphs: ['ml/gnn', 'reading-list'],
      beta2021kernels: ['ml', 'bayesian'],
      gamma2019priors: ['bayesian', 'reading-list'],
    })
    const lib = await ctx.store.read()
    expect(lib.summaries.map((s) => s.updated)).toEqual([NOW, '2024-02-01T00:00:00.000Z', NOW])
  })

  it('says so and writes nothing when the summaries already have those tags', async () => {
    const ctx = testContext({ library: taggedLibrary() })
    const update = vi.spyOn(ctx.store, 'update')
    expect(await main(['tag', 'gamma2019priors', '+bayesian', '-todo'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('')
    expect(ctx.stderr()).toBe('Nothing to change: 1 summary already has those tags\n')
    expect(update).not.toHaveBeenCalled()
  })

  it('works with tags named like Object.prototype members', async () => {
    const ctx = testContext({ library: taggedLibrary() })
    expect(await main(['tag', 'beta2021kernels', '+__proto__', '+constructor', '+toString', '-ml'], ctx)).toBe(0)
    expect((await tagsById(ctx.store)).beta2021kernels).toEqual(['bayesian', '__proto__', 'constructor', 'tostring'])
  })

  it.each([
    [['tag', 'alpha2020graphs', '+ml//gnn'], 2, 'Invalid tag "+ml//gnn": it has an empty segment around "/"'],
    [['tag', 'alpha2020graphs', `+${'x'.repeat(65)}`], 2, 'longer than 64 characters'],
    [['tag', 'alpha2020graphs', '+ok', '-OK'], 2, 'The tag "ok" is both added and removed'],
    [['tag', 'alpha2020graphs', '--frobnicate', '+x'], 2, "unknown option '--frobnicate'"],
    [['tag', '+x'], 2, 'Which summaries?'],
    [['tag', 'alpha2020graphs', '--query', 'tag:ml', '+x'], 2, 'Give handles or --query, not both'],
    [['tag', 'nosuch', '+x'], 3, 'No summary or paper matches "nosuch"'],
    [['tag', 'alpha2020graphs'], 2, 'Give the tags to change'],
  ])('%j exits %i: %s', async (argv, code, message) => {
    const ctx = testContext({ library: taggedLibrary() })
    expect(await main(argv, ctx)).toBe(code)
    expect(ctx.stderr()).toContain(message)
    expect(ctx.stdout()).toBe('')
    expect(await ctx.store.read()).toEqual(taggedLibrary())
  })

  it('--dry-run prints the plan and writes nothing', async () => {
    const ctx = testContext({ library: taggedLibrary() })
    expect(await main(['tag', 'alpha2020graphs', 'beta2021kernels', '+bayesian', '-todo', '--dry-run'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('alpha2020graphs +bayesian -todo\n')
    expect(ctx.stderr()).toBe('Would change 1 summary (dry run: nothing written)\n')
    expect(await ctx.store.read()).toEqual(taggedLibrary())
  })

  it('--json prints what changed on each summary', async () => {
    const ctx = testContext({ library: taggedLibrary() })
    expect(await main(['tag', 'alpha2020graphs', 'beta2021kernels', '+bayesian', '-todo', '--json'], ctx)).toBe(0)
    expect(JSON.parse(ctx.stdout())).toEqual([
      { id: 'alpha2020graphs', added: ['bayesian'], removed: ['todo'], tags: ['ml/gnn', 'bayesian'] },
    ])
  })
})

describe('tag: the similar-tag guard', () => {
  it('warns without a terminal, naming the existing tag, and keeps the new one', async () => {
    const ctx = testContext({ library: taggedLibrary() })
    expect(await main(['tag', 'gamma2019priors', '+ml/gnns', '+to_do'], ctx)).toBe(0)
    expect(ctx.stderr()).toBe(
      'Warning: the new tag "ml/gnns" looks like the existing "ml/gnn" (plural or singular)\n' +
        'Warning: the new tag "to_do" looks like the existing "todo" (other separators)\n' +
        'Changed tags on 1 summary (+ml/gnns +to_do)\n',
    )
    expect((await tagsById(ctx.store)).gamma2019priors).toEqual(['bayesian', 'ml/gnns', 'to_do'])
  })

  it('in a terminal offers the existing tag instead', async () => {
    const ctx = testContext({ tty: true, library: taggedLibrary(), answers: { similarTag: 'todo' } })
    expect(await main(['tag', 'gamma2019priors', '+to-do', '+fresh'], ctx)).toBe(0)
    expect(ctx.asked).toEqual(['similarTag'])
    expect((await tagsById(ctx.store)).gamma2019priors).toEqual(['bayesian', 'todo', 'fresh'])
    expect(ctx.stderr()).toContain('Changed tags on 1 summary (+todo +fresh)')
  })

  it('in a terminal keeps the new tag when asked to', async () => {
    const ctx = testContext({
      tty: true,
      library: taggedLibrary(),
      answers: { similarTag: (q: { choices: { value: string }[] }) => q.choices.at(-1)!.value },
    })
    expect(await main(['tag', 'gamma2019priors', '+bayesians'], ctx)).toBe(0)
    expect((await tagsById(ctx.store)).gamma2019priors).toEqual(['bayesian', 'bayesians'])
  })

  it('does not warn about a tag the library already has', async () => {
    const ctx = testContext({ tty: true, library: taggedLibrary() })
    expect(await main(['tag', 'gamma2019priors', '+todo'], ctx)).toBe(0)
    expect(ctx.asked).toEqual([])
    expect(ctx.stderr()).toBe('Changed tags on 1 summary (+todo)\n')
  })
})

describe('tag: picking tags in a terminal', () => {
  it('offers the library tags (current ones ticked) and new ones, then applies the difference', async () => {
    let offered: unknown
    const ctx = testContext({
      tty: true,
      library: taggedLibrary(),
      answers: {
        existingTags: (q: { choices: unknown }) => ((offered = q.choices), { ticked: ['bayesian', 'ml/gnn'], typed: '' }),
        tags: 'Theory, proofs',
      },
    })
    expect(await main(['tag', 'alpha2020graphs'], ctx)).toBe(0)
    expect(offered).toEqual([
      { name: 'bayesian', value: 'bayesian', checked: false },
      { name: 'ml', value: 'ml', checked: false },
      { name: 'ml/gnn', value: 'ml/gnn', checked: true },
      { name: 'todo', value: 'todo', checked: true },
    ])
    expect(ctx.stdout()).toBe('alpha2020graphs\n')
    expect((await tagsById(ctx.store)).alpha2020graphs).toEqual(['ml/gnn', 'bayesian', 'theory', 'proofs'])
  })

  it('asks once about a typed tag like an existing one', async () => {
    const ctx = testContext({
      tty: true,
      library: taggedLibrary(),
      answers: { existingTags: { ticked: ['bayesian'], typed: '' }, tags: 'priors, todos', similarTag: 'todos' },
    })
    expect(await main(['tag', 'gamma2019priors'], ctx)).toBe(0)
    expect(ctx.asked).toEqual(['existingTags', 'tags', 'similarTag'])
    expect((await tagsById(ctx.store)).gamma2019priors).toEqual(['bayesian', 'priors', 'todos'])
  })

  it('refuses a pick for several summaries at once', async () => {
    const ctx = testContext({ tty: true, library: taggedLibrary() })
    expect(await main(['tag', 'alpha2020graphs', 'beta2021kernels'], ctx)).toBe(2)
    expect(ctx.stderr()).toContain('name 2 summaries')
  })
})

describe('tag --query (bulk)', () => {
  it('without a terminal needs --yes, and changes nothing without it', async () => {
    const ctx = testContext({ library: taggedLibrary() })
    expect(await main(['tag', '--query', 'tag:ml', '+reviewed'], ctx)).toBe(2)
    expect(ctx.stderr()).toContain('Change tags (+reviewed) on 2 summaries: pass --yes to confirm when not interactive')
    expect(await ctx.store.read()).toEqual(taggedLibrary())
  })

  it('with --yes changes every matching summary (tag:ml includes ml/gnn)', async () => {
    const ctx = testContext({ library: taggedLibrary() })
    expect(await main(['tag', '--query', 'tag:ml', '+reviewed', '-todo', '--yes'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('alpha2020graphs\nbeta2021kernels\n')
    expect(ctx.stderr()).toBe('Changed tags on 2 summaries (+reviewed -todo)\n')
    expect(await tagsById(ctx.store)).toEqual({
      alpha2020graphs: ['ml/gnn', 'reviewed'],
      beta2021kernels: ['ml', 'bayesian', 'reviewed'],
      gamma2019priors: ['bayesian'],
    })
  })

  it('-tag: excludes', async () => {
    const ctx = testContext({ library: taggedLibrary() })
    expect(await main(['tag', '--query', 'tag:bayesian -tag:ml', '+prior', '--yes'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('gamma2019priors\n')
  })

  it('in a terminal shows the count and asks', async () => {
    const ctx = testContext({ tty: true, library: taggedLibrary(), answers: { confirm: true } })
    const update = vi.spyOn(ctx.store, 'update')
    expect(await main(['tag', '--query', 'tag:bayesian', '+stats'], ctx)).toBe(0)
    expect(ctx.asked).toEqual(['confirm'])
    expect(update).toHaveBeenCalledTimes(1)
    expect(ctx.stdout()).toBe('beta2021kernels\ngamma2019priors\n')
  })

  it('in a terminal, no is exit 130 and nothing written', async () => {
    const ctx = testContext({ tty: true, library: taggedLibrary(), answers: { confirm: false } })
    expect(await main(['tag', '--query', 'tag:bayesian', '+stats'], ctx)).toBe(130)
    expect(ctx.stderr()).toContain('No tags were changed')
    expect(await ctx.store.read()).toEqual(taggedLibrary())
  })

  it('Ctrl-C at the question is exit 130', async () => {
    const ctx = testContext({ tty: true, library: taggedLibrary(), answers: { confirm: new CancelError() } })
    expect(await main(['tag', '--query', 'tag:bayesian', '+stats'], ctx)).toBe(130)
    expect(await ctx.store.read()).toEqual(taggedLibrary())
  })

  it('--dry-run needs no confirmation and writes nothing', async () => {
    const ctx = testContext({ library: taggedLibrary() })
    expect(await main(['tag', '--query', 'year:<=2020', '+old', '--dry-run'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe('alpha2020graphs +old\ngamma2019priors +old\n')
    expect(ctx.stderr()).toBe('Would change 2 summaries (dry run: nothing written)\n')
    expect(await ctx.store.read()).toEqual(taggedLibrary())
  })

  it('a query matching nothing changes nothing, exit 0', async () => {
    const ctx = testContext({ library: taggedLibrary() })
    expect(await main(['tag', '--query', 'tag:nothing', '+x'], ctx)).toBe(0)
    expect(ctx.stderr()).toBe('No summary or paper matches; nothing to change\n')
  })

  it('a bad query is exit 2 pointing at the problem', async () => {
    const ctx = testContext({ library: taggedLibrary() })
    expect(await main(['tag', '--query', 'tag:ml "open', '+x'], ctx)).toBe(2)
    expect(ctx.stderr()).toContain('Unbalanced quote')
  })

  it('needs tags to change', async () => {
    const ctx = testContext({ tty: true, library: taggedLibrary() })
    expect(await main(['tag', '--query', 'tag:ml'], ctx)).toBe(2)
    expect(ctx.stderr()).toContain('With --query, give the tags to change')
  })
})

describe('tag --help', () => {
  it('shows examples', async () => {
    const ctx = testContext()
    expect(await main(['tag', '--help'], ctx)).toBe(0)
    expect(ctx.stdout()).toContain('Examples:\n  precis tag gilmer2017neural +gnn +chemistry -todo\n')
  })
})

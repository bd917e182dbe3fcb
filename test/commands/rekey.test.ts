import { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { registerRekey } from '../../src/commands/rekey/command.js'
import { main } from '../../src/main.js'
import type { Library } from '../../src/core/model.js'
import { testContext } from '../support/context.js'
import { libraryOf, paper, summary } from '../support/library.js'

function library(): Library {
  const lib = libraryOf(
    [paper({ key: 'anon2017untitled' }), paper({ key: 'kipf2017semi' })],
    [
      summary({ id: 'anon2017untitled', paper: 'anon2017untitled' }),
      summary({ id: 'anon2017untitled-2', paper: 'anon2017untitled' }),
      summary({
        id: 'kipf2017semi',
        paper: 'kipf2017semi',
        body: 'Builds on \\citep[p.~2]{anon2017untitled} and [@anon2017untitled-2].\n',
      }),
    ],
  )
  lib.trash.push({
    summary: summary({ id: 'anon2017untitled-3', paper: 'anon2017untitled' }),
    paper: null,
    deleted: '2024-05-01T00:00:00.000Z',
  })
  return lib
}

describe('rekey: argv → options', () => {
  async function parse(argv: string[]): Promise<unknown[]> {
    const calls: unknown[] = []
    const program = new Command().exitOverride()
    program.configureOutput({ writeErr: () => undefined })
    registerRekey(program, testContext(), async (opts) => void calls.push(opts))
    await program.parseAsync(['rekey', ...argv], { from: 'user' })
    return calls
  }

  it.each([
    [['a', 'b'], { from: 'a', to: 'b', dryRun: false }],
    [['a', 'b', '--dry-run'], { from: 'a', to: 'b', dryRun: true }],
  ])('%j → %j', async (argv, opts) => expect(await parse(argv)).toEqual([opts]))

  it('needs both keys', async () => {
    await expect(parse(['a'])).rejects.toThrow("missing required argument 'new-key'")
  })
})

describe('rekey', () => {
  it('renames in one write and prints each change as tab-separated lines when piped', async () => {
    const ctx = testContext({ library: library() })
    expect(await main(['rekey', 'anon2017untitled', 'gilmer2017neural'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe(
      [
        'paper\tanon2017untitled\tgilmer2017neural',
        'summary\tanon2017untitled\tgilmer2017neural',
        'summary\tanon2017untitled-2\tgilmer2017neural-2',
        'trash\tanon2017untitled-3\tgilmer2017neural-3',
        'cites\tkipf2017semi\t2',
        '',
      ].join('\n'),
    )
    expect(ctx.stderr()).toBe(
      'Renamed "anon2017untitled" to "gilmer2017neural": 2 summary ids, 1 id in the trash, 2 citations in 1 summary\n',
    )
    const lib = await ctx.store.read()
    expect(lib.papers.map((p) => p.key)).toEqual(['gilmer2017neural', 'kipf2017semi'])
    expect(lib.summaries[2]!.body).toBe('Builds on \\citep[p.~2]{gilmer2017neural} and [@gilmer2017neural-2].\n')
    expect(lib.trash[0]!.summary!.id).toBe('gilmer2017neural-3')
  })

  it('aligns the changes with arrows in a terminal, and takes the old key in any case', async () => {
    const ctx = testContext({ tty: true, library: library() })
    expect(await main(['rekey', 'ANON2017untitled', 'gilmer2017neural'], ctx)).toBe(0)
    expect(ctx.stdout()).toBe(
      [
        'paper    anon2017untitled → gilmer2017neural',
        'summary  anon2017untitled → gilmer2017neural',
        'summary  anon2017untitled-2 → gilmer2017neural-2',
        'trash    anon2017untitled-3 → gilmer2017neural-3',
        'cites    kipf2017semi (2 citations)',
        '',
      ].join('\n'),
    )
  })

  it('--dry-run prints the same plan and writes nothing', async () => {
    const ctx = testContext({ library: library() })
    expect(await main(['rekey', 'anon2017untitled', 'gilmer2017neural', '--dry-run'], ctx)).toBe(0)
    expect(ctx.stdout()).toContain('cites\tkipf2017semi\t2\n')
    expect(ctx.stderr()).toBe(
      'Would rename "anon2017untitled" to "gilmer2017neural": 2 summary ids, 1 id in the trash, 2 citations in 1 summary (dry run: nothing written)\n',
    )
    expect(await ctx.store.read()).toEqual(library())
  })

  it('--json prints the changes', async () => {
    const ctx = testContext({ library: library() })
    expect(await main(['--json', 'rekey', 'anon2017untitled', 'gilmer2017neural', '--dry-run'], ctx)).toBe(0)
    expect(JSON.parse(ctx.stdout())).toEqual({
      from: 'anon2017untitled',
      to: 'gilmer2017neural',
      ids: [
        { from: 'anon2017untitled', to: 'gilmer2017neural' },
        { from: 'anon2017untitled-2', to: 'gilmer2017neural-2' },
      ],
      trashIds: [{ from: 'anon2017untitled-3', to: 'gilmer2017neural-3' }],
      citations: [{ id: 'kipf2017semi', count: 2, inTrash: false }],
      dryRun: true,
    })
  })

  it.each([
    [['anon2017untitled', 'Kipf2017Semi'], 2, 'The key "Kipf2017Semi" is taken by another paper: "kipf2017semi"'],
    [['anon2017untitled', 'bad key'], 2, 'The key "bad key" may hold only letters'],
    [['anon2017untitled', 'anon2017untitled'], 2, 'already has the key'],
    [['anon2017untitle', 'x'], 3, 'No paper has the key "anon2017untitle"'],
  ])('%j exits %i: %s', async (argv, code, message) => {
    const ctx = testContext({ library: library() })
    expect(await main(['rekey', ...argv], ctx)).toBe(code)
    expect(ctx.stderr()).toContain(message)
    expect(ctx.stdout()).toBe('')
    expect(await ctx.store.read()).toEqual(library())
  })
})

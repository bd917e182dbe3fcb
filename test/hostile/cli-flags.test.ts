import type { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { runPrecis } from '../support/cli.js'
import { buildProgram } from '../../src/program.js'
import { testContext } from '../support/context.js'
import { smallLibrary } from '../support/library.js'

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const ctx = testContext({ library: smallLibrary() })
  const code = await main(argv, ctx)
  return { code, out: ctx.stdout(), err: ctx.stderr() }
}

/** Every command of the program, hidden ones too, with the path that runs it. */
function commands(): [string, string[], Command][] {
  const walk = (command: Command, path: string[]): [string, string[], Command][] =>
    command.commands.flatMap((sub) => {
      const here = [...path, sub.name()]
      return [[here.join(' '), here, sub] as [string, string[], Command], ...walk(sub, here)]
    })
  return walk(buildProgram(testContext()), [])
}

/** `--format` with its last two letters swapped: `--formta`. */
function mistyped(flag: string): string {
  return flag.slice(0, -2) + flag.at(-1)! + flag.at(-2)!
}

describe('a mistyped long option is refused on every command', () => {
  const all = commands()

  it('walks the commands', () => {
    expect(all.map(([name]) => name)).toEqual(expect.arrayContaining(['list', 'search', 'tag', 'browse', 'export', 'tags rename']))
  })

  it.each(all.map(([name, path]) => [name, path]))('precis %s --no-such-flag: exit 2, named, with the help to read', async (name, path) => {
    const { code, out, err } = await run([...path, '--no-such-flag'])
    expect({ code, out }).toEqual({ code: 2, out: '' })
    expect(err).toContain("precis: unknown option '--no-such-flag'")
    expect(err).toContain(`See: precis ${name} --help`)
  })

  const ownFlags = all.flatMap(([name, path, command]) =>
    command.options.filter((o) => o.long && o.long.length >= 7 && !o.hidden && !o.negate).map((o) => [name, o.long!, path] as const),
  )
  it.each(ownFlags)('precis %s: a mistyped %s suggests it', async (_, flag, path) => {
    const { code, err } = await run([...path, mistyped(flag), 'x'])
    expect(code).toBe(2)
    expect(err).toContain(`Did you mean ${flag}?`)
  })
})

describe('the reproducers', () => {
  it.each([
    [['list', '--sortt', 'year'], '--sort'],
    [['list', '--limt', '2'], '--limit'],
    [['search', '--limt', '1', 'gnn'], '--limit'],
    [['search', 'gnn', '--limt=1'], '--limit'],
    [['export', '--frmat', 'md'], '--format'],
    [['tag', 'gilmer2017neural', '+x', '--dryrun'], '--dry-run'],
  ])('precis %j is refused with a suggestion', async (argv, flag) => {
    const { code, out, err } = await run(argv)
    expect({ code, out }).toEqual({ code: 2, out: '' })
    expect(err).toContain(`Did you mean ${flag}?`)
  })
})

describe('a word with one dash stays a query word', () => {
  it.each([
    [['list', '-tag:gnn']],
    [['list', 'gnn', '-attention', '--limit', '1']],
    [['search', 'message', '-gaussian', '--limit', '1']],
    [['search', '-tag:none', 'passing']],
    [['search', 'passing', '--', '--not-a-flag']],
    [['export', '-tag:gnn', '--format', 'json']],
  ])('precis %j runs', async (argv) => {
    const { code, err } = await run(argv)
    expect(err).toBe('')
    expect(code).toBe(0)
  })

  it('list -tag:gnn leaves out what is tagged gnn', async () => {
    const { code, out } = await run(['list', '-tag:gnn'])
    expect(code).toBe(0)
    expect(out.split('\n').map((row) => row.split('\t')[0])).toEqual(['gilmer2017neural-2', 'rasmussen2004gaussian', ''])
  })

  it('export -tag:gnn leaves out what is tagged gnn', async () => {
    const { code, out } = await run(['export', '--format', 'json', '-tag:gnn'])
    expect(code).toBe(0)
    const summaries = (JSON.parse(out) as { summaries: { id: string }[] }).summaries.map((s) => s.id)
    expect(summaries.sort()).toEqual(['gilmer2017neural-2', 'rasmussen2004gaussian'])
  })

  it('tag removes a tag written -tag', async () => {
    const { code, err } = await run(['tag', 'rasmussen2004gaussian', '-no-such-tag'])
    expect(err).not.toContain('unknown option')
    expect(code).toBe(0)
  })
})

describe("commander's refusals speak as precis", () => {
  it.each([
    [['frobnicate'], "precis: unknown command 'frobnicate'\nSee: precis --help\n"],
    [['shwo', 'x'], "precis: unknown command 'shwo'\nDid you mean show?\nSee: precis --help\n"],
    [['show'], "precis: missing required argument 'handle'\nSee: precis show --help\n"],
    [['tags', 'rename', 'a'], "precis: missing required argument 'new'\nSee: precis tags rename --help\n"],
    [['list', '--sort'], "precis: option '--sort <order>' argument missing\nSee: precis list --help\n"],
  ])('precis %j', async (argv, stderr) => {
    const { code, out, err } = await run(argv)
    expect({ code, out, err }).toEqual({ code: 2, out: '', err: stderr })
  })

  it('the built binary: precis alone is help on stdout, exit 0', async () => {
    const result = await runPrecis([])
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' })
    expect(result.stdout).toContain('Usage: precis [options] [command]')
  })

  it('precis alone prints the help on stdout and exits 0', async () => {
    const { code, out, err } = await run([])
    expect({ code, err }).toEqual({ code: 0, err: '' })
    expect(out).toContain('Usage: precis [options] [command]')
  })
})

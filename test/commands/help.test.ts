import { Help, type Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { FIELDS } from '../../src/core/search/query-fields.js'
import { main } from '../../src/main.js'
import { buildProgram } from '../../src/program.js'
import { testContext } from '../support/context.js'
import { smallLibrary } from '../support/library.js'

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const ctx = testContext({ library: smallLibrary() })
  const code = await main(argv, ctx)
  return { code, out: ctx.stdout(), err: ctx.stderr() }
}

/** Every visible command path of the program: `['list']`, `['tags', 'rename']`, ... */
function commandPaths(): string[][] {
  const help = new Help()
  const walk = (command: Command, path: string[]): string[][] =>
    help.visibleCommands(command).flatMap((sub) => [[...path, sub.name()], ...walk(sub, [...path, sub.name()])])
  return walk(buildProgram(testContext()), [])
}

describe('--help', () => {
  const paths = commandPaths()

  it('finds the commands to check', () => {
    expect(paths.map((p) => p.join(' '))).toEqual(
      expect.arrayContaining(['add', 'list', 'show', 'stats', 'completion', 'help', 'tags rename']),
    )
  })

  it.each(paths.map((p) => [p.join(' '), p]))('precis %s --help shows examples', async (_, path) => {
    const { code, out } = await run([...path, '--help'])
    expect(code).toBe(0)
    expect(out).toMatch(/\nExamples:\n {2}precis /)
  })

  it('the program help shows examples', async () => {
    const { code, out } = await run(['--help'])
    expect(code).toBe(0)
    expect(out).toContain('Examples:')
  })
})

describe('precis help', () => {
  it('with no topic prints the program help', async () => {
    const { code, out } = await run(['help'])
    expect(code).toBe(0)
    expect(out).toContain('Usage: precis')
    expect(out).toMatch(/help \[topic\.\.\.\]/)
  })

  it.each([[['show']], [['ls']], [['tags', 'rename']]])('help %j is the command help', async (words) => {
    const viaHelp = await run(['help', ...words])
    const viaFlag = await run([...words, '--help'])
    expect(viaHelp.code).toBe(0)
    expect(viaHelp.out).toBe(viaFlag.out)
    expect(viaHelp.out).toContain('Usage: precis')
  })

  it('help query explains the grammar and lists every field of the parser', async () => {
    const { code, out } = await run(['help', 'query'])
    expect(code).toBe(0)
    for (const phrase of ['"message passing"', '-tag:todo', 'OR', 'Examples:']) expect(out).toContain(phrase)
    for (const field of FIELDS.keys()) expect(out).toMatch(new RegExp(`^ {2}${field}:`, 'm'))
  })

  it('help format describes the file and the body', async () => {
    const { code, out } = await run(['help', 'format'])
    expect(code).toBe(0)
    for (const phrase of ['"format": "precis-library"', 'summaries', '\\cite{key}', '[@key]', 'front matter'])
      expect(out.replace(/\n/g, ' ')).toContain(phrase)
  })

  it.each([
    [['qeury'], 'precis help query'],
    [['shwo'], 'precis help show'],
    [['tags', 'renam'], 'precis help tags rename'],
  ])('help %j is a usage error suggesting %j', async (words, suggestion) => {
    const { code, err } = await run(['help', ...words])
    expect(code).toBe(2)
    expect(err).toContain(`No command or help topic "${words.join(' ')}"`)
    expect(err).toContain(suggestion)
  })
})

describe('unknown commands', () => {
  it.each([
    ['shwo', 'show'],
    ['stat', 'stats'],
    ['complete', 'completion'],
  ])('%s suggests %s', async (typed, suggestion) => {
    const { code, err } = await run([typed])
    expect(code).toBe(2)
    expect(err).toContain(`unknown command '${typed}'`)
    expect(err).toContain(`Did you mean ${suggestion}?`)
  })
})

import { Help, type Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { HELP_TOPICS } from '../../src/commands/help/command.js'
import { main } from '../../src/main.js'
import { buildProgram } from '../../src/program.js'
import { testContext } from '../support/context.js'

/** Every page `precis help` shows: the overview, each command and subcommand, each topic. */
function helpPages(): string[][] {
  const help = new Help()
  const walk = (command: Command, path: string[]): string[][] =>
    help.visibleCommands(command).flatMap((sub) => [[...path, sub.name()], ...walk(sub, [...path, sub.name()])])
  return [[], ...walk(buildProgram(testContext()), []), ...HELP_TOPICS.map((t) => [t.name])]
}

async function helpAt(columns: number, page: string[]): Promise<string> {
  const ctx = testContext({ tty: true, columns })
  expect(await main(['help', ...page], ctx)).toBe(0)
  return ctx.stdout()
}

const words = (text: string) => text.split(/\s+/).filter(Boolean)
const isExample = (line: string) => /^\s*precis(\s|$)/.test(line)

describe('help fits the terminal, breaking only between words', () => {
  const pages = helpPages()

  it('checks every command and topic', () => {
    expect(pages.map((p) => p.join(' '))).toEqual(expect.arrayContaining(['', 'edit', 'tags rename', 'query', 'format']))
  })

  it.each(pages.flatMap((page) => [80, 160].map((columns) => [page.join(' ') || '(overview)', columns, page] as const)))(
    'precis help %s at %i columns',
    async (_, columns, page) => {
      const wrapped = await helpAt(columns, page)
      const unwrapped = await helpAt(100_000, page)
      // The same words in the same order: a word broken across lines would show as two.
      expect(words(wrapped)).toEqual(words(unwrapped))
      const lines = wrapped.split('\n')
      expect(lines.filter((l) => !isExample(l) && [...l].length > columns)).toEqual([])
      // Example command lines are never broken, whatever their length.
      for (const example of unwrapped.split('\n').filter(isExample)) expect(lines).toContain(example)
    },
  )
})

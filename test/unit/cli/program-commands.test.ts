// A run builds only the command it names (program.ts, commandsFor): the same command, with the same
// help, as when every command is built; every command when the words name none.
import type { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { buildProgram } from '../../../src/program.js'
import { testContext } from '../../support/context.js'

const names = (program: Command) => program.commands.flatMap((c) => [c.name(), ...c.aliases()])
const every = names(buildProgram(testContext()))

/** Each command's help and that of its subcommands, as one text. */
function helpOf(command: Command): string {
  return [command.helpInformation(), ...command.commands.map(helpOf)].join('\n')
}

describe('the commands a run builds', () => {
  it.each(every)('precis %s builds that command alone (with its hidden twin), its help unchanged', (name) => {
    const alone = buildProgram(testContext(), [name, 'x'])
    const all = buildProgram(testContext())
    const find = (program: Command) => program.commands.find((c) => c.name() === name || c.aliases().includes(name))!
    if (name === 'help' || name === 'completion') expect(names(alone)).toEqual(every)
    else expect(alone.commands.length).toBeLessThanOrEqual(2)
    expect(helpOf(find(alone))).toBe(helpOf(find(all)))
  })

  it.each([
    [
      ['--json', 'list'],
      ['list', 'ls'],
    ],
    [['-q', '--no-color', '--no-pager', '--no-input', '--demo', '--quiet', 'tags', 'rm', 'x'], ['tags']],
    [['--library', 'list', 'tags'], ['tags']],
    [
      ['--library=list', 'ls'],
      ['list', 'ls'],
    ],
    [
      ['__complete', 'tags'],
      ['completion', '__complete'],
    ],
    [['show', '--library', 'x.json', 'id'], ['show']],
  ])('%j builds %j', (argv, built) => {
    expect(names(buildProgram(testContext(), argv))).toEqual(built)
  })

  // Help and suggestions name the other commands; an option not known here may take a value.
  it.each([
    [[]],
    [['--help']],
    [['-qh', 'list']],
    [['lsit']],
    [['--library']],
    [['--bogus', 'list']],
    [['--json=1', 'list']],
    [['help', 'list']],
    [['completion', 'bash']],
  ])('%j builds every command', (argv) => {
    expect(names(buildProgram(testContext(), argv))).toEqual(every)
  })
})

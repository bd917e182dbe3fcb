import { readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { precisRun } from '../hostile/support/in-process.js'
import { runPrecis, type RunResult } from '../support/cli.js'
import { tempDir } from '../support/context.js'

// bin/precis.js prints the help scripts/build.mjs saved when it goes to a pipe; a flag before it
// (`--no-pager`) takes the command line's own way. Both must print the same text, for every command.
// The saved help is the binary's (spawned, to a pipe); the command line's own answer is the same in
// this process, through main() with output that is no terminal (one spawned process a case, not two).
// The binary finds every command's saved help the same way (dist/help/<name>.txt): it is spawned for a
// few commands, the alias among them, and each command's saved text is compared as the build left it.
const HELP = new URL('../../dist/help/', import.meta.url)
const SAVED = readdirSync(HELP).map((file) => file.replace(/\.txt$/, ''))
const NO_LIBRARY = join(tempDir('precis-help-'), 'library.json')

/** What the command line itself answers to `args`, with `--no-pager` before them. */
const liveHelp = (args: readonly string[]): Promise<RunResult> => precisRun(NO_LIBRARY, ['--no-pager', ...args])

async function helpBothWays(args: readonly string[]): Promise<{ saved: string; live: string }> {
  const [saved, live] = await Promise.all([runPrecis(args), liveHelp(args)])
  expect(saved.code).toBe(0)
  expect(live.code).toBe(0)
  expect(saved.stderr).toBe('')
  return { saved: saved.stdout, live: live.stdout }
}

describe('help saved by the build', () => {
  it('is saved for every command precis --help lists, aliases included', async () => {
    const { live } = await helpBothWays(['--help'])
    const listed = live.slice(live.indexOf('\nCommands:\n'), live.indexOf('\nExamples:\n'))
    for (const name of ['add', 'list', 'ls', 'show', 'search', 'export', 'sync', 'config']) {
      expect(listed).toMatch(new RegExp(`^  ${name}\\b|\\|${name}\\b`, 'm'))
      expect(SAVED).toContain(name)
    }
  })

  it.each([['--help'], ['-h']])('precis %s prints what commander prints', async (flag) => {
    const { saved, live } = await helpBothWays([flag])
    expect(saved).toContain('Examples:')
    expect(saved).toBe(live)
  })

  it.each(SAVED)('the help saved for precis %s --help is what commander prints', async (name) => {
    const [saved, live] = await Promise.all([readFile(new URL(`${name}.txt`, HELP), 'utf8'), liveHelp([name, '--help'])])
    expect(live.code).toBe(0)
    expect(saved).toContain(`Usage: precis ${name}`.replace(/^Usage: precis ls$/, 'Usage: precis list'))
    expect(saved).toBe(live.stdout)
  })

  // -h is told from --help before the command's name is looked at.
  it.each([
    ['list', '--help'],
    ['ls', '--help'],
    ['sync', '--help'],
    ['list', '-h'],
    ['ls', '-h'],
    ['sync', '-h'],
  ])('precis %s %s prints what commander prints for --help', async (name, flag) => {
    const [saved, live] = await Promise.all([runPrecis([name, flag]), liveHelp([name, '--help'])])
    expect([saved.code, saved.stderr]).toEqual([0, ''])
    expect(saved.stdout).toBe(live.stdout)
  })

  it('a name that is no command, or a path, is left to commander: it answers as it would with a flag before', async () => {
    for (const name of ['lsit', '../help', 'help/../list', 'merge-driver']) {
      const [saved, live] = await Promise.all([runPrecis([name, '--help']), liveHelp([name, '--help'])])
      expect(saved, name).toEqual(live)
    }
  })
})

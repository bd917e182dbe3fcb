// The layout docs/architecture.md describes: one folder per command, each with its command line
// (command.ts, loaded at start-up) and its work (run.ts, loaded when it runs).
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildProgram } from '../../src/program.js'
import { testContext } from '../support/context.js'

const COMMANDS_DIR = join(import.meta.dirname, '../../src/commands')
const folders = readdirSync(COMMANDS_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
// `__complete`, which the completion scripts call, is part of completion/.
const registered = buildProgram(testContext())
  .commands.map((c) => c.name())
  .filter((name) => !name.startsWith('__'))

describe('one folder per command', () => {
  it('every command precis registers has its folder, and every folder is a command', () => {
    expect([...folders].sort()).toEqual([...registered].sort())
  })

  it.each(folders)('src/commands/%s/ holds its command line in command.ts', (name) => {
    expect(existsSync(join(COMMANDS_DIR, name, 'command.ts'))).toBe(true)
  })

  it('src/commands/ holds nothing but command folders (and its README)', () => {
    expect(
      readdirSync(COMMANDS_DIR, { withFileTypes: true })
        .filter((d) => !d.isDirectory() && d.name !== 'README.md')
        .map((d) => d.name),
    ).toEqual([])
  })
})

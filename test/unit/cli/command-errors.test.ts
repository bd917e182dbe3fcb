import { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { nearestFlag, usageFromCommander } from '../../../src/command-kit/command-errors.js'

describe('nearestFlag', () => {
  const known = ['--library', '--limit', '--sort', '--json', '--format']
  it.each([
    ['--limt', '--limit'],
    ['--sortt', '--sort'],
    ['--frmat', '--format'],
    ['--jsno', '--json'],
    ['--zzzzzzzz', undefined],
  ])('%s → %s', (flag, expected) => {
    expect(nearestFlag(flag, known)).toBe(expected)
  })
})

describe('usageFromCommander', () => {
  const show = new Command('precis').command('show')
  it.each([
    [
      "error: unknown option '--frmat'\n(Did you mean --format?)",
      "unknown option '--frmat'",
      ['Did you mean --format?', 'See: precis show --help'],
    ],
    ["error: missing required argument 'handle'", "missing required argument 'handle'", ['See: precis show --help']],
    ["error: unknown command 'lsit'\n(Did you mean list?)", "unknown command 'lsit'", ['Did you mean list?', 'See: precis show --help']],
  ])('%j', (message, expected, details) => {
    const error = usageFromCommander(message, show)
    expect(error.message).toBe(expected)
    expect(error.details).toEqual(details)
    expect(error.exitCode).toBe(2)
  })
})

import { describe, expect, it } from 'vitest'
import { openerCommand } from '../../src/platform/opener.js'

describe('openerCommand', () => {
  it.each([
    [{}, 'linux', ['xdg-open']],
    [{}, 'freebsd', ['xdg-open']],
    [{}, 'darwin', ['open']],
    [{}, 'win32', ['explorer.exe']],
    [{ PRECIS_OPENER: '  ' }, 'darwin', ['open']],
    [{ PRECIS_OPENER: 'firefox --new-window' }, 'linux', ['firefox', '--new-window']],
    [{ PRECIS_OPENER: '/opt/my opener' }, 'linux', ['/opt/my', 'opener']],
  ] as const)('%j on %s', (env, platform, command) => {
    expect(openerCommand(env, platform)).toEqual(command)
  })
})

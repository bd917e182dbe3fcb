import { describe, expect, it } from 'vitest'
import { figureCells } from '../../../src/core/images/cells.js'
import { chooseImageOutput, detectImageProtocol } from '../../../src/core/images/protocol.js'

describe('detectImageProtocol', () => {
  it.each([
    [{ TERM: 'xterm-kitty' }, 'kitty'],
    [{ TERM: 'xterm-256color', KITTY_WINDOW_ID: '1' }, 'kitty'],
    [{ TERM: 'xterm-ghostty' }, 'kitty'],
    [{ TERM_PROGRAM: 'iTerm.app' }, 'iterm'],
    [{ LC_TERMINAL: 'iTerm2' }, 'iterm'],
    [{ TERM_PROGRAM: 'WezTerm' }, 'iterm'],
    [{ TERM: 'foot' }, 'sixel'],
    [{ TERM: 'foot-extra' }, 'sixel'],
    [{ TERM: 'mlterm' }, 'sixel'],
    [{ TERM: 'xterm', MLTERM: '3.9.3' }, 'sixel'],
    [{ TERM: 'xterm-256color' }, null],
    [{ TERM: 'dumb', KITTY_WINDOW_ID: '1' }, null],
    [{}, null],
  ])('%j → %s', (env, protocol) => {
    expect(detectImageProtocol(env)).toBe(protocol)
  })
})

describe('chooseImageOutput', () => {
  it.each([
    ['auto', { TERM: 'xterm-kitty' }, { protocol: 'kitty', tmux: false }],
    ['auto', { TERM: 'screen', TMUX: '/tmp/tmux-0/default,1,0', KITTY_WINDOW_ID: '1' }, null],
    ['iterm', { TMUX: '/tmp/tmux-0/default,1,0' }, { protocol: 'iterm', tmux: true }],
    ['kitty', { TERM: 'xterm' }, { protocol: 'kitty', tmux: false }],
    ['off', { TERM: 'xterm-kitty' }, null],
    ['auto', { TERM: 'xterm' }, null],
    ['sixel', { TERM: 'xterm' }, { protocol: 'sixel', tmux: false }],
    ['sixel', { TMUX: '/tmp/tmux-0/default,1,0' }, { protocol: 'sixel', tmux: true }],
  ] as const)('%s in %j → %j', (setting, env, output) => {
    expect(chooseImageOutput(setting, env)).toEqual(output)
  })

  const asked = (kitty: boolean, sixel: boolean) => ({ kitty, sixel, cell: null })
  it.each([
    ['sixel from the device attributes', { TERM: 'xterm' }, asked(false, true), { protocol: 'sixel', tmux: false }],
    ['kitty before sixel', { TERM: 'xterm' }, asked(true, true), { protocol: 'kitty', tmux: false }],
    ['nothing the terminal did not claim', { TERM: 'xterm' }, asked(false, false), null],
    ['the environment first', { TERM_PROGRAM: 'iTerm.app' }, asked(true, true), { protocol: 'iterm', tmux: false }],
    ['never in tmux, which answers for itself', { TMUX: '/tmp/tmux-0/default,1,0' }, asked(true, true), null],
  ] as const)("auto with the terminal's answer: %s", (_, env, report, output) => {
    expect(chooseImageOutput('auto', env, report)).toEqual(output)
  })
})

describe('figureCells', () => {
  it.each([
    ['a wide figure fills the reading width', { width: 1600, height: 800 }, 80, 24, { columns: 80, rows: 20 }],
    ['a small one is not blown up', { width: 100, height: 100 }, 80, 24, { columns: 10, rows: 5 }],
    ['a tall one is capped at the rows, narrowed to keep its shape', { width: 400, height: 2000 }, 80, 24, { columns: 10, rows: 24 }],
    ['a one-pixel image takes one cell', { width: 1, height: 1 }, 80, 24, { columns: 1, rows: 1 }],
  ])('%s', (_, size, columns, rows, box) => {
    expect(figureCells({ kind: 'png', ...size }, columns, rows)).toEqual(box)
  })

  it('has no box for an image of unknown size', () => {
    expect(figureCells({ kind: 'jpeg', width: 0, height: 0 }, 80, 24)).toBeNull()
  })
})

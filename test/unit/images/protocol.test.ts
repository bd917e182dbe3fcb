import { describe, expect, it } from 'vitest'
import { figureCells } from '../../../src/core/images/cells.js'
import { chooseImageOutput, detectImageProtocol, worthAsking } from '../../../src/core/images/protocol.js'
import { parseTerminalReport, replyComplete, TERMINAL_QUERY } from '../../../src/core/images/terminal-report.js'

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

describe('worthAsking the terminal', () => {
  const TMUX = '/tmp/tmux-0/default,1,0'
  it.each([
    ['auto', { TERM: 'xterm-256color' }, true], // which protocol, if any
    ['auto', { TERM: 'foot' }, true], // sixel: the cell's size
    ['auto', { TERM: 'xterm-kitty' }, false], // the environment said
    ['auto', { TERM_PROGRAM: 'iTerm.app' }, false],
    ['auto', { TERM: 'dumb' }, false],
    ['auto', { TERM: 'screen', TMUX }, false], // tmux would answer, not the terminal
    ['sixel', { TERM: 'xterm' }, true],
    ['sixel', { TMUX }, false],
    ['kitty', { TERM: 'xterm' }, false],
    ['off', { TERM: 'xterm' }, false],
  ] as const)('%s in %j → %s', (setting, env, ask) => {
    expect(worthAsking(setting, env)).toBe(ask)
  })
})

describe('parseTerminalReport', () => {
  it('asks kitty graphics, the cell size, then DA1 (whose answer ends the exchange)', () => {
    expect(TERMINAL_QUERY).toBe('\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\\x1b[16t\x1b[c')
  })

  it.each([
    ['xterm as a VT340', '\x1b[6;20;10t\x1b[?63;1;2;4;6;9;15;22c', { kitty: false, sixel: true, cell: { width: 10, height: 20 } }],
    ['kitty', '\x1b_Gi=31;OK\x1b\\\x1b[6;17;8t\x1b[?62;c', { kitty: true, sixel: false, cell: { width: 8, height: 17 } }],
    ['a VT100 class terminal', '\x1b[?1;2c', { kitty: false, sixel: false, cell: null }],
    ['4 as the device class is not sixel', '\x1b[?4;6c', { kitty: false, sixel: false, cell: null }],
    ['a kitty error is no kitty', '\x1b_Gi=31;ENOTSUPPORTED:x\x1b\\\x1b[?62;4c', { kitty: false, sixel: true, cell: null }],
    ['a zero cell size is none', '\x1b[6;0;0t\x1b[?62;4c', { kitty: false, sixel: true, cell: null }],
  ])('%s', (_, reply, report) => {
    expect(replyComplete(reply)).toBe(true)
    expect(parseTerminalReport(reply)).toEqual(report)
  })

  it('trusts nothing without the DA1 answer, and waits for it', () => {
    expect(replyComplete('\x1b_Gi=31;OK\x1b\\')).toBe(false)
    expect(parseTerminalReport('\x1b_Gi=31;OK\x1b\\\x1b[6;20;10t')).toBeNull()
    expect(parseTerminalReport('')).toBeNull()
    expect(replyComplete('x'.repeat(5000))).toBe(true) // not an answer to us: stop reading
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

  it("uses the terminal's cell size when it said: a 60×40 figure in 6×13 cells is 10 columns, 4 rows (rounded up)", () => {
    expect(figureCells({ kind: 'png', width: 60, height: 40 }, 80, 24, { width: 6, height: 13 })).toEqual({ columns: 10, rows: 4 })
  })

  it('has no box for an image of unknown size', () => {
    expect(figureCells({ kind: 'jpeg', width: 0, height: 0 }, 80, 24)).toBeNull()
  })
})

import { describe, expect, it } from 'vitest'
import { itermImage, kittyImage, tmuxPassthrough } from '../../../src/render/terminal-image.js'
import { PNG_1X1 } from '../../support/images.js'

const B64 = PNG_1X1.toString('base64')

describe('kittyImage', () => {
  it('passes a small PNG through in one escape, as wide as its box (kitty keeps the shape), asking for no reply', () => {
    expect(kittyImage(PNG_1X1, { columns: 40, rows: 10 })).toBe(`\x1b_Ga=T,f=100,t=d,q=2,c=40,m=0;${B64}\x1b\\\n`)
  })

  it('sends a large PNG in chunks of 4096 base64 bytes, m=1 on all but the last', () => {
    const png = Buffer.alloc(6000, 7) // 8000 base64 bytes: one full chunk and one of 3904
    const b64 = png.toString('base64')
    expect(kittyImage(png, { columns: 8, rows: 3 })).toBe(
      `\x1b_Ga=T,f=100,t=d,q=2,c=8,m=1;${b64.slice(0, 4096)}\x1b\\` + `\x1b_Gq=2,m=0;${b64.slice(4096)}\x1b\\\n`,
    )
  })

  it('wraps each chunk for tmux, escapes doubled', () => {
    expect(kittyImage(PNG_1X1, { columns: 2, rows: 1 }, true)).toBe(
      `\x1bPtmux;\x1b\x1b_Ga=T,f=100,t=d,q=2,c=2,m=0;${B64}\x1b\x1b\\\x1b\\\n`,
    )
  })
})

describe('itermImage', () => {
  it('sends the file inline with its size and box', () => {
    expect(itermImage(PNG_1X1, { columns: 40, rows: 10 })).toBe(
      `\x1b]1337;File=inline=1;size=${PNG_1X1.length};width=40;height=10;preserveAspectRatio=1:${B64}\x07\n`,
    )
  })

  it('passes through tmux', () => {
    expect(itermImage(PNG_1X1, { columns: 1, rows: 1 }, true)).toBe(
      `\x1bPtmux;\x1b\x1b]1337;File=inline=1;size=${PNG_1X1.length};width=1;height=1;preserveAspectRatio=1:${B64}\x07\x1b\\\n`,
    )
  })
})

describe('tmuxPassthrough', () => {
  it('doubles every ESC inside the DCS', () => {
    expect(tmuxPassthrough('\x1b_Ga;x\x1b\\')).toBe('\x1bPtmux;\x1b\x1b_Ga;x\x1b\x1b\\\x1b\\')
  })
})

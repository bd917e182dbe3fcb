import { beforeEach, describe, expect, it, vi } from 'vitest'
import { main } from '../../src/main.js'
import { writeCachedFigure } from '../../src/sources/figure-cache.js'
import { libraryOf, paper, summary } from '../support/library.js'
import { tempDir, testContext } from '../support/context.js'
import { TERMINAL_QUERY } from '../../src/core/images/terminal-report.js'
import { PNG } from 'pngjs'
import { PNG_1X1, solidJpeg } from '../support/images.js'

const FIG = 'https://i.imgur.com/model.png'
const PHOTO = 'https://i.imgur.com/photo.jpg'
const BODY = `The model passes messages.\n\nSee ![the architecture](${FIG}) for the layout.\n\nA photo: ${PHOTO}\n\nThe end.`
const KITTY = `\x1b_Ga=T,f=100,t=d,q=2,c=1,m=0;${PNG_1X1.toString('base64')}\x1b\\\n`
/** The PNG pixel (half-transparent green) laid on white, in sixel. */
const SIXEL = '\x1bP0;0;q"1;1;1;1#0;2;50;100;50#0@$\x1b\\\n'
const JPEG = solidJpeg(200, 100, [200, 40, 40])

let cache: string
beforeEach(async () => {
  cache = tempDir('precis-cache-')
  await writeCachedFigure(cache, FIG, { bytes: PNG_1X1, info: { kind: 'png', width: 1, height: 1 } })
  await writeCachedFigure(cache, PHOTO, { bytes: JPEG, info: { kind: 'jpeg', width: 200, height: 100 } })
})

function context(env: Record<string, string>, tty = true, config?: string, terminalReply?: string) {
  const ctx = testContext({
    tty,
    ...(config === undefined ? {} : { config }),
    ...(terminalReply === undefined ? {} : { terminalReply }),
    library: libraryOf(
      [paper({ key: 'gilmer2017neural', title: 'Neural Message Passing' })],
      [summary({ id: 'gilmer2017neural', paper: 'gilmer2017neural', body: BODY })],
    ),
    env: { PRECIS_CACHE_DIR: cache, ...env },
  })
  const page = vi.spyOn(ctx.io, 'page')
  return { ctx, page }
}

async function show(env: Record<string, string>, args: string[] = [], tty = true, terminalReply?: string) {
  const { ctx, page } = context(env, tty, undefined, terminalReply)
  expect(await main(['show', 'gilmer2017neural', ...args], ctx)).toBe(0)
  return { out: ctx.stdout(), err: ctx.stderr(), paged: page.mock.calls.length > 0, queries: ctx.terminalQueries }
}

describe('show draws cached figures', () => {
  it('in kitty: the PNG after the paragraph citing it, its caption under it, not through the pager', async () => {
    const { out, paged } = await show({ TERM: 'xterm-kitty' })
    expect(out).toContain(`See [fig 1] for the layout.\n\n${KITTY}[fig 1] the architecture\n\nA photo: [fig 2]\n\n\x1b_G`)
    expect(paged).toBe(false)
  })

  it('in kitty: a JPEG decoded and sent as a PNG of the same pixels, 20 columns wide', async () => {
    const { out } = await show({ TERM: 'xterm-kitty' })
    const escape = out.slice(out.indexOf('A photo: [fig 2]\n\n') + 18)
    const [, head, base64] = /^\x1b_G([^;]*);([^\x1b]*)\x1b\\\n/.exec(escape)!
    expect(head).toBe('a=T,f=100,t=d,q=2,c=20,m=0')
    const png = PNG.sync.read(Buffer.from(base64!, 'base64'))
    expect([png.width, png.height]).toEqual([200, 100])
    expect(Math.abs(png.data[0]! - 200) + Math.abs(png.data[1]! - 40) + Math.abs(png.data[2]! - 40)).toBeLessThan(12)
    expect(escape).toContain('\x1b\\\n[fig 2]\n\nThe end.')
  })

  it('in foot (sixel): each figure decoded and drawn in sixel, not through the pager', async () => {
    const { out, paged } = await show({ TERM: 'foot' })
    expect(out).toContain(
      `See [fig 1] for the layout.\n\n${SIXEL}[fig 1] the architecture\n\nA photo: [fig 2]\n\n\x1bP0;0;q"1;1;200;100#0;2;`,
    )
    expect(out.split('\x1bP')).toHaveLength(3)
    expect(paged).toBe(false)
  })

  it('in iTerm2: both figures, each sized to its shape', async () => {
    const { out } = await show({ TERM_PROGRAM: 'iTerm.app' })
    expect(out).toContain(`\x1b]1337;File=inline=1;size=${PNG_1X1.length};width=1;height=1;preserveAspectRatio=1:`)
    expect(out).toContain(`A photo: [fig 2]\n\n\x1b]1337;File=inline=1;size=${JPEG.length};width=20;height=5;`)
  })

  it('with the output exactly as before when images are off, the terminal is unknown, or inside tmux', async () => {
    const { out: before, paged } = await show({ TERM: 'xterm-256color' })
    expect(before).not.toContain('\x1b')
    expect(paged).toBe(true)
    expect((await show({ TERM: 'xterm-kitty' }, ['--images', 'off'])).out).toBe(before)
    expect((await show({ TERM: 'foot' }, ['--images', 'off'])).out).toBe(before)
    expect((await show({ TERM: 'screen', TMUX: '/tmp/tmux', KITTY_WINDOW_ID: '1' })).out).toBe(before)
    expect((await show({ TERM: 'dumb' }, ['--images', 'auto'])).out).toBe(before)
  })

  it('never into a pipe, even when asked for', async () => {
    for (const [term, protocol] of [
      ['xterm-kitty', 'kitty'],
      ['foot', 'sixel'],
      ['xterm', 'iterm'],
    ]) {
      const piped = await show({ TERM: term! }, ['--images', protocol!], false)
      expect(piped.out).not.toContain('\x1b')
      expect(piped.out).toContain('See [fig 1] for the layout.\n\nA photo')
    }
  })

  it('never with --json or --raw', async () => {
    for (const [args, term] of [
      [['--raw'], 'xterm-kitty'],
      [['--json'], 'xterm-kitty'],
      [['--raw'], 'foot'],
      [['--json'], 'foot'],
    ] as const) {
      const { ctx } = context({ TERM: term })
      const argv = args[0] === '--json' ? ['--json', 'show', 'gilmer2017neural'] : ['show', 'gilmer2017neural', ...args]
      expect(await main(argv, ctx)).toBe(0)
      expect(ctx.stdout()).not.toContain('\x1b')
    }
  })

  it("follows the config file's images, which --images overrides", async () => {
    const { ctx } = context({ TERM: 'xterm-kitty' }, true, 'images = "off"\n')
    expect(await main(['show', 'gilmer2017neural'], ctx)).toBe(0)
    expect(ctx.stdout()).not.toContain('\x1b')
    const forced = context({ TERM: 'xterm' }, true, 'images = "off"\n')
    expect(await main(['show', 'gilmer2017neural', '--images', 'kitty'], forced.ctx)).toBe(0)
    expect(forced.ctx.stdout()).toContain(KITTY)
  })

  it('--images sixel draws on a terminal the environment does not name (xterm as a VT340)', async () => {
    const { out } = await show({ TERM: 'xterm' }, ['--images', 'sixel'])
    expect(out).toContain(`See [fig 1] for the layout.\n\n${SIXEL}[fig 1] the architecture`)
  })

  describe('asking the terminal', () => {
    const XTERM_VT340 = '\x1b[6;13;6t\x1b[?63;1;2;4;6;9;15;22c'

    it('draws in sixel on a terminal that says so, scaled to the cell size it gives', async () => {
      const { out, queries, paged } = await show({ TERM: 'xterm' }, [], true, XTERM_VT340)
      expect(queries).toEqual([TERMINAL_QUERY])
      // The 200×100 photo in 6×13 cells: 34 columns by 8 rows, 204×104 pixels, so it fits whole.
      expect(out).toContain('A photo: [fig 2]\n\n\x1bP0;0;q"1;1;200;100#0;2;')
      expect(paged).toBe(false)
    })

    it('draws by kitty graphics on a terminal that answers its query', async () => {
      const { out } = await show({ TERM: 'xterm' }, [], true, '\x1b_Gi=31;OK\x1b\\\x1b[?62;c')
      expect(out).toContain(`See [fig 1] for the layout.\n\n${KITTY}[fig 1] the architecture`)
    })

    it('leaves the text as it was when the terminal claims neither, or does not answer', async () => {
      const { out: before } = await show({ TERM: 'xterm-256color' }, ['--images', 'off'])
      for (const reply of ['\x1b[?62;1;6c', '']) {
        const { out, queries, paged } = await show({ TERM: 'xterm-256color' }, [], true, reply)
        expect(queries).toHaveLength(1)
        expect(out).toBe(before)
        expect(paged).toBe(true)
      }
    })

    it('never where the environment said, in tmux, into a pipe, with images off, or with nothing cached', async () => {
      expect((await show({ TERM: 'xterm-kitty' }, [], true, XTERM_VT340)).queries).toEqual([])
      expect((await show({ TERM: 'screen', TMUX: '/tmp/tmux' }, [], true, XTERM_VT340)).queries).toEqual([])
      expect((await show({ TERM: 'xterm' }, [], false, XTERM_VT340)).queries).toEqual([])
      expect((await show({ TERM: 'xterm' }, ['--images', 'off'], true, XTERM_VT340)).queries).toEqual([])
      const { ctx } = context({ TERM: 'xterm', PRECIS_CACHE_DIR: tempDir('precis-cache-') }, true, undefined, XTERM_VT340)
      expect(await main(['show', 'gilmer2017neural'], ctx)).toBe(0)
      expect(ctx.terminalQueries).toEqual([])
      expect(ctx.stdout()).not.toContain('\x1b')
    })
  })
})

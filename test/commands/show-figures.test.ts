import { beforeEach, describe, expect, it, vi } from 'vitest'
import { main } from '../../src/main.js'
import { writeCachedFigure } from '../../src/sources/figure-cache.js'
import { libraryOf, paper, summary } from '../support/library.js'
import { tempDir, testContext } from '../support/context.js'
import { jpegHeader, PNG_1X1 } from '../support/images.js'

const FIG = 'https://i.imgur.com/model.png'
const PHOTO = 'https://i.imgur.com/photo.jpg'
const BODY = `The model passes messages.\n\nSee ![the architecture](${FIG}) for the layout.\n\nA photo: ${PHOTO}\n\nThe end.`
const KITTY = `\x1b_Ga=T,f=100,t=d,q=2,c=1,r=1,m=0;${PNG_1X1.toString('base64')}\x1b\\\n`

let cache: string
beforeEach(async () => {
  cache = tempDir('precis-cache-')
  await writeCachedFigure(cache, FIG, { bytes: PNG_1X1, info: { kind: 'png', width: 1, height: 1 } })
  await writeCachedFigure(cache, PHOTO, { bytes: jpegHeader(200, 100), info: { kind: 'jpeg', width: 200, height: 100 } })
})

function context(env: Record<string, string>, tty = true, config?: string) {
  const ctx = testContext({
    tty,
    ...(config === undefined ? {} : { config }),
    library: libraryOf(
      [paper({ key: 'gilmer2017neural', title: 'Neural Message Passing' })],
      [summary({ id: 'gilmer2017neural', paper: 'gilmer2017neural', body: BODY })],
    ),
    env: { PRECIS_CACHE_DIR: cache, ...env },
  })
  const page = vi.spyOn(ctx.io, 'page')
  return { ctx, page }
}

async function show(env: Record<string, string>, args: string[] = [], tty = true) {
  const { ctx, page } = context(env, tty)
  expect(await main(['show', 'gilmer2017neural', ...args], ctx)).toBe(0)
  return { out: ctx.stdout(), err: ctx.stderr(), paged: page.mock.calls.length > 0 }
}

describe('show draws cached figures', () => {
  it('in kitty: the PNG after the paragraph citing it, its caption under it, not through the pager', async () => {
    const { out, paged } = await show({ TERM: 'xterm-kitty' })
    expect(out).toContain(`See [fig 1] for the layout.\n\n${KITTY}[fig 1] the architecture\n\nA photo: [fig 2]\n\nThe end.`)
    expect(out.split('\x1b_G')).toHaveLength(2) // the JPEG is not drawn: kitty takes PNG only
    expect(paged).toBe(false)
  })

  it('in iTerm2: both figures, each sized to its shape', async () => {
    const { out } = await show({ TERM_PROGRAM: 'iTerm.app' })
    expect(out).toContain(`\x1b]1337;File=inline=1;size=${PNG_1X1.length};width=1;height=1;preserveAspectRatio=1:`)
    expect(out).toContain(`A photo: [fig 2]\n\n\x1b]1337;File=inline=1;size=${jpegHeader(200, 100).length};width=20;height=5;`)
  })

  it('with the output exactly as before when images are off, the terminal is unknown, or inside tmux', async () => {
    const { out: before, paged } = await show({ TERM: 'xterm-256color' })
    expect(before).not.toContain('\x1b')
    expect(paged).toBe(true)
    expect((await show({ TERM: 'xterm-kitty' }, ['--images', 'off'])).out).toBe(before)
    expect((await show({ TERM: 'screen', TMUX: '/tmp/tmux', KITTY_WINDOW_ID: '1' })).out).toBe(before)
  })

  it('never into a pipe, even when asked for', async () => {
    const piped = await show({ TERM: 'xterm-kitty' }, ['--images', 'kitty'], false)
    expect(piped.out).not.toContain('\x1b')
    expect(piped.out).toContain('See [fig 1] for the layout.\n\nA photo')
  })

  it('never with --json or --raw', async () => {
    for (const args of [['--raw'], ['--json']]) {
      const { ctx } = context({ TERM: 'xterm-kitty' })
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

  it('--images sixel says it is not supported (exit 2)', async () => {
    const { ctx } = context({ TERM: 'xterm' })
    expect(await main(['show', 'gilmer2017neural', '--images', 'sixel'], ctx)).toBe(2)
    expect(ctx.stderr()).toContain('--images sixel is not supported yet')
  })
})

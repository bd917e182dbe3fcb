/**
 * Figures drawn in a real terminal: xterm as a VT340 (sixel) on a virtual X display (Xvfb), running
 * `precis show` of a summary whose figure was downloaded from a local server, then a screenshot
 * (ImageMagick's `import`) read pixel by pixel. With a fixed font and no borders, text row r is
 * pixels r × the cell's height on, so the figure's place is known from the text: the rows under
 * the paragraph that says `[fig 1]`, with the caption `[fig 1] …` right under the figure. Once
 * as xterm comes, `--images auto` in its default 6×13 cells: precis must ask whether it draws
 * sixel (DA1); xterm does not say its cell size, so precis assumes those 6×13 and scales the
 * figure to 40 columns of 6 pixels. Once with 10×20 cells and window operations allowed, where
 * xterm says its cell size when asked (`CSI 16 t`) and 30 columns of 10 pixels hold the figure whole.
 *
 * Run by `npm run test:terminal` (vitest.terminal.config.ts), not by `npm test`: it needs Debian's
 * xterm, xvfb, xfonts-base and imagemagick, which `.ci/run` installs. Without them it fails, saying which.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { afterEach, describe, expect, it } from 'vitest'
import { startServer, type TestServer } from '../unit/sources/server.js'
import { libraryOf, paper, summary } from '../support/library.js'
import { tempDir } from '../support/context.js'
import { BIN, runPrecis } from '../support/cli.js'

const RED = [220, 30, 30] as const
const BLUE = [30, 30, 220] as const
/** The figure: 300×60 pixels, red on the left half, blue on the right. */
const FIGURE = { width: 300, height: 60 }
/** The text's width: 40 columns. */
const WIDTH = 40

const started: ChildProcess[] = []
let server: TestServer | undefined
afterEach(async () => {
  for (const child of started.splice(0)) child.kill()
  await server?.close()
})

function figurePng(): Buffer {
  const png = new PNG(FIGURE)
  for (let y = 0; y < FIGURE.height; y++) {
    for (let x = 0; x < FIGURE.width; x++) png.data.set([...(x < FIGURE.width / 2 ? RED : BLUE), 255], (y * FIGURE.width + x) * 4)
  }
  return PNG.sync.write(png)
}

function needs(binary: string, debianPackage: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${binary}`]).status === 0
  if (!found) throw new Error(`${binary} is missing: install Debian's ${debianPackage} (.ci/run does)`)
}

/** An X display of its own: Xvfb picks a free number and writes it on the pipe it is given. */
async function startXvfb(): Promise<string> {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1000x700x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  })
  started.push(xvfb)
  const number = await new Promise<string>((resolve, reject) => {
    let text = ''
    xvfb.stdio[3]!.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      if (text.includes('\n')) resolve(text.trim())
    })
    xvfb.on('exit', (code) => reject(new Error(`Xvfb ended (${code}) before it gave a display`)))
  })
  return `:${number}`
}

/** Each screenshot of the display, decoded. */
function screenshot(display: string, file: string): PNG {
  const shot = spawnSync('import', ['-display', display, '-window', 'root', `png24:${file}`])
  if (shot.status !== 0) throw new Error(`import failed: ${shot.stderr.toString()}`)
  return PNG.sync.read(readFileSync(file))
}

const pixel = (png: PNG, x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3)]
const near = (a: readonly number[], b: readonly number[]) => a.every((v, i) => Math.abs(v - b[i]!) <= 8)

/** The smallest rectangle holding every pixel of `colour`; null when there is none. */
function boundsOf(png: PNG, colour: readonly number[]): { left: number; top: number; right: number; bottom: number } | null {
  let box: { left: number; top: number; right: number; bottom: number } | null = null
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      if (!near(pixel(png, x, y), colour)) continue
      box ??= { left: x, top: y, right: x, bottom: y }
      box = { left: Math.min(box.left, x), top: Math.min(box.top, y), right: Math.max(box.right, x), bottom: Math.max(box.bottom, y) }
    }
  }
  return box
}

type Cell = { width: number; height: number }

/** Whether text row `row` has glyph pixels (the foreground: black on xterm's white) in columns `from` to `to`. */
function textIn(png: PNG, cell: Cell, row: number, from: number, to: number): boolean {
  for (let y = row * cell.height; y < (row + 1) * cell.height; y++) {
    for (let x = from * cell.width; x < to * cell.width; x++) if (near(pixel(png, x, y), [0, 0, 0])) return true
  }
  return false
}

describe('xterm as a VT340 draws a figure in sixel where the text cites it', () => {
  it.each([
    { font: '6x13', cell: { width: 6, height: 13 }, windowOps: false, images: 'auto', drawn: { width: 240, height: 48 } },
    { font: '10x20', cell: { width: 10, height: 20 }, windowOps: true, images: 'sixel', drawn: { width: 300, height: 60 } },
  ])(
    '$font font, window operations $windowOps, --images $images: the figure under the paragraph saying [fig 1], its caption under it',
    async ({ font, cell, windowOps, images, drawn }) => {
      for (const [binary, debianPackage] of [
        ['Xvfb', 'xvfb'],
        ['xterm', 'xterm'],
        ['import', 'imagemagick'],
      ] as const) {
        needs(binary, debianPackage)
      }
      server = await startServer(() => ({ body: figurePng(), headers: { 'content-type': 'image/png' } }))
      const dir = tempDir('precis-xterm-')
      const library = join(dir, 'library.json')
      const body = `The model passes messages.\n\nSee ![the architecture](${server.origin}/fig.png) for the layout.\n\nThe end.\n`
      writeFileSync(
        library,
        JSON.stringify(
          libraryOf(
            [paper({ key: 'gilmer2017neural', title: 'Neural Message Passing' })],
            [summary({ id: 'gilmer2017neural', paper: 'gilmer2017neural', body })],
          ),
        ),
      )
      const env = { PRECIS_CACHE_DIR: join(dir, 'cache') }
      const download = await runPrecis(['--library', library, 'figures', 'gilmer', '--download'], { env })
      expect(download.stdout).toContain('(cached)')

      // Where the text goes: the same output into a pipe has no figure, so the figure's rows start
      // two lines after the paragraph citing it (its blank line, then the image).
      const piped = await runPrecis(['--library', library, 'show', 'gilmer', '--width', String(WIDTH)], { env })
      const lines = piped.stdout.split('\n')
      const citing = lines.findIndex((line) => line.includes('See [fig 1] for the layout.'))
      expect(citing).toBeGreaterThan(0)

      const display = await startXvfb()
      const done = join(dir, 'done')
      const script = join(dir, 'show.sh')
      writeFileSync(
        script,
        [
          `printf '\\033[H\\033[2J'`, // from the top-left cell
          `PRECIS_CACHE_DIR='${env.PRECIS_CACHE_DIR}' '${process.execPath}' '${BIN}' --library '${library}' --no-color show gilmer --width ${WIDTH} --images ${images}`,
          `touch '${done}'`,
          'exec sleep 600',
        ].join('\n'),
      )
      const xterm = spawn(
        'xterm',
        ['-ti', 'vt340', '-fn', font, '-b', '0', '-bw', '0', '-geometry', '80x30+0+0', '-bg', 'white', '-fg', 'black']
          .concat(windowOps ? ['-xrm', 'XTerm*allowWindowOps: true'] : [])
          .concat(['-e', 'sh', script]),
        { env: { ...process.env, DISPLAY: display, TERM: 'xterm' }, stdio: 'ignore' },
      )
      started.push(xterm)

      // Wait for show to end, then for the screen to settle (two screenshots alike, the figure on it): decided by states, not by time.
      for (let tries = 0; !existsSync(done); tries++) {
        if (tries > 600 || xterm.exitCode !== null) throw new Error('show did not end in the terminal')
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      let shot = screenshot(display, join(dir, 'shot.png'))
      for (let tries = 0; tries < 50; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 200))
        const again = screenshot(display, join(dir, 'shot.png'))
        const same = again.data.equals(shot.data)
        shot = again
        if (same && boundsOf(shot, RED) !== null) break
      }

      const red = boundsOf(shot, RED)
      const blue = boundsOf(shot, BLUE)
      const top = (citing + 2) * cell.height
      const bottom = top + drawn.height - 1
      // The figure at its size, left edge at the margin, top at its row.
      expect(red).toEqual({ left: 0, top, right: drawn.width / 2 - 1, bottom })
      expect(blue).toEqual({ left: drawn.width / 2, top, right: drawn.width - 1, bottom })
      // The text says [fig 1] in the row above the blank one over the figure, and again right under it.
      expect(textIn(shot, cell, citing, 0, WIDTH)).toBe(true)
      expect(textIn(shot, cell, citing + 1, 0, 80)).toBe(false)
      const under = Math.floor(bottom / cell.height) + 1 // the row after the last the figure reaches into
      expect(textIn(shot, cell, under, 0, 7)).toBe(true) // "[fig 1] the architecture"
    },
  )
})

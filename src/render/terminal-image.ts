/**
 * The escape sequences that draw an image in a terminal, as pure functions of the image's bytes
 * and its cell box: the kitty graphics protocol (a PNG, base64 in chunks of 4096 bytes, `q=2` so
 * the terminal sends no reply into our input) and iTerm2's inline images (any format the terminal
 * decodes). Each ends with a newline, so text resumes under the image. Sixel needs the pixels:
 * see raster.ts.
 */
import type { CellBox } from '../core/images/cells.js'

/** kitty takes at most 4096 bytes of base64 per escape. */
const KITTY_CHUNK = 4096
const ESC = '\x1b'
const ST = `${ESC}\\`

/**
 * A PNG drawn at the cursor by the kitty graphics protocol, `box.columns` wide; each chunk passed
 * through tmux when `tmux`. Only the columns are given, so kitty keeps the image's shape (given
 * rows too, it stretches the image to fill both when the cell's shape is not the assumed 1:2)
 * and moves the cursor under however many rows it takes.
 */
export function kittyImage(png: Uint8Array, box: CellBox, tmux = false): string {
  const wrap = tmux ? tmuxPassthrough : (escape: string) => escape
  const data = Buffer.from(png).toString('base64')
  const chunks: string[] = []
  for (let at = 0; at < data.length || at === 0; at += KITTY_CHUNK) chunks.push(data.slice(at, at + KITTY_CHUNK))
  const first = `a=T,f=100,t=d,q=2,c=${box.columns}`
  return (
    chunks
      .map((chunk, i) => {
        const more = i < chunks.length - 1 ? 1 : 0
        return wrap(`${ESC}_G${i === 0 ? `${first},` : 'q=2,'}m=${more};${chunk}${ST}`)
      })
      .join('') + '\n'
  )
}

/** An image (PNG, JPEG, GIF or WebP) drawn at the cursor by iTerm2's protocol, fitted into `box`. */
export function itermImage(bytes: Uint8Array, box: CellBox, tmux = false): string {
  const data = Buffer.from(bytes).toString('base64')
  const args = `inline=1;size=${bytes.length};width=${box.columns};height=${box.rows};preserveAspectRatio=1`
  const escape = `${ESC}]1337;File=${args}:${data}\x07`
  return (tmux ? tmuxPassthrough(escape) : escape) + '\n'
}

/**
 * One escape sequence wrapped for tmux's passthrough: in a DCS `tmux;` string every ESC is doubled.
 * tmux without `allow-passthrough on` drops it whole, so nothing stray reaches the screen.
 */
export function tmuxPassthrough(escape: string): string {
  return `${ESC}Ptmux;${escape.replaceAll(ESC, ESC + ESC)}${ST}`
}

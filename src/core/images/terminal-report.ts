/**
 * Asking the terminal what it draws, as values: the bytes to send and how to read the answer. The
 * questions are kitty's graphics query (a 1×1 image it checks but does not show), xterm's cell
 * size in pixels (`CSI 16 t`), then the primary device attributes (DA1, `CSI c`). Every terminal
 * answers DA1, and answers in order, so its reply ends the exchange: a terminal that does not
 * know the first two stays silent on them instead of making us wait for a timeout.
 */
import type { TerminalReport } from './protocol.js'

const ESC = '\x1b'

/** What is written to the terminal. */
export const TERMINAL_QUERY = `${ESC}_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA${ESC}\\${ESC}[16t${ESC}[c`

/** Longest answer read: past it the terminal is not answering our questions. */
export const MAX_TERMINAL_REPLY = 4096

// eslint-disable-next-line no-control-regex -- the terminal's replies are escape sequences
const DA1 = /\x1b\[\?([0-9;]*)c/
// eslint-disable-next-line no-control-regex -- as above
const KITTY_OK = /\x1b_Gi=31;OK\x1b\\/
// eslint-disable-next-line no-control-regex -- as above
const CELL_SIZE = /\x1b\[6;(\d{1,4});(\d{1,4})t/

/** Whether `reply` holds the answer to DA1, the last question (or is longer than any answer). */
export function replyComplete(reply: string): boolean {
  return DA1.test(reply) || reply.length > MAX_TERMINAL_REPLY
}

/** What the terminal said; null when it did not answer DA1 (then nothing else it sent is trusted). */
export function parseTerminalReport(reply: string): TerminalReport | null {
  const attributes = DA1.exec(reply)
  if (!attributes) return null
  // The first parameter is the device class (62, 63, 64…); 4 among the rest is sixel graphics.
  const sixel = attributes[1]!.split(';').slice(1).includes('4')
  const size = CELL_SIZE.exec(reply)
  const height = Number(size?.[1])
  const width = Number(size?.[2])
  const cell = width >= 1 && height >= 1 ? { width, height } : null
  return { kitty: KITTY_OK.test(reply), sixel, cell }
}

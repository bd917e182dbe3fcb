import { expect } from 'vitest'

/**
 * Text that tries everything a terminal obeys: window-title and hyperlink OSC, screen clearing and
 * colour CSI, the 8-bit C1 forms of CSI and OSC, bidi overrides and isolates (Trojan Source),
 * DEL, backspace and a carriage return that would overwrite the line.
 */
export const HOSTILE =
  'Evil\u001b]0;pwned\u0007 \u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\ \u001b[2J\u001b[31mred ' +
  '\u009b31mc1 \u009dc1osc \u202eesrever\u202c \u2066iso\u2069 \u061c\u200f \u007f\u0008\rover'

/** The same without SGR-looking sequences, for output that may carry our own colours. */
export const HOSTILE_NO_SGR = HOSTILE.replace('\u001b[31m', '')

/**
 * What of HOSTILE a record may hold from a flag or an import: its C0 controls (ESC, BEL, BS; all
 * but tab, newline and CR) are refused at the door, while C1 controls, bidi controls and DEL are stored and left to
 * the sanitizer. Libraries written before that rule, hand edits and sync peers may hold all of HOSTILE.
 */
export const HOSTILE_STORABLE = HOSTILE.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')

// What must never reach a terminal raw (README, Output conventions): C0 but \n and \t, DEL, C1, bidi controls.
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/** Our own colours (SGR), which are allowed in colour output. */
const SGR = /\u001b\[[0-9;]*m/g

/** The raw control characters in `text`, each with a little context, for a readable failure. */
export function rawControls(text: string, options: { colour?: boolean } = {}): string[] {
  const checked = options.colour ? text.replace(SGR, '') : text
  return [...checked.matchAll(RAW)].map((m) => JSON.stringify(checked.slice(Math.max(0, m.index - 12), m.index + 4)))
}

/** Fail when `text` holds anything a terminal would act on. */
export function expectTerminalSafe(text: string, what: string, options: { colour?: boolean } = {}): void {
  expect(rawControls(text, options), `${what} wrote raw control characters`).toEqual([])
}

import { Chalk, type ChalkInstance } from 'chalk'
import type { Env } from '../store/paths.js'
export { sanitizeTerminal } from '../core/text/sanitize.js'

/**
 * Where output goes and what the terminal can do (gh's IOStreams). Data goes to `out`, messages to
 * `err`. Strings from data must pass `sanitizeTerminal` before they are styled and written.
 */
export interface IO {
  /** Write to stdout as is (bytes: UTF-8 text, as `list` keeps its rows made in the index). */
  out(text: string | Uint8Array): void
  /**
   * Write to stdout as is, resolving once stdout takes more: a long document written a piece at a
   * time into a slow pipe then waits for it rather than piling up in memory.
   */
  outInTurn(text: string): Promise<void>
  /** Write to stderr as is. */
  err(text: string): void
  readonly stdinIsTTY: boolean
  readonly stdoutIsTTY: boolean
  readonly stderrIsTTY: boolean
  /** Terminal width when stdout is a terminal, else null. */
  readonly columns: number | null
  /** Terminal height when stdout is a terminal, else null. */
  readonly rows: number | null
  /** Colour on stdout (false: `style` emits no escape codes at all). */
  readonly color: boolean
  /** OSC 8 hyperlinks on stdout. */
  readonly hyperlinks: boolean
  /** Styles for stdout text; colourless when `color` is false. */
  readonly style: ChalkInstance
  /** Styles for stderr messages; colourless unless stderr is a colour terminal. */
  readonly errStyle: ChalkInstance
  /** All of stdin, as bytes (decoding is the reader's job: input from outside is checked). */
  readStdin(): Promise<Uint8Array>
  /**
   * Write `query` to the terminal and read its answer until `complete` says it is whole or
   * `timeoutMs` passed, stdin in raw mode meanwhile and restored after; null (nothing written)
   * unless both stdin and stdout are a terminal.
   */
  askTerminal(query: string, complete: (reply: string) => boolean, timeoutMs: number): Promise<string | null>
  /**
   * Show long output through the pager on a terminal; write it directly otherwise. Given in parts,
   * they are written one after the other, each encoded alone: a long part of one-byte text is never
   * copied into a two-byte whole with a short part of other characters.
   */
  page(text: string | readonly string[]): Promise<void>
  /** Turn colour and hyperlinks off (`--no-color`), the pager off (`--no-pager`), or choose the pager command. */
  configure(options: { color?: boolean; pager?: boolean; pagerCommand?: string }): void
}

/** What decides colour (README, Output conventions): a flag, then NO_COLOR, then FORCE_COLOR, then TERM=dumb and the TTY. */
export function colorWanted(isTTY: boolean, env: Env, flag: boolean): boolean {
  if (!flag) return false
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false'
  return isTTY && env.TERM !== 'dumb'
}

/** A chalk instance that styles only when colour is on. */
export function styleFor(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 2 : 0 })
}

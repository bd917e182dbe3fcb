import { fstatSync, writeSync } from 'node:fs'
import { isatty } from 'node:tty'
import { leavingCtrlCToPager } from '../platform/interrupt.js'
import { lazyRequire } from '../core/lazy-require.js'
import { colorWanted, styleFor, type IO } from './io.js'
import type { Env } from '../store/paths.js'
import { DEFAULT_PAGER } from '../core/config/precedence.js'
import { fillsScreen } from './screenful.js'

/**
 * Loaded when colour is on only: as it loads, the package asks whether stdout and stderr take
 * hyperlinks, which makes Node open both streams (stderr to a pipe or a terminal loads node:net and
 * its streams, ~2–3 ms) in a run that may never write to stderr.
 */
const supportsHyperlinks = lazyRequire<typeof import('supports-hyperlinks')>('supports-hyperlinks')

/**
 * Whether stdout is a file or /dev/null. Node's process.stdout there is a stream that writes each piece
 * with writeSync: made, it loads node:stream and its twenty modules (~1.5 ms), which a `list` or a
 * `show` into a file needs for nothing else. precis writes there itself; a terminal or a pipe (whose
 * writes may wait for the reader) gets process.stdout.
 */
function stdoutIsFile(): boolean {
  try {
    const stat = fstatSync(1)
    return stat.isFile() || (stat.isCharacterDevice() && !isatty(1))
  } catch {
    return false // no stdout: process.stdout makes do, as it always did
  }
}

/** All of `text` written to stdout (a file: a write takes it whole but for a full disk, which then fails). */
function writeToFile(text: string | Uint8Array): void {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text
  for (let at = 0; at < bytes.length;) at += writeSync(1, bytes, at)
}

/** The real IO on the process's streams. */
export class TerminalIO implements IO {
  // isatty, not process.stdin.isTTY: that opens stdin (a handle, ~3 ms) in every run, most of which never read it.
  readonly stdinIsTTY = isatty(0)
  readonly stdoutIsTTY = isatty(1)
  private readonly stdoutIsFile = stdoutIsFile()
  readonly stderrIsTTY = isatty(2)
  readonly columns = this.stdoutIsTTY ? process.stdout.columns || null : null
  readonly rows = this.stdoutIsTTY ? process.stdout.rows || null : null
  color: boolean
  hyperlinks: boolean
  style
  errStyle
  private pager = true
  private pagerCommand: string | undefined

  constructor(private readonly env: Env) {
    this.color = colorWanted(this.stdoutIsTTY, env, true)
    this.hyperlinks = this.color && supportsHyperlinks().stdout
    this.style = styleFor(this.color)
    this.errStyle = styleFor(colorWanted(this.stderrIsTTY, env, true))
  }

  out(text: string | Uint8Array): void {
    if (this.stdoutIsFile) writeToFile(text)
    else process.stdout.write(text)
  }

  outInTurn(text: string): Promise<void> {
    if (this.stdoutIsFile) {
      writeToFile(text)
      return Promise.resolve()
    }
    // A pipe's writes are queued in memory, not waited for: a reader slower than us would have the whole document queued.
    return process.stdout.write(text) ? Promise.resolve() : new Promise((resolve) => process.stdout.once('drain', resolve))
  }

  err(text: string): void {
    process.stderr.write(text)
  }

  configure(options: { color?: boolean; pager?: boolean; pagerCommand?: string }): void {
    if (options.pagerCommand !== undefined) this.pagerCommand = options.pagerCommand
    if (options.color === false) {
      this.color = false
      this.hyperlinks = false
      this.style = styleFor(false)
      this.errStyle = styleFor(false)
    }
    if (options.pager === false) this.pager = false
  }

  async readStdin(): Promise<Uint8Array> {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks)
  }

  askTerminal(query: string, complete: (reply: string) => boolean, timeoutMs: number): Promise<string | null> {
    if (!this.stdinIsTTY || !this.stdoutIsTTY) return Promise.resolve(null)
    const stdin = process.stdin
    const wasRaw = stdin.isRaw
    return new Promise((resolve) => {
      let reply = ''
      const finish = () => {
        clearTimeout(timer)
        stdin.off('data', read)
        stdin.setRawMode(wasRaw)
        stdin.pause() // let the process end, and the next reader (a prompt) start afresh
        resolve(reply)
      }
      const read = (chunk: Buffer) => {
        reply += chunk.toString('latin1')
        if (complete(reply)) finish()
      }
      const timer = setTimeout(finish, timeoutMs)
      stdin.setRawMode(true) // the answer arrives as input: not echoed, not waiting for Enter
      stdin.on('data', read)
      stdin.resume()
      process.stdout.write(query)
    })
  }

  async page(text: string | readonly string[]): Promise<void> {
    const parts = typeof text === 'string' ? [text] : text
    const write = () => parts.forEach((part) => this.out(part))
    if (!this.pager || !this.stdoutIsTTY || this.rows === null || !fillsScreen(parts, this.rows)) return write()
    const command = this.pagerCommand ?? (this.env.PAGER || DEFAULT_PAGER)
    const paged = await leavingCtrlCToPager(
      () =>
        new Promise<boolean>((resolve) => {
          // Loaded here: child_process (with net, streams) at start-up would slow every command.
          const { spawn } = process.getBuiltinModule('node:child_process')
          const child = spawn('/bin/sh', ['-c', command], { stdio: ['pipe', 'inherit', 'inherit'] })
          child.on('error', () => resolve(false))
          child.on('close', (code) => resolve(code !== 127)) // 127: the shell did not find the pager
          child.stdin.on('error', () => undefined) // the reader quit early (q in less): not an error
          for (const part of parts) child.stdin.write(part)
          child.stdin.end()
        }),
    )
    if (!paged) write()
  }
}

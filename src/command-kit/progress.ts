import type { Context } from '../context.js'

/** Work that ends sooner than this shows no progress at all. */
const SHOW_AFTER_MS = 1000
/** Redraw at most this often. */
const REDRAW_MS = 100
const BAR_WIDTH = 24

/**
 * A progress bar on stderr for long imports and exports: only on a terminal, never with `--quiet`,
 * and only once the work has taken more than a second. It is erased when the work is done.
 */
export class Progress {
  private readonly started: number
  private readonly enabled: boolean
  private lastDraw = -Infinity
  private drawn = false

  constructor(
    private readonly ctx: Context,
    private readonly label: string,
    private readonly total: number,
  ) {
    this.started = ctx.clock.now().getTime()
    this.enabled = ctx.io.stderrIsTTY && !ctx.globals.quiet && total > 1
  }

  /** `done` of `total` items are finished. */
  update(done: number): void {
    if (!this.enabled) return
    const now = this.ctx.clock.now().getTime()
    if (now - this.started < SHOW_AFTER_MS || (now - this.lastDraw < REDRAW_MS && done < this.total)) return
    this.lastDraw = now
    this.drawn = true
    const filled = Math.round((BAR_WIDTH * done) / this.total)
    this.ctx.io.err(`\r${this.label} ${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${done}/${this.total}\u001b[K`)
  }

  /** Erase the bar (if it was shown), so the next message starts on a clean line. */
  finish(): void {
    if (this.drawn) this.ctx.io.err('\r\u001b[K')
  }
}

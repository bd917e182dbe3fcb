import type { Context } from '../../context.js'
import { PrecisError } from '../../core/errors.js'
import { bashScript } from './bash.js'
import { completionCandidates, type QueryFields } from './candidates.js'
import { fishScript } from './fish.js'
import type { CommandSpec, DynamicSource, Shell } from './spec.js'
import { completionRows, type CompletionRow } from './table.js'
import { zshScript } from './zsh.js'
import { sanitizeTerminal } from '../../core/text/sanitize.js'
import { readOutline } from '../../store/outline-reads.js'

export interface CompletionOptions {
  shell: Shell
  /** The program's commands, flags and arguments, as completion sees them. */
  spec: CommandSpec
}

export interface CompleteOptions {
  source: DynamicSource
  prefix: string
}

const SCRIPTS: Record<Shell, (rows: readonly CompletionRow[]) => string> = { bash: bashScript, zsh: zshScript, fish: fishScript }

export async function completionRun(opts: CompletionOptions, ctx: Context): Promise<void> {
  ctx.io.out(SCRIPTS[opts.shell](completionRows(opts.spec)))
}

/** Candidates one per line; a library that cannot be read completes to nothing (never an error under a prompt). */
export async function completeRun(opts: CompleteOptions, ctx: Context, fields: QueryFields = []): Promise<void> {
  let library
  try {
    library = await readOutline(ctx.store)
  } catch (error) {
    if (error instanceof PrecisError) return
    throw error
  }
  // A value with a control character cannot be typed, and must not reach the terminal raw: leave it out.
  const candidates = completionCandidates(library, opts.source, opts.prefix, fields).filter(
    (c) => sanitizeTerminal(c) === c && !/[\n\t]/.test(c),
  )
  ctx.io.out(candidates.map((c) => c + '\n').join(''))
}

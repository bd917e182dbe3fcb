import { CommanderError } from 'commander'
import { ExitCode, PrecisError } from './core/errors.js'
import type { Context } from './context.js'
import { describeFileError } from './platform/file-errors.js'
import { sanitizeTerminal } from './core/text/sanitize.js'
import { buildProgram } from './program.js'

function report(ctx: Context, message: string, details: readonly string[] = []): void {
  const { errStyle } = ctx.io
  // The error is one line (README, Exit codes): a line break in a name it quotes (a file called
  // `a\nprecis: ...`) is shown as \u000A, as the sanitiser shows other controls.
  const line = sanitizeTerminal(message).replaceAll('\n', '\\u000A')
  const lines = [errStyle.red(`precis: ${line}`), ...details.map((d) => sanitizeTerminal(d))]
  ctx.io.err(lines.join('\n') + '\n')
}

/**
 * Run precis with `argv` (arguments after the program name) in `ctx`, and return the exit code.
 * The only place where failures become exit codes (README, Exit codes).
 */
export async function main(argv: readonly string[], ctx: Context): Promise<number> {
  const program = buildProgram(ctx, argv)
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return ExitCode.ok
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help or the version, printed by commander; its refusals arrive as UsageError (command-kit/command-errors.ts).
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage
    }
    if (error instanceof PrecisError) {
      report(ctx, error.message, error.details)
      return error.exitCode
    }
    const err = error as NodeJS.ErrnoException
    const debug = ctx.env.PRECIS_DEBUG && err?.stack ? [err.stack] : []
    // A file-system failure no command turned into its own message: the file and the reason in words, not ELOOP.
    if (typeof err?.path === 'string' && typeof err.syscall === 'string' && !err.syscall.startsWith('spawn'))
      report(ctx, `${err.path}: ${describeFileError(err)}`, debug)
    else report(ctx, err?.message ?? String(error), debug)
    return ExitCode.failure
  } finally {
    await ctx.dispose()
  }
}

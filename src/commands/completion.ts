import { Argument, Help, type Command } from 'commander'
import type { Context } from '../context.js'
import { PrecisError } from '../core/errors.js'
import { bashScript } from '../completion/bash.js'
import { completionCandidates, type QueryFields } from '../completion/candidates.js'
import { fishScript } from '../completion/fish.js'
import { commandSpec, DYNAMIC_SOURCES, type CommandSpec, type DynamicSource } from '../completion/spec.js'
import { completionTable } from '../completion/table.js'
import { zshScript } from '../completion/zsh.js'
import { sanitizeTerminal } from '../sanitize.js'

export const SHELLS = ['bash', 'zsh', 'fish'] as const
export type Shell = (typeof SHELLS)[number]

export interface CompletionOptions {
  shell: Shell
  /** The program's commands, flags and arguments, as completion sees them. */
  spec: CommandSpec
}

export interface CompleteOptions {
  source: DynamicSource
  prefix: string
}

const SCRIPTS: Record<Shell, (table: string) => string> = { bash: bashScript, zsh: zshScript, fish: fishScript }

/**
 * `completion <shell>` prints the script; the hidden `__complete <source> [prefix]` prints the
 * library's handles, tags or trash ids for it. `topics` are the extra words `help` completes.
 */
export function registerCompletion(program: Command, ctx: Context, topics: readonly string[] = [], fields: QueryFields = []): void {
  program
    .command('completion')
    .description('Print the shell completion script for bash, zsh or fish')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS))
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  precis completion bash > ~/.local/share/bash-completion/completions/precis\n' +
        '  precis completion zsh > "${fpath[1]}/_precis"\n' +
        '  precis completion fish > ~/.config/fish/completions/precis.fish\n' +
        "  echo 'source <(precis completion bash)' >> ~/.bashrc\n",
    )
    .action(async (shell: Shell) => {
      const names = new Help().visibleCommands(program).map((c) => c.name())
      return completionRun({ shell, spec: commandSpec(program, [...names, ...topics]) }, ctx)
    })

  program
    .command('__complete', { hidden: true })
    .description('Print completion candidates from the library (used by the completion scripts)')
    .addArgument(new Argument('<source>').choices(DYNAMIC_SOURCES))
    .argument('[prefix]', 'what has been typed so far', '')
    .action(async (source: DynamicSource, prefix: string) => completeRun({ source, prefix }, ctx, fields))
}

export async function completionRun(opts: CompletionOptions, ctx: Context): Promise<void> {
  ctx.io.out(SCRIPTS[opts.shell](completionTable(opts.spec)))
}

/** Candidates one per line; a library that cannot be read completes to nothing (never an error under a prompt). */
export async function completeRun(opts: CompleteOptions, ctx: Context, fields: QueryFields = []): Promise<void> {
  let library
  try {
    library = await ctx.store.read()
  } catch (error) {
    if (error instanceof PrecisError) return
    throw error
  }
  // A value with a control character cannot be typed, and must not reach the terminal raw: leave it out.
  const candidates = completionCandidates(library, opts.source, opts.prefix, fields).filter((c) => sanitizeTerminal(c) === c && !/[\n\t]/.test(c))
  ctx.io.out(candidates.map((c) => c + '\n').join(''))
}

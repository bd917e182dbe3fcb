import { Argument, Help, type Command } from 'commander'
import type { Context } from '../../context.js'
import type { QueryFields } from './candidates.js'
import { commandSpec, DYNAMIC_SOURCES, SHELLS, type CommandSpec, type DynamicSource, type Shell } from './spec.js'

/** The scripts and the candidates, loaded when asked for (start-up loads only the command line). */
const work = () => import('./run.js')

/** What completion knows of `program`: its commands, and for `help` the commands and `topics`. */
export function completionSpec(program: Command, topics: readonly string[]): CommandSpec {
  const names = new Help().visibleCommands(program).map((c) => c.name())
  return commandSpec(program, [...names, ...topics])
}

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
    .action(async (shell: Shell) => (await work()).completionRun({ shell, spec: completionSpec(program, topics) }, ctx))

  program
    .command('__complete', { hidden: true })
    .description('Print completion candidates from the library (used by the completion scripts)')
    .addArgument(new Argument('<source>').choices(DYNAMIC_SOURCES))
    .argument('[prefix]', 'what has been typed so far', '')
    .action(async (source: DynamicSource, prefix: string) => (await work()).completeRun({ source, prefix }, ctx, fields))
}

import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { lazyRun } from '../../command-kit/lazy-run.js'

// The work of the command, loaded when it runs (start-up loads only the command line).
const historyRun = lazyRun(async () => (await import('./run.js')).historyRun)

export function registerHistory(program: Command, ctx: Context, run = historyRun): void {
  program
    .command('history')
    .description('Show a summary\'s past versions, from the library\'s git history (see "precis sync")')
    .argument('<handle>', 'summary id or unique prefix; also the id of a summary no longer in the library')
    .addHelpText(
      'after',
      '\nEach line: date, commit, what changed, and the commit message. --json has every version in full.\n\n' +
        "Examples:\n  precis history gilmer2017neural\n  precis history gilmer2017neural --json | jq -r '.[1].summary.body'\n",
    )
    .action(async (handle: string) => run({ handle }, ctx))
}

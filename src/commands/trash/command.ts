import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { lazyRun } from '../../command-kit/lazy-run.js'

// The work of the command, loaded when it runs (start-up loads only the command line).
const trashRun = lazyRun(async () => (await import('./run.js')).trashRun)

export function registerTrash(program: Command, ctx: Context, run = trashRun): void {
  program
    .command('trash')
    .description('List the trash, or empty it')
    .option('--empty', 'delete everything in the trash for good')
    .option('-y, --yes', 'do not ask for confirmation')
    .addHelpText('after', '\nExamples:\n  precis trash\n  precis trash --empty --yes\n')
    .action(async (raw: { empty?: boolean; yes?: boolean }) => run({ empty: raw.empty === true, yes: raw.yes === true }, ctx))
}

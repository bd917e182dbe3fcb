import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { lazyRun } from '../../command-kit/lazy-run.js'

// The work of the command, loaded when it runs (start-up loads only the command line).
const restoreRun = lazyRun(async () => (await import('./run.js')).restoreRun)

export function registerRestore(program: Command, ctx: Context, run = restoreRun): void {
  program
    .command('restore')
    .description('Bring summaries, and papers trashed alone, back from the trash')
    .argument('<id...>', 'ids as listed by "precis trash" (a paper trashed alone by its key)')
    .addHelpText('after', '\nExamples:\n  precis restore gilmer2017neural-2\n  precis restore vaswani2017attention\n')
    .action(async (ids: string[]) => run({ ids }, ctx))
}

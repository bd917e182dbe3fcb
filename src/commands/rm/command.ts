import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { lazyRun } from '../../command-kit/lazy-run.js'

// The work of the command, loaded when it runs (start-up loads only the command line).
const rmRun = lazyRun(async () => (await import('./run.js')).rmRun)

export function registerRm(program: Command, ctx: Context, run = rmRun): void {
  program
    .command('rm')
    .description('Move summaries to the trash (restorable with "precis restore")')
    .argument('<handle...>', 'summary ids, paper keys (all their summaries) or unique prefixes')
    .option('-y, --yes', 'do not ask for confirmation')
    .addHelpText('after', '\nExamples:\n  precis rm gilmer2017neural-2\n  precis rm oh2020discovering --yes\n')
    .action(async (handles: string[], raw: { yes?: boolean }) => run({ handles, yes: raw.yes === true }, ctx))
}

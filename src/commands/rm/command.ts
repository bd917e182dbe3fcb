import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { lazyRun } from '../../command-kit/lazy-run.js'

// The work of the command, loaded when it runs (start-up loads only the command line).
const rmRun = lazyRun(async () => (await import('./run.js')).rmRun)

export function registerRm(program: Command, ctx: Context, run = rmRun): void {
  program
    .command('rm')
    .description('Move summaries, or papers that have none, to the trash (restorable with "precis restore")')
    .argument('<handle...>', 'summary ids, paper keys (all their summaries, or the paper alone when it has none) or unique prefixes')
    .option('-y, --yes', 'do not ask for confirmation')
    .addHelpText(
      'after',
      [
        '',
        'A paper leaves the library with its last summary; a paper without summaries (queued with',
        '"add --to-read", or added with --no-summary) goes to the trash alone. Its attached files stay',
        'in place until "precis trash --empty".',
        '',
        'Examples:',
        '  precis rm gilmer2017neural-2',
        '  precis rm oh2020discovering --yes',
        '',
      ].join('\n'),
    )
    .action(async (handles: string[], raw: { yes?: boolean }) => run({ handles, yes: raw.yes === true }, ctx))
}

import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { parsePositiveInt } from '../../command-kit/flags.js'
import { lazyRun } from '../../command-kit/lazy-run.js'

// The work of the command, loaded when it runs (start-up loads only the command line).
const statsRun = lazyRun(async () => (await import('./run.js')).statsRun)

export function registerStats(program: Command, ctx: Context, run = statsRun): void {
  program
    .command('stats')
    .description('Numbers about the library: totals, summaries per year, top tags and venues, longest and most-cited')
    .option('--top <n>', 'rows in each top list', '10')
    .addHelpText(
      'after',
      '\nExamples:\n  precis stats\n  precis stats --top 5\n  precis stats | grep ^tag\n  precis stats --json | jq .words\n',
    )
    .action(async (raw: { top: string }) => run({ top: parsePositiveInt('--top', raw.top) }, ctx))
}

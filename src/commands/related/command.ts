import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { parsePositiveInt } from '../../command-kit/flags.js'
import { lazyRun } from '../../command-kit/lazy-run.js'

// The work of the command, loaded when it runs (start-up loads only the command line).
const relatedRun = lazyRun(async () => (await import('./run.js')).relatedRun)

export function registerRelated(program: Command, ctx: Context, run = relatedRun): void {
  program
    .command('related')
    .description('The papers most related to one: shared citations, shared tags and similar text, with the reason for each')
    .argument('<handle>', 'a paper key, summary id or unique prefix')
    .option('--limit <n>', 'show at most n papers', '10')
    .addHelpText(
      'after',
      '\nExamples:\n  precis related gilmer2017neural\n  precis related gilm --limit 5\n  precis related gilmer2017neural --json | jq -r .[].key\n',
    )
    .action(async (handle: string, raw: { limit: string }) => run({ handle, limit: parsePositiveInt('--limit', raw.limit) }, ctx))
}

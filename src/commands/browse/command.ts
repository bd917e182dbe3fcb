import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { allowDashWords } from '../../command-kit/command-errors.js'
import { lazyRun } from '../../command-kit/lazy-run.js'

// The work of the command, loaded when it runs (start-up loads only the command line).
const browseRun = lazyRun(async () => (await import('./run.js')).browseRun)

export function registerBrowse(program: Command, ctx: Context, run = browseRun): void {
  allowDashWords(program.command('browse'))
    .description('Search as you type, pick with the arrows, Enter to read; Esc leaves')
    .argument('[query...]', 'text to start with')
    .addHelpText('after', '\nExamples:\n  precis browse\n  precis browse tag:gnn\n')
    .action(async (words: string[]) => run({ query: words.join(' ') }, ctx))
}

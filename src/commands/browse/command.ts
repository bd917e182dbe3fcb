import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { allowDashWords } from '../../command-kit/command-errors.js'
import { lazyRun } from '../../command-kit/lazy-run.js'
import { choiceOption } from '../../command-kit/flags.js'
import { IMAGE_SETTINGS, type ImageSetting } from '../../core/images/protocol.js'

// The work of the command, loaded when it runs (start-up loads only the command line).
const browseRun = lazyRun(async () => (await import('./run.js')).browseRun)

export function registerBrowse(program: Command, ctx: Context, run = browseRun): void {
  allowDashWords(program.command('browse'))
    .description('Search as you type, pick with the arrows, Enter to read; Esc leaves')
    .argument('[query...]', 'text to start with')
    .addOption(choiceOption('--images <mode>', "draw the chosen summary's cached figures as show does (default auto)", [...IMAGE_SETTINGS]))
    .addHelpText('after', '\nExamples:\n  precis browse\n  precis browse tag:gnn\n  precis browse --images off\n')
    .action(async (words: string[], raw: { images?: string }) =>
      run({ query: words.join(' '), images: (raw.images ?? null) as ImageSetting | null }, ctx),
    )
}

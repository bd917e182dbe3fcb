import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { choiceOption, parsePositiveInt } from '../../command-kit/flags.js'
import { IMAGE_SETTINGS, type ImageSetting } from '../../core/images/protocol.js'
import { lazyRun } from '../../command-kit/lazy-run.js'

// The work of the command, loaded when it runs (start-up loads only the command line).
const showRun = lazyRun(async () => (await import('./run.js')).showRun)

export function registerShow(program: Command, ctx: Context, run = showRun): void {
  program
    .command('show')
    .description('Show papers and their summaries, rendered (math as Unicode, figures numbered)')
    .argument('<handle...>', 'summary ids, paper keys (all their summaries) or unique prefixes')
    .option('--raw', 'print the stored Markdown exactly')
    .option('--width <n>', 'wrap at n columns (default: the terminal, at most 100; 80 when piped)')
    .addOption(
      choiceOption(
        '--images <mode>',
        'draw cached figures in the text on a terminal that can (default auto: kitty, Ghostty, iTerm2, WezTerm, foot, mlterm, or a terminal that says it draws kitty graphics or sixel); never in a pipe',
        [...IMAGE_SETTINGS],
      ),
    )
    .addHelpText(
      'after',
      '\nExamples:\n  precis show gilmer2017neural\n  precis show gilmer2017neural --images sixel\n  precis show rasmussen --width 72 | less\n  precis show clark2020electra --raw > electra.md\n',
    )
    .action(async (handles: string[], raw: { raw?: boolean; width?: string; images?: string }) =>
      run(
        {
          handles,
          raw: raw.raw === true,
          width: raw.width === undefined ? null : parsePositiveInt('--width', raw.width),
          images: (raw.images ?? null) as ImageSetting | null,
        },
        ctx,
      ),
    )
}

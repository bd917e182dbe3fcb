import type { Command } from 'commander'
import type { Context } from '../../context.js'
import type { RekeyOptions } from './run.js'
import { lazyRun, type Run } from '../../command-kit/lazy-run.js'

// The work of the command, loaded when it runs (start-up loads only the command line).
const rekeyRun = lazyRun(async () => (await import('./run.js')).rekeyRun)

export function registerRekey(program: Command, ctx: Context, run: Run<RekeyOptions> = rekeyRun): void {
  program
    .command('rekey')
    .description("Rename a paper's key: its summary ids, the trash and every citation of it follow")
    .argument('<old-key>', 'the paper key now')
    .argument('<new-key>', 'letters, digits and _, with single : . - / between them; free, ignoring case')
    .option('--dry-run', 'show what would change; write nothing')
    .addHelpText(
      'after',
      '\nEach change on a line: the paper, each summary id (`<key>`, `<key>-2`, ...), ids in the trash, and the\n' +
        'summaries whose citations of it ([@key], @key, \\cite{key}, \\citet{a,key}, ...) are rewritten, with how many.\n' +
        'Piped, the lines are tab-separated; --json prints {from, to, ids, trashIds, citations, dryRun}.\n' +
        'With sync on, the commit is "rekey <old> <new>", so history and other machines follow the paper.\n\n' +
        'Examples:\n  precis rekey anonnduntitled gilmer2017neural --dry-run\n  precis rekey gilmer2017neural mpnn\n',
    )
    .action(async (from: string, to: string, raw: { dryRun?: boolean }) => run({ from, to, dryRun: raw.dryRun === true }, ctx))
}

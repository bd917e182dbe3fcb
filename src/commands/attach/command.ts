import type { Command } from 'commander'
import type { Context } from '../../context.js'
import type { AttachOptions } from './run.js'
import { lazyRun, type Run } from '../../command-kit/lazy-run.js'

// The work of the command, loaded when it runs (start-up loads only the command line).
const attachRun = lazyRun(async () => (await import('./run.js')).attachRun)

export function registerAttach(program: Command, ctx: Context, run: Run<AttachOptions> = attachRun): void {
  program
    .command('attach')
    .description('Attach a file (copied beside the library) or an http(s) link to a paper; show lists them, open opens them')
    .argument('<handle>', 'the paper: its key, a summary id, or a unique prefix')
    .argument('<file-or-url>', 'a file to copy (at most 256 MiB), or an http:// or https:// link; with --rm, the attached name or link')
    .option('--rm', 'detach it instead: the record goes, and the copied file is deleted')
    .addHelpText(
      'after',
      '\nFiles are copied into <library>.files/<key>/ beside the library (library.json → library.files/),\n' +
        'under a safe version of their name (letters, digits, . _ -); a second file of the same name gets -2.\n' +
        'Attaching the same bytes again changes nothing. The original file is never touched.\n' +
        'With --json: {key, status: "attached" | "unchanged" | "detached", attachment}.\n\n' +
        'Examples:\n' +
        '  precis attach gilmer2017neural ~/Downloads/1704.01212.pdf\n' +
        '  precis attach gilmer2017neural https://github.com/brain-research/mpnn\n' +
        '  precis attach gilmer2017neural 1704.01212.pdf --rm\n',
    )
    .action(async (handle: string, target: string, raw: { rm?: boolean }) => run({ handle, target, remove: raw.rm === true }, ctx))
}

import type { Command } from 'commander'
import type { Context } from '../../context.js'
import type { OpenOptions } from './run.js'
import { UsageError } from '../../core/errors.js'
import { lazyRun, type Run } from '../../command-kit/lazy-run.js'

// The work of the command, loaded when it runs (start-up loads only the command line).
const openRun = lazyRun(async () => (await import('./run.js')).openRun)

export function registerOpen(program: Command, ctx: Context, run: Run<OpenOptions> = openRun): void {
  program
    .command('open')
    .description("Open a paper's attached file, or its arXiv, DOI or web page, with the system's opener")
    .argument('<handle>', 'the paper: its key, a summary id, or a unique prefix')
    .option('--pdf', 'the attached file (the first PDF, else the first file); fails when none is attached')
    .option('--url', 'the web page: arXiv, then DOI, then the URL, then attached links')
    .option('--print', 'print the path or URL instead of opening it')
    .addHelpText(
      'after',
      '\nWithout --pdf or --url: the attached file when there is one, else the web page.\n' +
        'The opener is xdg-open (Linux), open (macOS) or explorer.exe (Windows); PRECIS_OPENER names another\n' +
        'program (its words split on spaces, never through a shell), which gets the path or URL as its last argument.\n' +
        'With --json: {key, kind: "file" | "url", target}.\n\n' +
        'Examples:\n' +
        '  precis open gilmer2017neural\n' +
        '  precis open gilmer2017neural --url\n' +
        '  PRECIS_OPENER=zathura precis open gilmer2017neural --pdf\n' +
        '  less "$(precis open gilmer2017neural --pdf --print)"\n',
    )
    .action(async (handle: string, raw: { pdf?: boolean; url?: boolean; print?: boolean }) => {
      if (raw.pdf && raw.url) throw new UsageError('Give --pdf or --url, not both')
      const which = raw.pdf ? 'file' : raw.url ? 'url' : 'any'
      return run({ handle, which, print: raw.print === true }, ctx)
    })
}

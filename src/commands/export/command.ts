import type { Command } from 'commander'
import type { Context } from '../../context.js'
import type { ExportFormat, ExportOptions } from './run.js'
import { UsageError } from '../../core/errors.js'
import { allowDashWords } from '../../command-kit/command-errors.js'
import { choiceOption } from '../../command-kit/flags.js'
import { parseQuery } from '../../core/search/query.js'
import { lazyRun } from '../../command-kit/lazy-run.js'

// The work of the command, loaded when it runs (start-up loads only the command line).
const exportRun = lazyRun(async () => (await import('./run.js')).exportRun)

const FORMATS: readonly ExportFormat[] = ['md', 'json', 'bibtex', 'html']

interface RawExportFlags {
  format?: string
  out?: string
  bib?: string
  force?: boolean
  title?: string
  remoteImages?: boolean
  withSummaries?: boolean
}

export function parseExportOptions(words: string[], raw: RawExportFlags): ExportOptions {
  const format = (raw.format ?? 'md') as ExportFormat
  if (raw.bib !== undefined && format !== 'md')
    throw new UsageError('--bib goes with --format md (the reading list cites the papers in it)')
  if (raw.remoteImages === true && format !== 'html')
    throw new UsageError('--remote-images goes with --format html (only the HTML page shows images)')
  if (raw.withSummaries === true && format !== 'bibtex')
    throw new UsageError('--with-summaries goes with --format bibtex (md, json and html always carry the summaries)')
  const queryText = words.join(' ').trim()
  return {
    query: queryText === '' ? null : parseQuery(queryText),
    queryText,
    format,
    out: raw.out ?? null,
    bib: raw.bib ?? null,
    force: raw.force === true,
    title: raw.title ?? null,
    remoteImages: raw.remoteImages === true,
    withSummaries: raw.withSummaries === true,
  }
}

export function registerExport(program: Command, ctx: Context, run = exportRun): void {
  allowDashWords(program.command('export'))
    .description('Export summaries as Markdown, JSON, BibTeX or an HTML page')
    .argument('[query...]', 'which summaries (search grammar); all when omitted')
    .addOption(choiceOption('--format <format>', 'what to write', FORMATS, 'md'))
    .option('--out <file|dir>', 'where to write; md to a folder writes one file per summary (default: stdout)')
    .option('--bib <file>', 'with md: also write the cited papers as BibTeX')
    .option('--title <text>', 'title of the reading list (md document, html)')
    .option('--force', 'replace files that exist')
    .option('--with-summaries', "with bibtex: write each paper's summaries into its annote field (import reads them back)")
    .option(
      '--remote-images',
      'with html: show images from the web in the page (they tell their servers it was opened); by default each is a link',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  precis export tag:thesis-ch2 --out review/ --bib review/refs.bib\n' +
        '  precis export --format md --out list.md --bib refs.bib\n' +
        '  pandoc list.md --citeproc -o list.html\n' +
        '  precis export year:>=2020 --format bibtex > refs.bib\n' +
        '  precis export --format bibtex --with-summaries --out notes.bib  # with annote\n' +
        '  precis export --format html --out reading.html\n' +
        '  precis export tag:vision --format html --remote-images --out vision.html\n' +
        '\n--out names a folder when it ends with "/", is an existing folder, or has no extension.\n',
    )
    .action(async (words: string[], raw: RawExportFlags) => run(parseExportOptions(words, raw), ctx))
}

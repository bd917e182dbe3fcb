import type { Command } from 'commander'
import type { Context } from '../../context.js'
import type { ImportOptions } from './run.js'
import { UsageError } from '../../core/errors.js'
import { choiceOption } from '../../command-kit/flags.js'
import type { OnConflict } from '../../core/merge/import-merge.js'
import { IMPORT_FORMATS, type ImportFormat } from '../../formats/import-formats.js'
import { lazyRun } from '../../command-kit/lazy-run.js'

// The work of the command, loaded when it runs (start-up loads only the command line).
const importRun = lazyRun(async () => (await import('./run.js')).importRun)

interface RawImportFlags {
  format?: string
  dryRun?: boolean
  onConflict?: string
  partial?: boolean
  followSymlinks?: boolean
}

const CONFLICT_MODES: readonly OnConflict[] = ['skip', 'update', 'keep-both']

export function parseImportOptions(paths: string[], raw: RawImportFlags): ImportOptions {
  const format = (raw.format ?? 'auto') as ImportFormat | 'auto'
  const onConflict = (raw.onConflict ?? 'skip') as OnConflict
  if (paths.length === 0) throw new UsageError('What to import? Give files or folders, or - for standard input')
  if (paths.includes('-') && paths.length > 1) throw new UsageError('Read standard input (-) alone, not with other paths')
  return {
    paths,
    format,
    dryRun: raw.dryRun === true,
    onConflict,
    partial: raw.partial === true,
    followSymlinks: raw.followSymlinks === true,
  }
}

export function registerImport(program: Command, ctx: Context, run = importRun): void {
  program
    .command('import')
    .description('Import summaries and papers from Markdown, JSON, BibTeX or ShortScience')
    .argument('[paths...]', 'files or folders (read recursively); - for standard input')
    .addOption(choiceOption('--format <format>', 'what the files hold (auto: read from each file)', ['auto', ...IMPORT_FORMATS], 'auto'))
    .option('--dry-run', 'print what would change and write nothing')
    .addOption(choiceOption('--on-conflict <mode>', 'when a record differs from the library', CONFLICT_MODES, 'skip'))
    .option('--partial', 'import the valid records even if some are invalid')
    .option('--follow-symlinks', 'in folders, also read links to files and folders outside the folder')
    .addHelpText(
      'after',
      '\nExamples:\n  precis import notes/ --dry-run\n  precis import refs.bib\n  precis import shortscience-export.csv --on-conflict update\n' +
        '  pbpaste | precis import - --format shortscience\n' +
        '  precis import notes/ --follow-symlinks   # also read where links lead\n' +
        '\nIn folders, links to files elsewhere are skipped and named, unless --follow-symlinks.\n',
    )
    .action(async (paths: string[], raw: RawImportFlags) => run(parseImportOptions(paths, raw), ctx))
}

import type { Command } from 'commander'
import type { Context } from '../../context.js'
import type { SyncInitOptions } from './run.js'
import { UsageError } from '../../core/errors.js'
import { CONFLICT_TAG } from '../../core/tags/rules.js'
import { lazyRun } from '../../command-kit/lazy-run.js'

/** The two actions of `precis sync`, replaceable in tests. */
export interface SyncRuns {
  sync(ctx: Context): Promise<void>
  init(opts: SyncInitOptions, ctx: Context): Promise<void>
}

// The work of each subcommand, loaded when it runs (start-up loads only the command line).
const syncRuns: SyncRuns = {
  sync: async (ctx) => (await import('./run.js')).syncRun(ctx),
  init: lazyRun(async () => (await import('./run.js')).syncInitRun),
}

export function registerSync(program: Command, ctx: Context, runs: SyncRuns = syncRuns): void {
  const sync = program
    .command('sync')
    .description('Sync the library through git: commit, fetch, merge record by record, push')
    .usage('[options] [command]')
    .argument('[command]')
    .addHelpText(
      'after',
      `
Once set up, every change is committed with a message that says what it did, and "precis sync"
exchanges changes with the remote. Two machines' edits merge record by record; when both changed
the same field, one value is kept and the other is kept in a summary tagged ${CONFLICT_TAG}.

Examples:
  precis sync init --remote git@example.org:me/papers.git   # once a machine
  precis sync                                               # exchange changes
  precis history gilmer2017neural                           # a summary's past
`,
    )
    .action(async (word: string | undefined) => {
      if (word !== undefined) throw new UsageError(`Unknown command "sync ${word}": use "sync init" or "sync" alone`)
      await runs.sync(ctx)
    })
  sync
    .command('init')
    .description("Make the library's folder a git repository (or adopt the one it is in) that precis merges")
    .option('--remote <url>', 'the shared repository (a URL, or the path of a bare repository)')
    .option('--with-files', 'carry the attached files too (off by default: PDFs make the repository grow for good)')
    .addHelpText(
      'after',
      '\nExamples:\n  precis sync init\n  precis sync init --remote git@example.org:lab/library.git\n  precis sync init --with-files\n',
    )
    .action(async (raw: { remote?: string; withFiles?: boolean }) => runs.init(parseSyncInitOptions(raw), ctx))
}

export function parseSyncInitOptions(raw: { remote?: string; withFiles?: boolean }): SyncInitOptions {
  const remote = raw.remote?.trim()
  if (remote === '') throw new UsageError('--remote needs a URL or the path of a repository')
  // git would read a leading "-" as one of its own options (--upload-pack runs a command).
  if (remote?.startsWith('-')) throw new UsageError(`--remote "${remote}" is not a URL or path`)
  return { remote: remote ?? null, withFiles: raw.withFiles === true }
}

import type { Command } from 'commander'
import type { Context } from '../context.js'
import { UsageError } from '../core/errors.js'
import { CONFLICT_TAG } from '../core/merge3.js'
import { oneLine } from '../render/summary-rows.js'
import { DEFAULT_LOCK_TIMEOUT_MS } from '../store/file-store.js'
import { initSync } from '../sync/init.js'
import type { ChangeCounts } from '../sync/library-diff.js'
import { syncLibrary, type SyncReport } from '../sync/sync.js'
import { inform, printJson } from './shared.js'

export interface SyncInitOptions {
  /** The shared repository: a URL, or the path of a bare repository. */
  remote: string | null
}

/** The two actions of `precis sync`, replaceable in tests. */
export interface SyncRuns {
  sync(ctx: Context): Promise<void>
  init(opts: SyncInitOptions, ctx: Context): Promise<void>
}

export function registerSync(program: Command, ctx: Context, runs: SyncRuns = { sync: syncRun, init: syncInitRun }): void {
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
  precis sync init --remote git@example.org:me/papers.git    # once on each machine
  precis sync                                                # commit, fetch, merge, push
  precis history gilmer2017neural                            # a summary's past versions
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
    .addHelpText('after', '\nExamples:\n  precis sync init\n  precis sync init --remote git@example.org:lab/library.git\n')
    .action(async (raw: { remote?: string }) => runs.init(parseSyncInitOptions(raw), ctx))
}

export function parseSyncInitOptions(raw: { remote?: string }): SyncInitOptions {
  const remote = raw.remote?.trim()
  if (remote === '') throw new UsageError('--remote needs a URL or the path of a repository')
  // git would read a leading "-" as one of its own options (--upload-pack runs a command).
  if (remote?.startsWith('-')) throw new UsageError(`--remote "${remote}" is not a URL or path`)
  return { remote: remote ?? null }
}

/** The library file to sync: a real file, never the demo's temporary copy. */
export function syncedLibraryPath(ctx: Context): string {
  if (ctx.globals.demo) throw new UsageError('--demo works on a temporary copy of the demo library; there is nothing to sync')
  const path = ctx.store.path
  if (path === null) throw new UsageError('Sync needs a library file')
  return path
}

function lockTimeout(ctx: Context): number {
  const value = Number(ctx.env.PRECIS_LOCK_TIMEOUT_MS)
  return ctx.env.PRECIS_LOCK_TIMEOUT_MS && Number.isFinite(value) && value >= 0 ? value : DEFAULT_LOCK_TIMEOUT_MS
}

const counts = (c: ChangeCounts) => `${c.added} added, ${c.changed} changed, ${c.removed} removed`

/** What a sync did, for people. */
export function describeSync(report: SyncReport): string[] {
  const lines = report.repaired.length > 0 ? [`Repaired the sync setup: ${report.repaired.join(', ')}`] : []
  lines.push(...report.committed.map((subject) => `Committed: ${oneLine(subject)}`))
  if (!report.remote) return [...lines, 'No remote to sync with; add one with: precis sync init --remote <url>']
  const where = oneLine(`${report.remote.name}/${report.branch}`)
  const quiet = (c: ChangeCounts) => c.added + c.changed + c.removed === 0
  if (quiet(report.received) && quiet(report.sent)) return [...lines, `Up to date with ${where}`]
  lines.push(`Received from ${where}: ${counts(report.received)}`, `Sent to ${where}: ${counts(report.sent)}`)
  if (report.conflicts.length > 0) {
    lines.push(
      `${report.conflicts.length} conflict(s): both sides changed the same fields; the versions not kept are in ${oneLine(report.conflicts.join(', '))}`,
      `  Read one with: precis show ${oneLine(report.conflicts[0]!)}`,
    )
  }
  return lines
}

export async function syncRun(ctx: Context): Promise<void> {
  const report = await syncLibrary(syncedLibraryPath(ctx), ctx.env, lockTimeout(ctx))
  if (ctx.globals.json) printJson(ctx, report)
  for (const line of describeSync(report)) inform(ctx, line)
}

export async function syncInitRun(opts: SyncInitOptions, ctx: Context): Promise<void> {
  const report = await initSync(syncedLibraryPath(ctx), ctx.env, opts.remote)
  if (ctx.globals.json) printJson(ctx, report)
  inform(ctx, report.created ? `Created a git repository in ${oneLine(report.top)}` : `Using the git repository at ${oneLine(report.top)}`)
  inform(ctx, report.written.length > 0 ? `Set up: ${report.written.join(', ')}` : 'The merge setup was already in place')
  if (report.remote) inform(ctx, `Remote ${report.remote.name}: ${oneLine(report.remote.url)}${report.remote.previous ? ` (was ${oneLine(report.remote.previous)})` : ''}`)
  for (const subject of report.committed) inform(ctx, `Committed: ${oneLine(subject)}`)
  inform(ctx, report.remote ? 'Next: precis sync' : 'To share the library, add a remote: precis sync init --remote <url>')
}

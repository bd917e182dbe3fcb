import type { Context } from '../../context.js'
import { formatBytes } from '../../core/text/sizes.js'
import { plural } from '../../core/text/plural-count.js'
import { oneLine } from '../../render/summary-rows.js'
import { lockTimeout } from '../../store/lock-timeout.js'
import { initSync } from '../../sync/init.js'
import type { ChangeCounts } from '../../sync/library-diff.js'
import { syncLibrary, type SyncReport } from '../../sync/sync.js'
import { inform, printJson } from '../../command-kit/shared.js'
import { syncedLibraryPath } from '../../command-kit/synced-library.js'
import { pushAll } from '../../core/lists.js'

export interface SyncInitOptions {
  /** The shared repository: a URL, or the path of a bare repository. */
  remote: string | null
  /** Carry the attached files too (`--with-files`). */
  withFiles: boolean
}

const counts = (c: ChangeCounts) => `${c.added} added, ${c.changed} changed, ${c.removed} removed`

/** What a sync did, for people. */
export function describeSync(report: SyncReport): string[] {
  const lines = report.repaired.length > 0 ? [`Repaired the sync setup: ${report.repaired.join(', ')}`] : []
  pushAll(
    lines,
    report.committed.map((subject) => `Committed: ${oneLine(subject)}`),
  )
  if (!report.remote) return [...lines, 'No remote to sync with; add one with: precis sync init --remote <url>']
  const where = oneLine(`${report.remote.name}/${report.branch}`)
  const quiet = (c: ChangeCounts) => c.added + c.changed + c.removed === 0
  if (quiet(report.received) && quiet(report.sent))
    return [...lines, report.pushed ? `Pushed to ${where}; no summary changed` : `Up to date with ${where}`]
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
  const report = await syncLibrary(syncedLibraryPath(ctx), ctx.env, lockTimeout(ctx.env))
  if (ctx.globals.json) printJson(ctx, report)
  for (const line of describeSync(report)) inform(ctx, line)
}

export async function syncInitRun(opts: SyncInitOptions, ctx: Context): Promise<void> {
  const report = await initSync(syncedLibraryPath(ctx), ctx.env, opts.remote, opts.withFiles)
  if (ctx.globals.json) printJson(ctx, report)
  inform(ctx, report.created ? `Created a git repository in ${oneLine(report.top)}` : `Using the git repository at ${oneLine(report.top)}`)
  inform(ctx, report.written.length > 0 ? `Set up: ${report.written.join(', ')}` : 'The merge setup was already in place')
  if (report.remote)
    inform(
      ctx,
      `Remote ${report.remote.name}: ${oneLine(report.remote.url)}${report.remote.previous ? ` (was ${oneLine(report.remote.previous)})` : ''}`,
    )
  for (const subject of report.committed) inform(ctx, `Committed: ${oneLine(subject)}`)
  if (report.files) {
    const { folder, files, bytes } = report.files
    inform(
      ctx,
      `Attached files are carried too: ${oneLine(folder)} adds ${plural(files, 'file', 'files')} (${formatBytes(bytes)}) to the repository`,
    )
  }
  inform(ctx, report.remote ? 'Next: precis sync' : 'To share the library, add a remote: precis sync init --remote <url>')
}

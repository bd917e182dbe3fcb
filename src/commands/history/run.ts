import type { Context } from '../../context.js'
import { plural } from '../../core/text/plural-count.js'
import { NotFoundError, UsageError } from '../../core/errors.js'
import { resolveHandle } from '../../core/records/handles.js'
import type { LibraryOutline } from '../../core/records/outline.js'
import { readOutline } from '../../store/outline-reads.js'
import { oneLine } from '../../render/summary-rows.js'
import { summaryHistory, type SummaryVersion } from '../../sync/history.js'
import { findLibraryRepo } from '../../sync/repo.js'
import { printJson } from '../../command-kit/shared.js'
import { syncedLibraryPath } from '../../command-kit/synced-library.js'

export interface HistoryOptions {
  handle: string
}

/**
 * The id whose history is wanted: the summary the handle names (a paper key means its first
 * summary, as for edit), else the handle itself, so a summary deleted for good still has a history.
 */
function summaryId(lib: LibraryOutline, handle: string): string {
  try {
    const { summaries } = resolveHandle(lib, handle)
    const exact = summaries.find((s) => s.id.toLowerCase() === handle.trim().toLowerCase())
    if (exact || summaries.length === 1) return (exact ?? summaries[0]!).id
    if (summaries.length > 1)
      throw new UsageError(
        `"${handle}" names ${summaries.length} summaries; give one id`,
        summaries.map((s) => `  ${s.id}`),
      )
    return handle.trim()
  } catch (error) {
    if (error instanceof NotFoundError) return handle.trim()
    throw error
  }
}

function formatVersions(versions: readonly SummaryVersion[], plain: boolean): string {
  return (
    versions
      .map((v) => {
        const what = oneLine(v.changed.join(', ') || 'changed')
        if (plain) return [v.commit, v.date, what, oneLine(v.message)].join('\t')
        return `${v.date.slice(0, 16).replace('T', ' ')}  ${v.commit.slice(0, 8)}  ${what.padEnd(18)}  ${oneLine(v.message)}`
      })
      .join('\n') + '\n'
  )
}

export async function historyRun(opts: HistoryOptions, ctx: Context): Promise<void> {
  const path = syncedLibraryPath(ctx)
  const id = summaryId(await readOutline(ctx.store), opts.handle)
  const repo = await findLibraryRepo(path, ctx.env)
  if (!repo) throw new UsageError(`The library ${path} has no history: it is not in a git repository`, ['Start one with: precis sync init'])
  const versions = await summaryHistory(repo, id)
  if (versions.length === 0) throw new NotFoundError(`No version of "${id}" in the history of ${repo.rel}`)
  if (ctx.globals.json) return printJson(ctx, versions)
  if (!ctx.io.stdoutIsTTY) return ctx.io.out(formatVersions(versions, true))
  await ctx.io.page(
    `${ctx.io.style.bold(oneLine(id))}: ${plural(versions.length, 'version')}, newest first\n\n${formatVersions(versions, false)}`,
  )
}

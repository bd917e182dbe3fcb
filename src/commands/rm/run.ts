import type { Context } from '../../context.js'
import { CancelError, UsageError } from '../../core/errors.js'
import { resolveSummaries } from '../../core/records/handles.js'
import { moveToTrash } from '../../core/records/trash.js'
import { plural } from '../../core/text/plural-count.js'
import type { Library, Summary } from '../../core/model.js'
import { oneLine } from '../../render/summary-rows.js'
import { formatSummaryTitles } from '../../render/trash-rows.js'
import { canPrompt, confirmOrRequireYes, inform, printJson } from '../../command-kit/shared.js'

export interface RmOptions {
  handles: string[]
  yes: boolean
}

/** The summaries with their papers' titles, for the person to check before saying yes. */
function listToConfirm(lib: Library, chosen: readonly Summary[], ctx: Context): string {
  const rows = chosen.map((s) => ({ id: s.id, title: lib.papers.find((p) => p.key === s.paper)?.title ?? s.paper }))
  return formatSummaryTitles(rows, ctx.io.columns ?? 80, ctx.io.errStyle)
}

export async function rmRun(opts: RmOptions, ctx: Context): Promise<void> {
  const lib = await ctx.store.read()
  const chosen = resolveSummaries(lib, opts.handles)
  if (chosen.length === 0) throw new UsageError('Those papers have no summaries to remove')
  const names = chosen.map((s) => s.id)
  const question = `Move ${chosen.length === 1 ? oneLine(names[0] ?? '') : `these ${plural(chosen.length, 'summary', 'summaries')}`} to the trash?`
  if (!opts.yes && canPrompt(ctx)) ctx.io.err(listToConfirm(lib, chosen, ctx))
  if (!(await confirmOrRequireYes(ctx, opts.yes, question))) throw new CancelError('Nothing was removed')
  // Resolved again inside the lock: only what still exists is removed.
  const entries = await ctx.store.update((lib) => moveToTrash(lib, names, ctx.clock.now()))
  if (ctx.globals.json) printJson(ctx, { trashed: entries.map((e) => ({ id: e.summary.id, key: e.summary.paper })) })
  else for (const entry of entries) ctx.io.out(entry.summary.id + '\n')
  const ids = entries.map((e) => oneLine(e.summary.id)).join(' ')
  // The undo command on a line of its own: a long list of ids wraps without splitting the sentence.
  inform(ctx, `Moved ${plural(entries.length, 'summary', 'summaries')} to the trash; undo with:`)
  inform(ctx, `  precis restore ${ids}`)
}

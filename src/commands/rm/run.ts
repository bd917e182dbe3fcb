import type { Context } from '../../context.js'
import { CancelError } from '../../core/errors.js'
import { describeEntries, describeTrashed, moveToTrash, resolveRemoval, type Removal } from '../../core/records/trash.js'
import { trashId, trashPaperKey } from '../../core/model.js'
import type { Library } from '../../core/model.js'
import { oneLine } from '../../render/summary-rows.js'
import { formatSummaryTitles } from '../../render/trash-rows.js'
import { canPrompt, confirmOrRequireYes, inform, printJson } from '../../command-kit/shared.js'

export interface RmOptions {
  handles: string[]
  yes: boolean
}

/** The summaries with their papers' titles, and the papers going alone, for the person to check before saying yes. */
function listToConfirm(lib: Library, chosen: Removal, ctx: Context): string {
  const rows = [
    ...chosen.summaries.map((s) => ({ id: s.id, title: lib.papers.find((p) => p.key === s.paper)?.title ?? s.paper })),
    ...chosen.papers.map((p) => ({ id: p.key, title: `${p.title} (the paper; it has no summary)` })),
  ]
  return formatSummaryTitles(rows, ctx.io.columns ?? 80, ctx.io.errStyle)
}

export async function rmRun(opts: RmOptions, ctx: Context): Promise<void> {
  const lib = await ctx.store.read()
  const chosen = resolveRemoval(lib, opts.handles)
  const ids = chosen.summaries.map((s) => s.id)
  const keys = chosen.papers.map((p) => p.key)
  const names = [...ids, ...keys]
  const what =
    names.length === 1
      ? oneLine(names[0] ?? '')
      : keys.length === 0 || ids.length === 0
        ? `these ${describeTrashed(ids.length, keys.length)}`
        : describeTrashed(ids.length, keys.length)
  if (!opts.yes && canPrompt(ctx)) ctx.io.err(listToConfirm(lib, chosen, ctx))
  if (!(await confirmOrRequireYes(ctx, opts.yes, `Move ${what} to the trash?`))) throw new CancelError('Nothing was removed')
  // Resolved again inside the lock: only what still exists is removed.
  const entries = await ctx.store.update((lib) => moveToTrash(lib, ids, ctx.clock.now(), keys), { reuse: lib })
  if (ctx.globals.json) {
    const trashed = entries.map((e) => ({ id: trashId(e), key: trashPaperKey(e), kind: e.summary === null ? 'paper' : 'summary' }))
    printJson(ctx, { trashed })
  } else for (const entry of entries) ctx.io.out(trashId(entry) + '\n')
  if (entries.length === 0) return inform(ctx, 'Nothing was removed (it had gone meanwhile)')
  // The undo command on a line of its own: a long list of ids wraps without splitting the sentence.
  inform(ctx, `Moved ${describeEntries(entries)} to the trash; undo with:`)
  inform(ctx, `  precis restore ${entries.map((e) => oneLine(trashId(e))).join(' ')}`)
}

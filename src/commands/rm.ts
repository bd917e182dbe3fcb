import type { Context } from '../context.js'
import { CancelError, UsageError } from '../core/errors.js'
import { resolveSummaries } from '../core/handles.js'
import { moveToTrash } from '../core/trash.js'
import { oneLine } from '../render/summary-rows.js'
import { confirmOrRequireYes, inform, printJson } from './shared.js'

export interface RmOptions {
  handles: string[]
  yes: boolean
}

export async function rmRun(opts: RmOptions, ctx: Context): Promise<void> {
  const chosen = resolveSummaries(await ctx.store.read(), opts.handles)
  if (chosen.length === 0) throw new UsageError('Those papers have no summaries to remove')
  const names = chosen.map((s) => s.id)
  const question = `Move ${names.length === 1 ? names[0] : `${names.length} summaries (${names.join(', ')})`} to the trash?`
  if (!(await confirmOrRequireYes(ctx, opts.yes, question))) throw new CancelError('Nothing was removed')
  // Resolved again inside the lock: only what still exists is removed.
  const entries = await ctx.store.update((lib) => moveToTrash(lib, names, ctx.clock.now()))
  if (ctx.globals.json) printJson(ctx, { trashed: entries.map((e) => ({ id: e.summary.id, key: e.summary.paper })) })
  else for (const entry of entries) ctx.io.out(entry.summary.id + '\n')
  inform(ctx, `Moved ${entries.length} ${entries.length === 1 ? 'summary' : 'summaries'} to the trash (undo with: precis restore ${oneLine(entries[0]?.summary.id ?? '')})`)
}

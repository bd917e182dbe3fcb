import type { Context } from '../../context.js'
import { restoreFromTrash } from '../../core/records/trash.js'
import { plural } from '../../core/text/plural-count.js'
import { oneLine } from '../../render/summary-rows.js'
import { inform, printJson } from '../../command-kit/shared.js'

export interface RestoreOptions {
  ids: string[]
}

export async function restoreRun(opts: RestoreOptions, ctx: Context): Promise<void> {
  const restored = await ctx.store.update((lib) => opts.ids.map((id) => restoreFromTrash(lib, id)))
  // `was`: the id asked for, when the summary came back under another one.
  if (ctx.globals.json) printJson(ctx, { restored: restored.map((s, i) => ({ id: s.id, key: s.paper, was: opts.ids[i] })) })
  else for (const summary of restored) ctx.io.out(summary.id + '\n')
  const renamed = restored.filter((s, i) => s.id !== opts.ids[i])
  for (const s of renamed) inform(ctx, `Restored under a new id: ${oneLine(s.id)} (its old id was taken)`)
  inform(ctx, `Restored ${plural(restored.length, 'summary', 'summaries')}`)
}

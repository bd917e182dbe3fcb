import type { Context } from '../../context.js'
import { restoreWithFiles, type RestoredFile } from '../../core/records/trash.js'
import { plural } from '../../core/text/plural-count.js'
import { oneLine } from '../../render/summary-rows.js'
import { inform, printJson } from '../../command-kit/shared.js'
import { moveAttachedFile } from '../../store/attachment-files.js'

export interface RestoreOptions {
  ids: string[]
}

export async function restoreRun(opts: RestoreOptions, ctx: Context): Promise<void> {
  const library = ctx.store.path
  // A paper that comes back under a new key (its own was taken meanwhile, by an import or a sync),
  // or into the library's record of it, brings its attached files along. They move before the
  // write, so that a sync commit records both, and back when the write fails; a copy the other
  // record has already goes only once the write succeeded.
  const moved: RestoredFile[] = []
  const dropped: RestoredFile[] = []
  const restored = await ctx.store
    .update((lib) =>
      opts.ids.map((id) => {
        const { summary, files } = restoreWithFiles(lib, id)
        if (library === null) return summary
        for (const file of files) {
          if (file.to === null) {
            dropped.push(file)
            continue
          }
          moveAttachedFile(library, file.fromKey, file.name, file.toKey, file.to)
          moved.push(file)
        }
        return summary
      }),
    )
    .catch((error: unknown) => {
      for (const file of moved.reverse()) moveAttachedFile(library!, file.toKey, file.to!, file.fromKey, file.name)
      throw error
    })
  for (const file of dropped) moveAttachedFile(library!, file.fromKey, file.name, file.toKey, null)
  // `was`: the id asked for, when the summary came back under another one.
  if (ctx.globals.json) printJson(ctx, { restored: restored.map((s, i) => ({ id: s.id, key: s.paper, was: opts.ids[i] })) })
  else for (const summary of restored) ctx.io.out(summary.id + '\n')
  const renamed = restored.filter((s, i) => s.id !== opts.ids[i])
  for (const s of renamed) inform(ctx, `Restored under a new id: ${oneLine(s.id)} (its old id was taken)`)
  inform(ctx, `Restored ${plural(restored.length, 'summary', 'summaries')}`)
}

import type { Context } from '../../context.js'
import { describeTrashed, restoreWithFiles, type Restored, type RestoredFile } from '../../core/records/trash.js'
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
        const { restored, files } = restoreWithFiles(lib, id)
        if (library === null) return restored
        for (const file of files) {
          if (file.to === null) {
            dropped.push(file)
            continue
          }
          moveAttachedFile(library, file.fromKey, file.name, file.toKey, file.to)
          moved.push(file)
        }
        return restored
      }),
    )
    .catch((error: unknown) => {
      for (const file of moved.reverse()) moveAttachedFile(library!, file.toKey, file.to!, file.fromKey, file.name)
      throw error
    })
  for (const file of dropped) moveAttachedFile(library!, file.fromKey, file.name, file.toKey, null)
  // `was`: the id asked for, when the summary or paper came back under another one.
  const kindOf = (r: Restored) => (r.summary === null ? 'paper' : 'summary')
  if (ctx.globals.json)
    printJson(ctx, { restored: restored.map((r, i) => ({ id: r.id, kind: kindOf(r), key: r.paper, was: opts.ids[i] })) })
  else for (const r of restored) ctx.io.out(r.id + '\n')
  for (const [i, r] of restored.entries()) {
    if (r.id === opts.ids[i]) continue
    // A paper alone comes back under a new key (its own was taken), or into the library's record of it (added again meanwhile).
    const why = r.summary !== null ? 'its old id was taken' : 'the library has this paper under that key'
    inform(ctx, `Restored under a new ${r.summary === null ? 'key' : 'id'}: ${oneLine(r.id)} (${why})`)
  }
  const papers = restored.filter((r) => r.summary === null).length
  inform(ctx, `Restored ${describeTrashed(restored.length - papers, papers)}`)
}

import type { Context } from '../../context.js'
import type { Library, Summary } from '../../core/model.js'
import { restoreFromTrash } from '../../core/records/trash.js'
import { plural } from '../../core/text/plural-count.js'
import { oneLine } from '../../render/summary-rows.js'
import { inform, printJson } from '../../command-kit/shared.js'
import { moveAttachedFile } from '../../store/attachment-files.js'

export interface RestoreOptions {
  ids: string[]
}

interface FileMove {
  from: string
  to: string
  name: string
}

/**
 * Restore `id`; a paper that comes back under a new key (its own was taken meanwhile, by an import
 * or a sync) has its attached files moved to that key's folder, recorded in `moves`.
 */
function restoreOne(lib: Library, id: string, library: string | null, moves: FileMove[]): Summary {
  const oldKey = lib.trash.findLast((e) => e.summary.id === id)?.summary.paper
  const before = new Set(lib.papers)
  const summary = restoreFromTrash(lib, id)
  const back = lib.papers.find((p) => !before.has(p))
  if (library === null || back === undefined || oldKey === undefined || back.key === oldKey) return summary
  for (const file of back.attachments ?? []) {
    if (file.kind !== 'file') continue
    moveAttachedFile(library, oldKey, file.name, back.key, file.name)
    moves.push({ from: oldKey, to: back.key, name: file.name })
  }
  return summary
}

export async function restoreRun(opts: RestoreOptions, ctx: Context): Promise<void> {
  const library = ctx.store.path
  // Files move before the write, so that a sync commit records both; a failed write moves them back.
  const moves: FileMove[] = []
  const restored = await ctx.store
    .update((lib) => opts.ids.map((id) => restoreOne(lib, id, library, moves)))
    .catch((error: unknown) => {
      undo(library, moves)
      throw error
    })
  // `was`: the id asked for, when the summary came back under another one.
  if (ctx.globals.json) printJson(ctx, { restored: restored.map((s, i) => ({ id: s.id, key: s.paper, was: opts.ids[i] })) })
  else for (const summary of restored) ctx.io.out(summary.id + '\n')
  const renamed = restored.filter((s, i) => s.id !== opts.ids[i])
  for (const s of renamed) inform(ctx, `Restored under a new id: ${oneLine(s.id)} (its old id was taken)`)
  inform(ctx, `Restored ${plural(restored.length, 'summary', 'summaries')}`)
}

function undo(library: string | null, moves: readonly FileMove[]): void {
  if (library === null) return
  for (const move of [...moves].reverse()) moveAttachedFile(library, move.to, move.name, move.from, move.name)
}

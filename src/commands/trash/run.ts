import type { Context } from '../../context.js'
import { CancelError } from '../../core/errors.js'
import { trashId, trashPaperKey, type TrashEntry } from '../../core/model.js'
import { describeEntries, emptyTrash } from '../../core/records/trash.js'
import { plural } from '../../core/text/plural-count.js'
import { formatTrashPlain, formatTrashTable } from '../../render/trash-rows.js'
import { confirmOrRequireYes, inform, printJson } from '../../command-kit/shared.js'
import { fileAttachments } from '../../core/attachments/attachments.js'
import { removeAttachedFile } from '../../store/attachment-files.js'
import { readOutline, readTrash } from '../../store/outline-reads.js'

export interface TrashOptions {
  empty: boolean
  yes: boolean
}

export async function trashRun(opts: TrashOptions, ctx: Context): Promise<void> {
  if (opts.empty) {
    const { trash } = await ctx.store.read()
    if (trash.length === 0) {
      if (ctx.globals.json) printJson(ctx, { deleted: [], kept: 0 })
      return inform(ctx, 'The trash is empty')
    }
    if (!(await confirmOrRequireYes(ctx, opts.yes, `Delete ${describeEntries(trash, 'trashed ')} for good?`)))
      throw new CancelError('The trash was kept')
    // Only what was confirmed: a summary trashed meanwhile stays restorable.
    const library = ctx.store.path
    const { deleted, kept, files } = await ctx.store.update((lib) => {
      const emptied = emptyTrash(lib, trash)
      // Papers that left the library for good take their attached files with them, deleted before
      // the write so that with sync carrying files the same commit records both.
      const remaining = new Set([...lib.papers, ...lib.trash.flatMap((e) => (e.paper ? [e.paper] : []))].map((p) => p.key))
      const purged = trash.flatMap((e) => (e.paper && !remaining.has(e.paper.key) ? [e.paper] : []))
      const gone =
        library === null ? [] : purged.flatMap((paper) => fileAttachments(paper).map((file) => ({ key: paper.key, name: file.name })))
      for (const { key, name } of gone) removeAttachedFile(library!, key, name)
      return { ...emptied, files: gone }
    })
    if (ctx.globals.json) printJson(ctx, { deleted: deleted.map(trashId), kept: kept.length })
    const attached = files.length > 0 ? ` and ${plural(files.length, 'attached file', 'attached files')}` : ''
    inform(ctx, `Deleted ${describeEntries(deleted)}${attached} for good`)
    if (kept.length > 0)
      inform(
        ctx,
        `Kept ${describeEntries(kept)} trashed since you confirmed (run precis trash --empty again to delete ${kept.length === 1 ? 'it' : 'them'})`,
      )
    return
  }
  const trash = await readTrash(ctx.store)
  const { papers } = trash.some((e) => e.paper === null) ? await readOutline(ctx.store) : { papers: [] }
  const titleOf = (e: TrashEntry) => e.paper?.title ?? papers.find((p) => p.key === trashPaperKey(e))?.title ?? trashPaperKey(e)
  const kindOf = (e: TrashEntry) => (e.summary === null ? ('paper' as const) : ('summary' as const))
  if (ctx.globals.json) {
    return printJson(
      ctx,
      trash.map((e) => ({ id: trashId(e), kind: kindOf(e), key: trashPaperKey(e), title: titleOf(e), deleted: e.deleted })),
    )
  }
  if (trash.length === 0) return inform(ctx, 'The trash is empty')
  const rows = [...trash].reverse().map((e) => ({ id: trashId(e), kind: kindOf(e), deleted: e.deleted.slice(0, 10), title: titleOf(e) }))
  if (!ctx.io.stdoutIsTTY) return ctx.io.out(formatTrashPlain(rows))
  await ctx.io.page(formatTrashTable(rows, ctx.io.columns ?? 80, ctx.io.style))
}

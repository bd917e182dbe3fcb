import type { Context } from '../../context.js'
import { plural } from '../../core/text/plural-count.js'
import { oneLine } from '../../render/summary-rows.js'
import { mergeLibraryFiles, type MergeFiles } from '../../sync/merge-files.js'
import { inform } from '../../command-kit/shared.js'

export interface MergeDriverOptions {
  files: MergeFiles
  /** The library's path in the repository (git's `%P`), to name it in messages. */
  path: string
}

export async function mergeDriverRun(opts: MergeDriverOptions, ctx: Context): Promise<void> {
  const conflicts = await mergeLibraryFiles(opts.files, opts.path, ctx.clock.now())
  if (conflicts.length === 0) return
  const copies = oneLine(conflicts.map((c) => c.copy).join(', '))
  inform(
    ctx,
    `precis: merged ${oneLine(opts.path)}; ${plural(conflicts.length, 'record')} changed on both sides, the other versions kept as ${copies}`,
  )
}

import type { Context } from '../../context.js'
import { keyPatternIn } from '../../core/config/precedence.js'
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
  // A fresh key takes the pattern new papers take (PRECIS_KEY_PATTERN, else the config file's); the
  // config is read only then, so a merge that makes no key never depends on it.
  const keyPattern = () => keyPatternIn(ctx.env, ctx.config.values())
  const conflicts = await mergeLibraryFiles(opts.files, opts.path, ctx.clock.now(), keyPattern)
  if (conflicts.length === 0) return
  const copies = oneLine(conflicts.map((c) => c.copy).join(', '))
  inform(
    ctx,
    `precis: merged ${oneLine(opts.path)}; ${plural(conflicts.length, 'record')} changed on both sides, the other versions kept as ${copies}`,
  )
}

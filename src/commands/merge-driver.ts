import type { Command } from 'commander'
import type { Context } from '../context.js'
import { oneLine } from '../render/summary-rows.js'
import { mergeLibraryFiles, type MergeFiles } from '../sync/merge-files.js'
import { inform } from './shared.js'

export interface MergeDriverOptions {
  files: MergeFiles
  /** The library's path in the repository (git's `%P`), to name it in messages. */
  path: string
}

/** `precis merge-driver`: what git runs to merge the library (set up by `precis sync init`); not for people. */
export function registerMergeDriver(program: Command, ctx: Context, run = mergeDriverRun): void {
  program
    .command('merge-driver', { hidden: true })
    .description('Merge two versions of the library for git (git runs this; see "precis sync init")')
    .argument('<base>', 'the common version (git\'s %O)')
    .argument('<ours>', 'our version, replaced by the result (git\'s %A)')
    .argument('<theirs>', 'their version (git\'s %B)')
    .argument('[path]', 'the library\'s path in the repository (git\'s %P)')
    .action(async (base: string, ours: string, theirs: string, path: string | undefined) =>
      run({ files: { base, ours, theirs }, path: path ?? 'the library' }, ctx),
    )
}

export async function mergeDriverRun(opts: MergeDriverOptions, ctx: Context): Promise<void> {
  const conflicts = await mergeLibraryFiles(opts.files, opts.path, ctx.clock.now())
  if (conflicts.length === 0) return
  const copies = oneLine(conflicts.map((c) => c.copy).join(', '))
  inform(ctx, `precis: merged ${oneLine(opts.path)}; ${conflicts.length} record(s) changed on both sides, the other versions kept as ${copies}`)
}

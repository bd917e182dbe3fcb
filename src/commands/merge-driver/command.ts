import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { lazyRun } from '../../command-kit/lazy-run.js'

// The work of the command, loaded when it runs (start-up loads only the command line).
const mergeDriverRun = lazyRun(async () => (await import('./run.js')).mergeDriverRun)

/** `precis merge-driver`: what git runs to merge the library (set up by `precis sync init`); not for people. */
export function registerMergeDriver(program: Command, ctx: Context, run = mergeDriverRun): void {
  program
    .command('merge-driver', { hidden: true })
    .description('Merge two versions of the library for git (git runs this; see "precis sync init")')
    .argument('<base>', "the common version (git's %O)")
    .argument('<ours>', "our version, replaced by the result (git's %A)")
    .argument('<theirs>', "their version (git's %B)")
    .argument('[path]', "the library's path in the repository (git's %P)")
    .action(async (base: string, ours: string, theirs: string, path: string | undefined) =>
      run({ files: { base, ours, theirs }, path: path ?? 'the library' }, ctx),
    )
}

import type { Context } from '../context.js'

/** A command's work: what its action calls with the parsed options. */
export type Run<Options> = (opts: Options, ctx: Context) => Promise<void>

/**
 * A command's work imported when the command runs, not at start-up: every command is registered
 * (for parsing and `--help`), but only the one that runs is loaded. scripts/build.mjs bundles each
 * such import into a file of its own.
 */
export function lazyRun<Options>(load: () => Promise<Run<Options>>): Run<Options> {
  return async (opts, ctx) => (await load())(opts, ctx)
}

import type { Context } from '../context.js'
import { UsageError } from '../core/errors.js'

/** The library file to sync: a real file, never the demo's temporary copy. */
export function syncedLibraryPath(ctx: Context): string {
  if (ctx.globals.demo) throw new UsageError('--demo works on a temporary copy of the demo library; there is nothing to sync')
  const path = ctx.store.path
  if (path === null) throw new UsageError('Sync needs a library file')
  return path
}

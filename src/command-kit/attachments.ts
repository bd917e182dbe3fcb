import path from 'node:path'
import type { Context } from '../context.js'
import { UsageError } from '../core/errors.js'

/** The library file attachments sit beside; a library held only in memory has nowhere to keep them. */
export function libraryFile(ctx: Context): string {
  const file = ctx.store.path
  if (file === null) throw new UsageError('Attached files live beside the library file, and this library has none')
  return file
}

/** A file named on the command line, resolved from where precis runs. */
export function givenFile(ctx: Context, file: string): string {
  return path.resolve(ctx.cwd, file)
}

import { basename } from 'node:path'
import type { Context } from '../context.js'
import { sanitizeTerminal } from '../core/text/sanitize.js'
import { libraryFileBytes } from '../store/size-limit.js'
import { formatBytes } from '../core/text/sizes.js'

/** A library file this big takes a noticeable time to read or write (~0.3 s per 16 MB here). */
export const BIG_LIBRARY_BYTES = 16 * 2 ** 20

/**
 * "Reading library.json (412 MB)…" when the library is big enough for the step to take a while, else
 * null. Reading and writing the library are one parse and one write: they cannot count their way
 * the way Progress does, so the person is told what is happening instead.
 */
export function libraryStepNote(ctx: Context, doing: string): string | null {
  const path = ctx.store.path
  if (path === null) return null
  const bytes = libraryFileBytes(path)
  if (bytes === null || bytes < BIG_LIBRARY_BYTES) return null
  return `${doing} ${sanitizeTerminal(basename(path))} (${formatBytes(bytes)})…`
}

/**
 * Run a long step with `note` on stderr while it runs: on a terminal only, never with `--quiet`,
 * erased when the step ends (or fails), so what follows starts on a clean line. No note, no output.
 */
export async function withStepNote<T>(ctx: Context, note: string | null, step: () => Promise<T>): Promise<T> {
  if (note === null || !ctx.io.stderrIsTTY || ctx.globals.quiet) return step()
  ctx.io.err(`\r${note}\u001b[K`)
  try {
    return await step()
  } finally {
    ctx.io.err('\r\u001b[K')
  }
}

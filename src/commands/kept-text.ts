import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BodySource } from '../cli/body-source.js'
import type { Context } from '../context.js'
import { PrecisError } from '../core/errors.js'
import { dataDir } from '../store/paths.js'

/** Keep text that could not be saved in the library (in `recovered/`, private), and return where. */
export async function keepText(ctx: Context, name: string, text: string): Promise<string> {
  const dir = join(dataDir(ctx.env), 'recovered')
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const path = join(dir, `${name.replace(/[^\w.-]+/g, '_')}-${ctx.clock.now().toISOString().replace(/[:.]/g, '-')}.md`)
  await writeFile(path, text, { mode: 0o600 })
  return path
}

/**
 * Run `save`; when it fails with a PrecisError (a conflict, a busy library, a refused record), the
 * person's `text` (none: '') is kept first and the error names where. The same error is thrown on,
 * also when the text cannot be kept (a full disk): that failure must not hide why nothing was saved.
 */
export async function keepingTextOnFailure<T>(ctx: Context, name: string, text: string, save: () => Promise<T>): Promise<T> {
  try {
    return await save()
  } catch (error) {
    if (!(error instanceof PrecisError) || text === '') throw error
    try {
      error.details.push(`Your text is kept at ${await keepText(ctx, name, text)}`)
    } catch {
      error.details.push(`Your text could not be kept in ${join(dataDir(ctx.env), 'recovered')} either`)
    }
    throw error
  }
}

/** The text worth keeping when it cannot be saved: not one given on the command line, which the shell still has. */
export function textToKeep(source: BodySource, text: string): string {
  return source.from === 'text' ? '' : text
}

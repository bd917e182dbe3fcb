import type { BodySource } from './body-source.js'
import type { Context } from '../context.js'
import { PrecisError } from '../core/errors.js'
import { dataDir } from '../store/paths.js'
import { keepRecoveredText, recoveredFolder } from '../store/recovered.js'
import { shellWord } from '../core/text/shell-words.js'
import { EditorError } from '../terminal/editor.js'

/** Keep text that could not be saved in the library (in `recovered/`, private), and return where. */
function keepText(ctx: Context, name: string, text: string | Uint8Array): Promise<string> {
  return keepRecoveredText(dataDir(ctx.env), name, text, ctx.clock.now())
}

/** How to apply a kept text again, as a command to copy: `precis edit <id> --file <path>`. */
export const editAgain =
  (id: string, lead = 'Apply it again with') =>
  (path: string) =>
    `${lead}: precis edit ${shellWord(id)} --file ${shellWord(path)}`

/**
 * Keep `text` after `error` (the person's work was not saved) and add where to the error's details,
 * with `again` (how to apply it again) when given. When the text cannot be kept (a full disk) the
 * error says so: that failure must not hide why nothing was saved.
 */
export async function keepTextFor(
  ctx: Context,
  error: PrecisError,
  name: string,
  text: string | Uint8Array,
  again?: (path: string) => string,
): Promise<void> {
  try {
    const path = await keepText(ctx, name, text)
    error.details.push(`Your text is kept at ${path}`)
    if (again) error.details.push(again(path))
  } catch {
    error.details.push(`Your text could not be kept in ${recoveredFolder(dataDir(ctx.env))} either`)
  }
}

/**
 * Run `save`; when it fails with a PrecisError (a conflict, a busy library, a refused record), the
 * person's `text` (none: '') is kept first and the error names where (and `again`, how to apply it
 * again). The same error is thrown on.
 */
export async function keepingTextOnFailure<T>(
  ctx: Context,
  name: string,
  text: string,
  save: () => Promise<T>,
  again?: (path: string) => string,
): Promise<T> {
  try {
    return await save()
  } catch (error) {
    if (!(error instanceof PrecisError) || text === '') throw error
    await keepTextFor(ctx, error, name, text, again)
    throw error
  }
}

/** Open `initial` in the editor; when the editor fails or saves text that cannot be stored, that text is kept (named `name`) and the error says where. */
export async function editKeeping(
  ctx: Context,
  name: string,
  initial: string,
  fileName: string,
  again?: (path: string) => string,
): Promise<string> {
  try {
    return await ctx.editor.edit(initial, fileName)
  } catch (error) {
    if (error instanceof EditorError) await keepTextFor(ctx, error, name, error.text, again)
    throw error
  }
}

/** The text worth keeping when it cannot be saved: not one given on the command line, which the shell still has. */
export function textToKeep(source: BodySource, text: string): string {
  return source.from === 'text' ? '' : text
}

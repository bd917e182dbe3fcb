import { resolve } from 'node:path'
import type { Context } from '../context.js'
import { DataError, UsageError } from '../core/errors.js'
import { withoutTemplate } from '../formats/summary-template.js'
import { textProblem } from '../core/records/field-rules.js'
import { decodeInput } from '../core/text/input.js'
import { readTextFile } from '../platform/text-file.js'
import { editKeeping } from './kept-text.js'
import { canPrompt } from './shared.js'
import type { BodySource } from './body-source.js'

/**
 * The summary text. Without a source, a terminal opens the editor; otherwise the text is required.
 * `initial` seeds the editor (a template, removed again when left unchanged). Text from a file or standard input that the library cannot store is
 * refused as invalid input, naming the position (`--body` is checked with the flags, editor text by the editor).
 */
export async function readBody(source: BodySource, ctx: Context, fileName: string, initial = ''): Promise<string> {
  const storable = (text: string, name: string) => {
    const problem = textProblem(text)
    if (problem) throw new DataError(`The summary text from ${name} cannot be stored: it ${problem}`)
    return text
  }
  switch (source.from) {
    case 'text':
      return source.text
    case 'file':
      return storable(await readTextFile(resolve(ctx.cwd, source.path)), source.path)
    case 'stdin':
      return storable(decodeInput(await ctx.io.readStdin(), 'standard input'), 'standard input')
    case 'none':
    case 'editor': {
      // Without a text source, a terminal opens the editor: that is how a summary gets written.
      if (source.from === 'none' && !canPrompt(ctx)) {
        throw new UsageError('Missing summary text: pass --body <text>, --file <path> (- for stdin) or --edit')
      }
      const text = await editKeeping(ctx, fileName.replace(/\.md$/, ''), initial, fileName)
      return withoutTemplate(text, initial) // checked by the editor, which keeps the text when it refuses it
    }
  }
}

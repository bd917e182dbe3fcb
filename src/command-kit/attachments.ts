import path from 'node:path'
import type { Context } from '../context.js'
import type { Attachment, Library, Paper } from '../core/model.js'
import { NotFoundError, UsageError } from '../core/errors.js'
import { attachmentFileName, formatSize, freeName, numberedName } from '../core/attachments/attachments.js'
import { inform, printJson } from './shared.js'
import { sanitizeTerminal } from '../core/text/sanitize.js'
import { discardStaged, liesInPaperFolder, placeStaged, stageAttachment, type StagedFile } from '../store/attachment-files.js'

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

/** What attaching did. */
export interface AttachOutcome {
  status: 'attached' | 'unchanged' | 'detached'
  attachment: Attachment
}

/** The paper record `key` names in `lib` (a summary's missing paper has none to attach to). */
export function storedPaper(lib: Library, key: string): Paper {
  const stored = lib.papers.find((p) => p.key === key)
  if (!stored)
    throw new NotFoundError(`${sanitizeTerminal(key)} has no paper record to attach to`, [`Give it one with: precis identify ${key}`])
  return stored
}

/**
 * Give the staged copy a free name in the folder and record it; unchanged when the paper has these
 * bytes already. `inPlace`: the file attached is `name` in the folder already, recorded as it lies
 * when no attachment has that name.
 */
function recordFile(lib: Library, key: string, staged: StagedFile, name: string, inPlace: boolean, now: Date): AttachOutcome {
  const paper = storedPaper(lib, key)
  const same = paper.attachments?.find((a) => a.kind === 'file' && a.sha256 === staged.sha256)
  if (same) return { status: 'unchanged', attachment: same }
  const list = paper.attachments ?? []
  // A free name among the records, then among the files: a file left in the folder is never overwritten.
  let n = 1
  let chosen = freeName(name, list)
  if (!(inPlace && chosen === name)) while (!placeStaged(staged, chosen)) chosen = freeName(numberedName(name, ++n), list)
  const attachment: Attachment = { kind: 'file', name: chosen, sha256: staged.sha256, size: staged.size, added: now.toISOString() }
  paper.attachments = [...list, attachment]
  return { status: 'attached', attachment }
}

/**
 * Copy the file `file` (as given on the command line) into the folder of the paper `key` and
 * record it. The same bytes attached already: nothing is written.
 */
export async function attachFileTo(ctx: Context, key: string, file: string): Promise<AttachOutcome> {
  const library = libraryFile(ctx)
  const staged = stageAttachment(library, key, givenFile(ctx, file))
  try {
    const known = storedPaper(await ctx.store.read(), key).attachments?.find((a) => a.kind === 'file' && a.sha256 === staged.sha256)
    if (known) return { status: 'unchanged', attachment: known }
    const name = attachmentFileName(file)
    const inPlace = liesInPaperFolder(library, key, givenFile(ctx, file), name)
    return await ctx.store.update((lib) => recordFile(lib, key, staged, name, inPlace, ctx.clock.now()), {
      message: (done) => `attach ${key} ${done.attachment.kind === 'file' ? done.attachment.name : ''}`.trim(),
    })
  } finally {
    discardStaged(staged)
  }
}

/** What attaching did: a line for the person, or `{key, status, attachment}` with --json. */
export function reportAttachment(ctx: Context, key: string, outcome: AttachOutcome): void {
  if (ctx.globals.json) return printJson(ctx, { key, ...outcome })
  informAttachment(ctx, key, outcome)
}

/** What attaching did, as a line on stderr (also beside another command's --json). */
export function informAttachment(ctx: Context, key: string, outcome: AttachOutcome): void {
  const { attachment } = outcome
  const what = attachment.kind === 'file' ? `${attachment.name} (${formatSize(attachment.size)})` : attachment.url
  const said = { attached: `Attached ${what} to`, unchanged: `Already attached: ${what} on`, detached: `Detached ${what} from` }
  inform(ctx, sanitizeTerminal(`${said[outcome.status]} ${key}`))
}

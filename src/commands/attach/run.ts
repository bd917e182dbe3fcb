import type { Context } from '../../context.js'
import type { Attachment, Library, Paper } from '../../core/model.js'
import { NotFoundError, UsageError } from '../../core/errors.js'
import { resolveHandle } from '../../core/records/handles.js'
import { sanitizeTerminal } from '../../core/text/sanitize.js'
import { attachFileTo, libraryFile, reportAttachment, storedPaper, type AttachOutcome } from '../../command-kit/attachments.js'
import { attachmentFileName, linkProblem, looksLikeUrl } from '../../core/attachments/attachments.js'
import { removeAttachedFile } from '../../store/attachment-files.js'

export interface AttachOptions {
  handle: string
  /** A file path or an http(s) URL; with `remove`, an attached file's name or a link. */
  target: string
  remove: boolean
}

/** The paper `handle` names in `lib`, which must hold it (a summary's missing paper cannot take attachments). */
function paperOf(lib: Library, handle: string): Paper {
  return storedPaper(lib, resolveHandle(lib, handle).paper.key)
}

async function attachLink(ctx: Context, opts: AttachOptions): Promise<void> {
  const problem = linkProblem(opts.target)
  if (problem) throw new UsageError(`Cannot attach ${sanitizeTerminal(opts.target)}: ${problem}`)
  const url = new URL(opts.target).href
  const read = paperOf(await ctx.store.read(), opts.handle)
  const known = read.attachments?.find((a) => a.kind === 'link' && a.url === url)
  if (known) return reportAttachment(ctx, read.key, { status: 'unchanged', attachment: known })
  const outcome = await ctx.store.update(
    (lib): AttachOutcome => {
      const paper = paperOf(lib, read.key)
      const same = paper.attachments?.find((a) => a.kind === 'link' && a.url === url)
      if (same) return { status: 'unchanged', attachment: same }
      const attachment: Attachment = { kind: 'link', url, added: ctx.clock.now().toISOString() }
      paper.attachments = [...(paper.attachments ?? []), attachment]
      return { status: 'attached', attachment }
    },
    { message: `attach ${read.key} link` },
  )
  reportAttachment(ctx, read.key, outcome)
}

async function attachFile(ctx: Context, opts: AttachOptions): Promise<void> {
  const key = paperOf(await ctx.store.read(), opts.handle).key
  reportAttachment(ctx, key, await attachFileTo(ctx, key, opts.target))
}

async function detach(ctx: Context, opts: AttachOptions): Promise<void> {
  const key = paperOf(await ctx.store.read(), opts.handle).key
  // A link as attached (`https://x.org` is kept as `https://x.org/`), a file by its name here or its original's.
  const url = linkProblem(opts.target) === null ? new URL(opts.target).href : opts.target
  const matches = (a: Attachment) =>
    a.kind === 'file' ? a.name === opts.target || a.name === attachmentFileName(opts.target) : a.url === url
  const outcome = await ctx.store.update(
    (lib): AttachOutcome => {
      const paper = paperOf(lib, key)
      const attachment = paper.attachments?.find(matches)
      if (!attachment) {
        const names = (paper.attachments ?? []).map((a) => (a.kind === 'file' ? a.name : a.url))
        throw new NotFoundError(
          `${sanitizeTerminal(key)} has no attachment ${sanitizeTerminal(opts.target)}`,
          names.map((n) => sanitizeTerminal(`  ${n}`)),
        )
      }
      const rest = paper.attachments!.filter((a) => a !== attachment)
      if (rest.length > 0) paper.attachments = rest
      else delete paper.attachments
      // Deleted before the write, so that with sync carrying files the same commit records both.
      if (attachment.kind === 'file') removeAttachedFile(libraryFile(ctx), key, attachment.name)
      return { status: 'detached', attachment }
    },
    { message: `detach ${key}` },
  )
  reportAttachment(ctx, key, outcome)
}

export async function attachRun(opts: AttachOptions, ctx: Context): Promise<void> {
  if (opts.remove) return detach(ctx, opts)
  if (looksLikeUrl(opts.target)) return attachLink(ctx, opts)
  return attachFile(ctx, opts)
}

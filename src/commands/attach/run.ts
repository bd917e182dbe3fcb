import type { Context } from '../../context.js'
import type { Attachment, Library, Paper } from '../../core/model.js'
import { NotFoundError, UsageError } from '../../core/errors.js'
import { resolveHandle } from '../../core/records/handles.js'
import { sanitizeTerminal } from '../../core/text/sanitize.js'
import { inform, printJson } from '../../command-kit/shared.js'
import { givenFile, libraryFile } from '../../command-kit/attachments.js'
import { attachmentFileName, formatSize, freeName, linkProblem, looksLikeUrl, numberedName } from '../../core/attachments/attachments.js'
import { discardStaged, placeStaged, removeAttachedFile, stageAttachment, type StagedFile } from '../../store/attachment-files.js'

export interface AttachOptions {
  handle: string
  /** A file path or an http(s) URL; with `remove`, an attached file's name or a link. */
  target: string
  remove: boolean
}

type Outcome = { status: 'attached' | 'unchanged' | 'detached'; attachment: Attachment }

/** The paper `handle` names in `lib`, which must hold it (a summary's missing paper cannot take attachments). */
function paperOf(lib: Library, handle: string): Paper {
  const { paper } = resolveHandle(lib, handle)
  const stored = lib.papers.find((p) => p.key === paper.key)
  if (!stored)
    throw new NotFoundError(`${sanitizeTerminal(paper.key)} has no paper record to attach to`, [
      `Give it one with: precis identify ${paper.key}`,
    ])
  return stored
}

function report(ctx: Context, key: string, outcome: Outcome): void {
  if (ctx.globals.json) return printJson(ctx, { key, ...outcome })
  const { attachment } = outcome
  const what = attachment.kind === 'file' ? `${attachment.name} (${formatSize(attachment.size)})` : attachment.url
  const verb = { attached: 'Attached', unchanged: 'Already attached:', detached: 'Detached' }[outcome.status]
  const to = outcome.status === 'detached' ? 'from' : 'to'
  inform(ctx, sanitizeTerminal(`${verb} ${what} ${outcome.status === 'unchanged' ? 'on' : to} ${key}`))
}

async function attachLink(ctx: Context, opts: AttachOptions): Promise<void> {
  const problem = linkProblem(opts.target)
  if (problem) throw new UsageError(`Cannot attach ${sanitizeTerminal(opts.target)}: ${problem}`)
  const url = new URL(opts.target).href
  const read = paperOf(await ctx.store.read(), opts.handle)
  const known = read.attachments?.find((a) => a.kind === 'link' && a.url === url)
  if (known) return report(ctx, read.key, { status: 'unchanged', attachment: known })
  const outcome = await ctx.store.update(
    (lib): Outcome => {
      const paper = paperOf(lib, read.key)
      const same = paper.attachments?.find((a) => a.kind === 'link' && a.url === url)
      if (same) return { status: 'unchanged', attachment: same }
      const attachment: Attachment = { kind: 'link', url, added: ctx.clock.now().toISOString() }
      paper.attachments = [...(paper.attachments ?? []), attachment]
      return { status: 'attached', attachment }
    },
    { message: `attach ${read.key} link` },
  )
  report(ctx, read.key, outcome)
}

/** Give the staged copy a free name in the folder and record it; the copy is discarded when the bytes were already attached. */
function recordFile(lib: Library, key: string, staged: StagedFile, name: string, now: Date): Outcome {
  const paper = paperOf(lib, key)
  const same = paper.attachments?.find((a) => a.kind === 'file' && a.sha256 === staged.sha256)
  if (same) return { status: 'unchanged', attachment: same }
  const list = paper.attachments ?? []
  // A free name among the records, then among the files: a file left in the folder is never overwritten.
  let n = 1
  let chosen = freeName(name, list)
  while (!placeStaged(staged, chosen)) chosen = freeName(numberedName(name, ++n), list)
  const attachment: Attachment = { kind: 'file', name: chosen, sha256: staged.sha256, size: staged.size, added: now.toISOString() }
  paper.attachments = [...list, attachment]
  return { status: 'attached', attachment }
}

async function attachFile(ctx: Context, opts: AttachOptions): Promise<void> {
  const library = libraryFile(ctx)
  const read = paperOf(await ctx.store.read(), opts.handle)
  const staged = stageAttachment(library, read.key, givenFile(ctx, opts.target))
  try {
    const known = read.attachments?.find((a) => a.kind === 'file' && a.sha256 === staged.sha256)
    if (known) return report(ctx, read.key, { status: 'unchanged', attachment: known })
    const name = attachmentFileName(opts.target)
    const outcome = await ctx.store.update((lib) => recordFile(lib, read.key, staged, name, ctx.clock.now()), {
      message: (done) => `attach ${read.key} ${done.attachment.kind === 'file' ? done.attachment.name : ''}`.trim(),
    })
    report(ctx, read.key, outcome)
  } finally {
    discardStaged(staged)
  }
}

async function detach(ctx: Context, opts: AttachOptions): Promise<void> {
  const key = paperOf(await ctx.store.read(), opts.handle).key
  const matches = (a: Attachment) =>
    a.kind === 'file' ? a.name === opts.target || a.name === attachmentFileName(opts.target) : a.url === opts.target
  const outcome = await ctx.store.update(
    (lib): Outcome => {
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
      return { status: 'detached', attachment }
    },
    { message: `detach ${key}` },
  )
  // The record went first: a file left by a failure here is an orphan doctor reports, never a record without its file.
  if (outcome.attachment.kind === 'file') removeAttachedFile(libraryFile(ctx), key, outcome.attachment.name)
  report(ctx, key, outcome)
}

export async function attachRun(opts: AttachOptions, ctx: Context): Promise<void> {
  if (opts.remove) return detach(ctx, opts)
  if (looksLikeUrl(opts.target)) return attachLink(ctx, opts)
  return attachFile(ctx, opts)
}

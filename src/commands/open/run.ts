import type { Context } from '../../context.js'
import { NotFoundError, PrecisError, ExitCode } from '../../core/errors.js'
import { resolveWhole } from '../../command-kit/resolve-records.js'
import { sanitizeTerminal } from '../../core/text/sanitize.js'
import { fileToOpen, webPages } from '../../core/attachments/attachments.js'
import { inform, printJson } from '../../command-kit/shared.js'
import { libraryFile } from '../../command-kit/attachments.js'
import { attachedFilePath } from '../../store/attachment-files.js'
import { openerCommand, openWithSystem } from '../../platform/opener.js'

export interface OpenOptions {
  handle: string
  /** `file`: the attached file; `url`: the web page; `any`: the file when there is one, else the page. */
  which: 'file' | 'url' | 'any'
  /** Print the target instead of opening it. */
  print: boolean
}

export async function openRun(opts: OpenOptions, ctx: Context): Promise<void> {
  const { paper } = await resolveWhole(ctx, opts.handle)
  const key = sanitizeTerminal(paper.key)
  const file = opts.which === 'url' ? null : fileToOpen(paper)
  const page = opts.which === 'file' ? undefined : webPages(paper)[0]
  let target: { kind: 'file' | 'url'; target: string }
  if (file) target = { kind: 'file', target: attachedFilePath(libraryFile(ctx), paper.key, file.name) }
  else if (page) target = { kind: 'url', target: page }
  else if (opts.which === 'file') throw new NotFoundError(`${key} has no attached file`, [`Attach one with: precis attach ${key} <file>`])
  else {
    const giveLink = [`Give it a web page with: precis edit ${key} --url <url>, or precis attach ${key} <url>`]
    if (opts.which === 'url') throw new NotFoundError(`${key} has no arXiv id, DOI or http(s) link to open`, giveLink)
    throw new NotFoundError(`${key} has no attached file and no arXiv id, DOI or http(s) link to open`, [
      `Attach its PDF with: precis attach ${key} <file>`,
      ...giveLink,
    ])
  }

  if (ctx.globals.json) printJson(ctx, { key: paper.key, ...target })
  if (opts.print) {
    if (!ctx.globals.json) ctx.io.out(target.target + '\n')
    return
  }
  inform(ctx, `Opening ${sanitizeTerminal(target.target)}`)
  const result = await openWithSystem(target.target, ctx.env)
  const opener = sanitizeTerminal(openerCommand(ctx.env).join(' '))
  if (!result.started) {
    throw new PrecisError(`Could not open it: ${sanitizeTerminal(result.reason)}`, ExitCode.failure, [
      'Set PRECIS_OPENER to a program that opens files and web pages, or use --print',
    ])
  }
  if (result.code !== 0)
    throw new PrecisError(`The opener (${opener}) failed with exit code ${result.code ?? 'none (killed)'}`, ExitCode.failure)
}

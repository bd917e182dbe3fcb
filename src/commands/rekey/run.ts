import type { Context } from '../../context.js'
import { plural } from '../../core/text/plural-count.js'
import type { Library } from '../../core/model.js'
import { renamePaper, type PaperRename } from '../../core/papers/rename-paper.js'
import { sanitizeTerminal } from '../../core/text/sanitize.js'
import { rekeyMessage } from '../../sync/rename-trail.js'
import { inform, printJson } from '../../command-kit/shared.js'
import { movePaperFolder } from '../../store/attachment-files.js'
import { largest } from '../../core/lists.js'

export interface RekeyOptions {
  from: string
  to: string
  dryRun: boolean
}

/** The paper's key as stored: the key typed, else the one key that differs from it only in case. */
function storedKey(lib: Library, typed: string): string {
  if (lib.papers.some((p) => p.key === typed)) return typed
  const same = lib.papers.filter((p) => p.key.toLowerCase() === typed.toLowerCase())
  return same.length === 1 ? same[0]!.key : typed
}

/** Each change on a line: tab-separated fields when piped, aligned with arrows in a terminal. */
function formatRename(result: PaperRename, tty: boolean): string {
  const rows: [string, string, string][] = [
    ['paper', result.from, result.to],
    ...result.ids.map(({ from, to }): [string, string, string] => ['summary', from, to]),
    ...result.trashIds.map(({ from, to }): [string, string, string] => ['trash', from, to]),
    ...result.citations.map(({ id, count, inTrash }): [string, string, string] => [inTrash ? 'cites (trash)' : 'cites', id, String(count)]),
  ]
  const clean = rows.map((row) => row.map((field) => sanitizeTerminal(field)) as [string, string, string])
  if (!tty) return clean.map((row) => row.join('\t') + '\n').join('')
  const width = largest(clean.map(([kind]) => kind.length))
  return clean
    .map(
      ([kind, a, b]) =>
        `${kind.padEnd(width)}  ${a} ${kind.startsWith('cites') ? `(${b} ${b === '1' ? 'citation' : 'citations'})` : `→ ${b}`}\n`,
    )
    .join('')
}

function describeRename(result: PaperRename, dryRun: boolean): string {
  const count = result.citations.reduce((sum, c) => sum + c.count, 0)
  const what = [
    plural(result.ids.length, 'summary id', 'summary ids'),
    ...(result.trashIds.length > 0 ? [`${plural(result.trashIds.length, 'id', 'ids')} in the trash`] : []),
    `${plural(count, 'citation', 'citations')} in ${plural(result.citations.length, 'summary', 'summaries')}`,
  ].join(', ')
  const [from, to] = [sanitizeTerminal(result.from), sanitizeTerminal(result.to)]
  return dryRun ? `Would rename "${from}" to "${to}": ${what} (dry run: nothing written)` : `Renamed "${from}" to "${to}": ${what}`
}

export async function rekeyRun(opts: RekeyOptions, ctx: Context): Promise<void> {
  // One locked read-modify-write; a dry run works on the library as read and never writes.
  const rename = (lib: Library) => renamePaper(lib, storedKey(lib, opts.from), opts.to)
  // The paper's attached files follow it to the new key's folder, moved back if the write fails.
  let moved: { from: string; to: string } | null = null
  const library = ctx.store.path
  const result = opts.dryRun
    ? rename(await ctx.store.read())
    : await ctx.store
        .update(
          (lib) => {
            const renamed = rename(lib)
            if (library !== null && movePaperFolder(library, renamed.from, renamed.to)) moved = { from: renamed.from, to: renamed.to }
            Object.assign(lib, renamed.library)
            return renamed
          },
          { message: (renamed) => rekeyMessage(renamed.from, renamed.to) },
        )
        .catch((error: unknown) => {
          if (library !== null && moved) movePaperFolder(library, moved.to, moved.from)
          throw error
        })
  const { library: _library, ...changes } = result
  if (ctx.globals.json) printJson(ctx, { ...changes, dryRun: opts.dryRun })
  else ctx.io.out(formatRename(result, ctx.io.stdoutIsTTY))
  inform(ctx, describeRename(result, opts.dryRun))
}

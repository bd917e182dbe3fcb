import type { Context } from '../../context.js'
import { plural } from '../../core/text/plural-count.js'
import { CancelError } from '../../core/errors.js'
import { sortTagCounts, tagTree, type TagSort } from '../../core/tags/counts.js'
import { removeTag, renameTag, type TagRewrite } from '../../core/tags/rename.js'
import { formatTagColumns, formatTagsPlain, formatTagTree } from './tree.js'
import { sanitizeTerminal } from '../../core/text/sanitize.js'
import { confirmOrRequireYes, inform, printJson } from '../../command-kit/shared.js'
import { readOutline } from '../../store/outline-reads.js'

export interface TagsListOptions {
  sort: TagSort
  flat: boolean
}

export interface TagsRenameOptions {
  from: string
  to: string
  dryRun: boolean
}

export interface TagsRmOptions {
  tag: string
  recursive: boolean
  yes: boolean
  dryRun: boolean
}

export async function tagsListRun(opts: TagsListOptions, ctx: Context): Promise<void> {
  const counts = (await readOutline(ctx.store)).tagCounts()
  const sorted = sortTagCounts(counts, opts.sort)
  if (ctx.globals.json)
    return printJson(
      ctx,
      sorted.map(({ tag, count, own }) => ({ tag, count, own })),
    )
  if (!ctx.io.stdoutIsTTY) return ctx.io.out(formatTagsPlain(sorted))
  if (counts.length === 0) return inform(ctx, 'No tags yet. Add some with: precis tag <handle> +tag')
  await ctx.io.page(opts.flat ? formatTagColumns(sorted, ctx.io.style) : formatTagTree(tagTree(counts, opts.sort), ctx.io.style))
}

/** The changed ids on stdout, one a line, or the whole result with `--json`. */
function printRewrite(ctx: Context, result: TagRewrite): void {
  if (ctx.globals.json) return printJson(ctx, result)
  ctx.io.out(result.changed.map((id) => sanitizeTerminal(id) + '\n').join(''))
}

function trashNote(result: TagRewrite): string {
  return result.inTrash > 0 ? ` (and ${plural(result.inTrash, 'summary', 'summaries')} in the trash)` : ''
}

export async function tagsRenameRun(opts: TagsRenameOptions, ctx: Context): Promise<void> {
  const [from, to] = [sanitizeTerminal(opts.from), sanitizeTerminal(opts.to)]
  // One locked read-modify-write; a dry run works on a copy it never writes.
  const result = opts.dryRun
    ? renameTag(await ctx.store.read(), opts.from, opts.to, ctx.clock.now())
    : await ctx.store.update((lib) => renameTag(lib, opts.from, opts.to, ctx.clock.now()))
  printRewrite(ctx, result)
  const merged = result.merged ? `, merged into the existing tag "${to}"` : ''
  const verb = opts.dryRun ? 'Would rename' : 'Renamed'
  inform(
    ctx,
    `${verb} "${from}" to "${to}" on ${plural(result.changed.length, 'summary', 'summaries')}${trashNote(result)}${merged}${opts.dryRun ? ' (dry run: nothing written)' : ''}`,
  )
}

export async function tagsRmRun(opts: TagsRmOptions, ctx: Context): Promise<void> {
  const tag = sanitizeTerminal(opts.tag)
  const what = opts.recursive ? `"${tag}" and the tags below it` : `"${tag}"`
  const plan = removeTag(await ctx.store.read(), opts.tag, opts.recursive, ctx.clock.now())
  if (opts.dryRun) {
    printRewrite(ctx, plan)
    return inform(
      ctx,
      `Would remove ${what} from ${plural(plan.changed.length, 'summary', 'summaries')}${trashNote(plan)} (dry run: nothing written)`,
    )
  }
  if (
    !(await confirmOrRequireYes(
      ctx,
      opts.yes,
      `Remove ${what} from ${plural(plan.changed.length, 'summary', 'summaries')}${trashNote(plan)}?`,
    ))
  ) {
    throw new CancelError('No tags were removed')
  }
  const result = await ctx.store.update((lib) => removeTag(lib, opts.tag, opts.recursive, ctx.clock.now()))
  printRewrite(ctx, result)
  inform(ctx, `Removed ${what} from ${plural(result.changed.length, 'summary', 'summaries')}${trashNote(result)}`)
}

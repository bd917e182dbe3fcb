import type { Command } from 'commander'
import type { Context } from '../context.js'
import { CancelError, UsageError } from '../core/errors.js'
import { countTags, sortTagCounts, tagTree, type TagSort } from '../core/tag-counts.js'
import { removeTag, renameTag, type TagRewrite } from '../core/tag-rename.js'
import { normalizeTag } from '../core/tags.js'
import { formatTagColumns, formatTagsPlain, formatTagTree } from '../render/tag-tree.js'
import { sanitizeTerminal } from '../sanitize.js'
import { confirmOrRequireYes, inform, printJson } from './shared.js'

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

/** The three actions of `precis tags`, replaceable in tests. */
export interface TagsRuns {
  list(opts: TagsListOptions, ctx: Context): Promise<void>
  rename(opts: TagsRenameOptions, ctx: Context): Promise<void>
  rm(opts: TagsRmOptions, ctx: Context): Promise<void>
}

const SORTS: readonly TagSort[] = ['count', 'name']

export function parseTagsListOptions(raw: { sort?: string; flat?: boolean }): TagsListOptions {
  const sort = (raw.sort ?? 'count') as TagSort
  if (!SORTS.includes(sort)) throw new UsageError(`--sort takes one of ${SORTS.join(', ')}, not "${raw.sort}"`)
  return { sort, flat: raw.flat === true }
}

/**
 * `precis tags` lists; `precis tags rename` and `precis tags rm` change. A command with both an
 * action and subcommands: commander runs a subcommand when the first word names one, else the
 * listing, which takes no words, so a mistyped subcommand is caught here with a suggestion.
 */
export function registerTags(program: Command, ctx: Context, runs: TagsRuns = { list: tagsListRun, rename: tagsRenameRun, rm: tagsRmRun }): void {
  const tags = program
    .command('tags')
    .description('List tags with counts (a tree for a/b tags); rename or remove a tag everywhere')
    .usage('[options] [command]')
    // Words that name no subcommand reach the listing's action, which refuses them with a hint.
    .allowExcessArguments(true)
    .option('--sort <order>', 'count (most used first) or name', 'count')
    .option('--flat', 'one line per tag with its full name, not a tree')
    .addHelpText(
      'after',
      `
A tag's count is the number of summaries with it or a tag below it (what tag:<tag> finds). Piped,
the list is one tab-separated line per tag: tag, count, own count. With --json: [{tag, count, own}].

Examples:
  precis tags
  precis tags --sort name --flat
  precis tags rename ml graph          # ml/gnn becomes graph/gnn
  precis tags rename gnns gnn          # merges into the existing tag
  precis tags rm todo --yes
  precis tags rm ml --recursive
`,
    )
    .action(async (raw: { sort?: string; flat?: boolean }, command: Command) => {
      const word = command.args[0]
      if (word !== undefined) throw new UsageError(`Unknown command "tags ${word}": use "tags rename <old> <new>", "tags rm <tag>", or "tags" alone to list`)
      await runs.list(parseTagsListOptions(raw), ctx)
    })

  tags
    .command('rename')
    .description('Rename a tag everywhere, with the tags below it; merges into an existing tag')
    .argument('<old>', 'the tag to rename')
    .argument('<new>', 'its new name (may already exist: the two merge)')
    .option('--dry-run', 'print the summaries that would change, write nothing')
    .addHelpText('after', '\nExamples:\n  precis tags rename ml graph\n  precis tags rename meta_learning meta-learning --dry-run\n')
    .action(async (from: string, to: string, raw: { dryRun?: boolean }) =>
      runs.rename({ from: normalizeTag(from), to: normalizeTag(to), dryRun: raw.dryRun === true }, ctx),
    )

  tags
    .command('rm')
    .description('Remove a tag from every summary (the tags below it only with --recursive)')
    .argument('<tag>', 'the tag to remove')
    .option('-r, --recursive', 'also remove the tags below it (ml/gnn for ml)')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--dry-run', 'print the summaries that would change, write nothing')
    .addHelpText('after', '\nExamples:\n  precis tags rm todo\n  precis tags rm ml --recursive --yes\n')
    .action(async (tag: string, raw: { recursive?: boolean; yes?: boolean; dryRun?: boolean }) =>
      runs.rm({ tag: normalizeTag(tag), recursive: raw.recursive === true, yes: raw.yes === true, dryRun: raw.dryRun === true }, ctx),
    )
}

export async function tagsListRun(opts: TagsListOptions, ctx: Context): Promise<void> {
  const counts = countTags((await ctx.store.read()).summaries)
  const sorted = sortTagCounts(counts, opts.sort)
  if (ctx.globals.json) return printJson(ctx, sorted.map(({ tag, count, own }) => ({ tag, count, own })))
  if (!ctx.io.stdoutIsTTY) return ctx.io.out(formatTagsPlain(sorted))
  if (counts.length === 0) return inform(ctx, 'No tags yet. Add some with: precis tag <handle> +tag')
  await ctx.io.page(opts.flat ? formatTagColumns(sorted, ctx.io.style) : formatTagTree(tagTree(counts, opts.sort), ctx.io.style))
}

function countOf(n: number): string {
  return `${n} ${n === 1 ? 'summary' : 'summaries'}`
}

/** The changed ids on stdout, one a line, or the whole result with `--json`. */
function printRewrite(ctx: Context, result: TagRewrite): void {
  if (ctx.globals.json) return printJson(ctx, result)
  ctx.io.out(result.changed.map((id) => sanitizeTerminal(id) + '\n').join(''))
}

function trashNote(result: TagRewrite): string {
  return result.inTrash > 0 ? ` (and ${countOf(result.inTrash)} in the trash)` : ''
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
  inform(ctx, `${verb} "${from}" to "${to}" on ${countOf(result.changed.length)}${trashNote(result)}${merged}${opts.dryRun ? ' (dry run: nothing written)' : ''}`)
}

export async function tagsRmRun(opts: TagsRmOptions, ctx: Context): Promise<void> {
  const tag = sanitizeTerminal(opts.tag)
  const what = opts.recursive ? `"${tag}" and the tags below it` : `"${tag}"`
  const plan = removeTag(await ctx.store.read(), opts.tag, opts.recursive, ctx.clock.now())
  if (opts.dryRun) {
    printRewrite(ctx, plan)
    return inform(ctx, `Would remove ${what} from ${countOf(plan.changed.length)}${trashNote(plan)} (dry run: nothing written)`)
  }
  if (!(await confirmOrRequireYes(ctx, opts.yes, `Remove ${what} from ${countOf(plan.changed.length)}${trashNote(plan)}?`))) {
    throw new CancelError('No tags were removed')
  }
  const result = await ctx.store.update((lib) => removeTag(lib, opts.tag, opts.recursive, ctx.clock.now()))
  printRewrite(ctx, result)
  inform(ctx, `Removed ${what} from ${countOf(result.changed.length)}${trashNote(result)}`)
}

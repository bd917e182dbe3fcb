import type { Command } from 'commander'
import type { Context } from '../../context.js'
import type { TagsListOptions, TagsRenameOptions, TagsRmOptions } from './run.js'
import { UsageError } from '../../core/errors.js'
import { choiceOption } from '../../command-kit/flags.js'
import { normalizeTag } from '../../core/tags/rules.js'
import type { TagSort } from '../../core/tags/counts.js'
import { lazyRun } from '../../command-kit/lazy-run.js'

/** The three actions of `precis tags`, replaceable in tests. */
export interface TagsRuns {
  list(opts: TagsListOptions, ctx: Context): Promise<void>
  rename(opts: TagsRenameOptions, ctx: Context): Promise<void>
  rm(opts: TagsRmOptions, ctx: Context): Promise<void>
}

const SORTS: readonly TagSort[] = ['count', 'name']

// The work of each subcommand, loaded when it runs (start-up loads only the command line).
const tagsRuns: TagsRuns = {
  list: lazyRun(async () => (await import('./run.js')).tagsListRun),
  rename: lazyRun(async () => (await import('./run.js')).tagsRenameRun),
  rm: lazyRun(async () => (await import('./run.js')).tagsRmRun),
}

export function parseTagsListOptions(raw: { sort?: string; flat?: boolean }): TagsListOptions {
  return { sort: (raw.sort ?? 'count') as TagSort, flat: raw.flat === true }
}

/**
 * `precis tags` lists; `precis tags rename` and `precis tags rm` change. A command with both an
 * action and subcommands: commander runs a subcommand when the first word names one, else the
 * listing, which takes no words, so a mistyped subcommand is caught here with a suggestion.
 */
export function registerTags(program: Command, ctx: Context, runs: TagsRuns = tagsRuns): void {
  const tags = program
    .command('tags')
    .description('List tags with counts (a tree for a/b tags); rename or remove a tag everywhere')
    .usage('[options] [command]')
    // Words that name no subcommand reach the listing's action, which refuses them with a hint.
    .allowExcessArguments(true)
    .addOption(choiceOption('--sort <order>', 'count: most used first; name: A to Z', SORTS, 'count'))
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
      if (word !== undefined)
        throw new UsageError(`Unknown command "tags ${word}": use "tags rename <old> <new>", "tags rm <tag>", or "tags" alone to list`)
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

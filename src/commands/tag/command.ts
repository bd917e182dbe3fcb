import type { Command } from 'commander'
import type { Context } from '../../context.js'
import type { TagOptions } from './run.js'
import { UsageError } from '../../core/errors.js'
import { parseQuery } from '../../core/search/query.js'
import { parseTagWords } from '../../core/tags/changes.js'
import { allowDashWords } from '../../command-kit/command-errors.js'
import { lazyRun } from '../../command-kit/lazy-run.js'

// The work of the command, loaded when it runs (start-up loads only the command line).
const tagRun = lazyRun(async () => (await import('./run.js')).tagRun)

interface RawTagFlags {
  query?: string
  yes?: boolean
  dryRun?: boolean
}

export function parseTagOptions(words: readonly string[], raw: RawTagFlags): TagOptions {
  const { handles, changes } = parseTagWords(words)
  const query = raw.query === undefined ? null : parseQuery(raw.query)
  if (query !== null && handles.length > 0)
    throw new UsageError(`Give handles or --query, not both (got ${handles.map((h) => `"${h}"`).join(', ')})`)
  if (query === null && handles.length === 0)
    throw new UsageError('Which summaries? Give handles (precis tag gilmer2017neural +gnn) or --query')
  if (query !== null && changes.add.length + changes.remove.length === 0)
    throw new UsageError('With --query, give the tags to change: +tag adds, -tag removes')
  return { handles, query, changes, yes: raw.yes === true, dryRun: raw.dryRun === true }
}

export function registerTag(program: Command, ctx: Context, run = tagRun): void {
  allowDashWords(program.command('tag'))
    .description('Add (+tag) or remove (-tag) tags on summaries, or on papers not yet summarised')
    .argument('[handle-and-tags...]', 'summary ids, paper keys or prefixes, then +tag / -tag')
    .option('--query <query>', 'change every summary (and paper without one) matching the query (as in precis search)')
    .option('-y, --yes', 'do not ask before changing many summaries with --query')
    .option('--dry-run', 'print what would change, write nothing')
    .addHelpText(
      'after',
      `
Tags are lowercase, spaces become "-", and "/" makes a hierarchy (ml/gnn). A new tag that looks
like an existing one (gnns / gnn, meta_learning / meta-learning) is warned about. Without +/-
tags, in a terminal, you pick the tags of one summary from a list. Prints the ids that changed.
A paper without summaries (queued with add --to-read, say) carries tags of its own, which its
first summary takes over.
A tag that reads like one of precis' options (-h, -y, -q) goes after "--".

Examples:
  precis tag gilmer2017neural +gnn +chemistry -todo
  precis tag gilmer2017neural
  precis tag --query 'tag:ml year:<2015' +ml/classic -ml --dry-run
  precis tag --query 'author:hinton' +deep-learning --yes
  precis tag oh2020discovering -- -y
  precis tag vaswani2017attention +thesis        # a queued paper, not yet summarised
`,
    )
    .action(async (words: string[], raw: RawTagFlags) => run(parseTagOptions(words, raw), ctx))
}

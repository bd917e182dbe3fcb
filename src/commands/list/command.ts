import type { Command } from 'commander'
import type { Context } from '../../context.js'
import type { ListOptions } from './run.js'
import type { SortOrder } from '../../core/records/entries.js'
import { choiceOption, parsePositiveInt } from '../../command-kit/flags.js'
import { allowDashWords } from '../../command-kit/command-errors.js'
import { lazyRun } from '../../command-kit/lazy-run.js'

// The work of the command, loaded when it runs (start-up loads only the command line).
const listRun = lazyRun(async () => (await import('./run.js')).listRun)

const SORTS: readonly SortOrder[] = ['added', 'year', 'title']

export function parseListOptions(raw: { sort?: string; limit?: string }, words: string[] = []): ListOptions {
  return {
    sort: (raw.sort ?? 'added') as SortOrder,
    limit: raw.limit === undefined ? null : parsePositiveInt('--limit', raw.limit),
    query: words.join(' '),
  }
}

export function registerList(program: Command, ctx: Context, run = listRun): void {
  allowDashWords(program.command('list'))
    .alias('ls')
    .description('List summaries, one per line (id, year, title, tags)')
    .argument('[query...]', 'only entries matching this query (the search grammar: precis help query)')
    .addOption(choiceOption('--sort <order>', 'added and year: newest first; title: A to Z', SORTS, 'added'))
    .option('--limit <n>', 'show at most n rows')
    .addHelpText(
      'after',
      '\nExamples:\n  precis list\n  precis ls --sort year --limit 20\n  precis list tag:thesis -has:figure\n  precis list --json | jq -r .[].id\n',
    )
    .action(async (words: string[], raw: { sort?: string; limit?: string }) => run(parseListOptions(raw, words), ctx))
}

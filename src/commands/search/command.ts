import type { Command } from 'commander'
import type { Context } from '../../context.js'
import type { SearchCommandOptions } from './run.js'
import { parsePositiveInt } from '../../command-kit/flags.js'
import { allowDashWords } from '../../command-kit/command-errors.js'
import { lazyRun } from '../../command-kit/lazy-run.js'

// The work of the command, loaded when it runs (start-up loads only the command line).
const searchRun = lazyRun(async () => (await import('./run.js')).searchRun)

const DEFAULT_LIMIT = 20

export function parseSearchOptions(words: string[], raw: { limit?: string }): SearchCommandOptions {
  return { query: words.join(' '), limit: raw.limit === undefined ? DEFAULT_LIMIT : parsePositiveInt('--limit', raw.limit) }
}

export function registerSearch(program: Command, ctx: Context, run = searchRun): void {
  allowDashWords(program.command('search'))
    .description('Search summaries: ranked results with highlighted snippets')
    .argument('<query...>', 'words, "phrases", -exclusions, a OR b, title: author: venue: tag: year: has: id:')
    .option('--limit <n>', `show at most n results (default ${DEFAULT_LIMIT})`)
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  precis search message passing\n' +
        '  precis search \'"message passing" tag:gnn year:>=2017\'\n' +
        '  precis search transformer -attention --limit 5\n' +
        '  precis search author:kingma has:math --json | jq -r .[].id\n' +
        '\nSee `precis help query` for the whole grammar.\n',
    )
    .action(async (words: string[], raw: { limit?: string }) => run(parseSearchOptions(words, raw), ctx))
}

import type { Command } from 'commander'
import type { Context } from '../../context.js'
import type { IdentifyOptions } from './run.js'
import { UsageError } from '../../core/errors.js'
import { lazyRun } from '../../command-kit/lazy-run.js'

// The work of the command, loaded when it runs (start-up loads only the command line).
const identifyRun = lazyRun(async () => (await import('./run.js')).identifyRun)

/** Flags → options; a --pick that is not a whole number from 1, or --query without words, is a usage error. */
export function parseIdentifyOptions(handle: string, raw: { query?: string; pick?: string; yes?: boolean }): IdentifyOptions {
  const words = raw.query === undefined ? null : raw.query.split(/\s+/).filter((word) => word !== '')
  if (words !== null && words.length === 0) throw new UsageError('--query needs words to search for')
  let pick: number | null = null
  if (raw.pick !== undefined) {
    if (!/^\d{1,3}$/.test(raw.pick.trim()) || Number(raw.pick) < 1)
      throw new UsageError(`--pick takes a candidate's number (1, 2, ...), not "${raw.pick}"`)
    pick = Number(raw.pick)
  }
  return { handle, query: words, pick, yes: raw.yes === true }
}

export function registerIdentify(program: Command, ctx: Context, run = identifyRun): void {
  program
    .command('identify')
    .description('Find the paper a summary is about (arXiv and Crossref), fill in its metadata and key')
    .argument('<handle>', 'paper key, summary id or unique prefix')
    .option('--query <words>', 'search for these words instead of words taken from the summary')
    .option('--pick <n>', 'apply candidate n of the list without the picker')
    .option('-y, --yes', 'apply without asking')
    .addHelpText(
      'after',
      `
Searches arXiv and Crossref with words taken from the summary (names, acronyms, the words of its
opening sentences), or with --query, and ranks what they find by how close each paper's title and
abstract are to the summary. In a terminal you pick one from a list; otherwise the list is printed
(--json for data) and --pick n applies one (--yes to confirm). Applying fills in the metadata and
gives the paper the key it makes (rasmussen2004gaussian): summary ids, the trash and citations
([@old], \\cite{old}) follow. A paper already in the library takes the summaries instead.
A paper that records an arXiv id or DOI (a ShortScience CSV row gives one) is looked up by it
instead, unless --query is given. Answers are cached; a service that cannot be reached is left
out with a note.

Examples:
  precis list has:no-metadata
  precis identify untitled-9249f972
  precis identify untitled-9249f972 --query "message passing quantum chemistry"
  precis identify untitled-9249f972 --pick 1 --yes
`,
    )
    .action(async (handle: string, raw: { query?: string; pick?: string; yes?: boolean }) => run(parseIdentifyOptions(handle, raw), ctx))
}

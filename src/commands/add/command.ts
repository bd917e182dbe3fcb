import type { Command } from 'commander'
import type { Context } from '../../context.js'
import type { AddOptions } from './run.js'
import { UsageError } from '../../core/errors.js'
import { shown } from '../../core/records/field-rules.js'
import { MAX_IDENTIFIER_LENGTH, parseSource } from '../../core/papers/identifiers.js'
import { normalizeTags } from '../../core/tags/rules.js'
import type { PaperOverrides } from '../../core/papers/metadata-merge.js'
import { parseBodySource } from '../../command-kit/body-source.js'
import { parsePriority } from '../../core/queue/reading.js'
import { lazyRun } from '../../command-kit/lazy-run.js'
import { addPaperFlags, checkPaperFlags, checkSummaryFlags, parseYear, type RawPaperFlags } from '../../command-kit/paper-flags.js'

// The work of the command, loaded when it runs (start-up loads only the command line).
const addRun = lazyRun(async () => (await import('./run.js')).addRun)

interface RawAddFlags extends RawPaperFlags {
  edit?: boolean
  summary?: boolean
  toRead?: boolean
  priority?: string
  offline?: boolean
  yes?: boolean
}

export function parseAddOptions(sourceArg: string | undefined, raw: RawAddFlags): AddOptions {
  if (sourceArg !== undefined && sourceArg.length > MAX_IDENTIFIER_LENGTH) {
    // Named by its length: echoing it would fill the terminal.
    throw new UsageError(`The source is ${sourceArg.length} characters long; an arXiv id or DOI has at most ${MAX_IDENTIFIER_LENGTH}`)
  }
  // A name ending in .pdf is the paper itself (a DOI that ends so is given as doi:10.x/y.pdf).
  const pdf = sourceArg !== undefined && /\.pdf$/i.test(sourceArg) && !/^(https?:|doi:|arxiv:|10\.)/i.test(sourceArg) ? sourceArg : null
  const source = sourceArg === undefined || pdf !== null ? null : parseSource(sourceArg)
  if (sourceArg !== undefined && source === null && pdf === null) refusePaperFlags(sourceArg, raw)
  if (raw.priority !== undefined && raw.toRead !== true)
    throw new UsageError('--priority belongs to --to-read: it places the paper in the reading queue')
  const summary = raw.summary !== false && raw.toRead !== true
  if (!summary) {
    const alone = raw.toRead === true ? '--to-read' : '--no-summary'
    const given = [
      raw.tag && '--tag',
      raw.by !== undefined && '--by',
      raw.body !== undefined && '--body',
      raw.file !== undefined && '--file',
      raw.edit && '--edit',
    ].filter(Boolean)
    if (given.length > 0)
      throw new UsageError(`${alone} adds the paper alone: ${given.join(', ')} ${given.length === 1 ? 'belongs' : 'belong'} to a summary`)
  }
  const paper: PaperOverrides = checkPaperFlags({
    title: raw.title,
    authors: raw.author ?? [],
    year: raw.year === undefined ? undefined : parseYear(raw.year),
    venue: raw.venue,
    arxiv: raw.arxiv ?? (source?.kind === 'arxiv' ? source.id : undefined),
    doi: raw.doi ?? (source?.kind === 'doi' ? source.doi : undefined),
    url: raw.url,
  })
  checkSummaryFlags(raw)
  if (paper.title !== undefined && paper.title.trim() === '') throw new UsageError('--title must not be empty')
  return {
    source,
    // Neither arXiv id nor DOI: a paper of the library, looked up when it is read.
    paperHandle: sourceArg !== undefined && source === null && pdf === null ? sourceArg : null,
    pdf,
    summary,
    toRead: raw.toRead === true ? { priority: raw.priority === undefined ? null : parsePriority(raw.priority, '--priority') } : null,
    paper,
    tags: normalizeTags(raw.tag ?? []),
    by: raw.by ?? '',
    body: parseBodySource(raw),
    offline: raw.offline === true,
    yes: raw.yes === true,
  }
}

/** A summary added to a paper of the library leaves the paper as it is: paper flags there would be ignored. */
function refusePaperFlags(handle: string, raw: RawAddFlags): void {
  const names = {
    title: '--title',
    author: '--author',
    year: '--year',
    venue: '--venue',
    arxiv: '--arxiv',
    doi: '--doi',
    url: '--url',
  } as const
  const given = Object.entries(names)
    .filter(([field]) => raw[field as keyof typeof names] !== undefined)
    .map(([, flag]) => flag)
  if (given.length > 0) {
    throw new UsageError(`${shown(handle)} names a paper of the library, which add leaves as it is: ${given.join(', ')} would be ignored`, [
      `Change the paper with: precis edit ${handle} ${given[0]} …`,
    ])
  }
}

export function registerAdd(program: Command, ctx: Context, run = addRun): void {
  const command = program
    .command('add')
    .description('Add a summary of a paper; prints the new id')
    .argument('[source]', 'arXiv id or URL, DOI or doi.org URL, the key of a paper in the library, or a PDF file (name ending in .pdf)')
  addPaperFlags(command, false)
    .option('--edit', 'write the summary in $VISUAL / $EDITOR')
    .option('--no-summary', 'add the paper alone, to summarise later')
    .option('--to-read', 'add the paper alone and queue it to read (precis queue); a paper already there is queued')
    .option('--priority <n>', 'with --to-read: 1 (read first) to 5 (read last); none counts as 3')
    .option('--offline', 'never use the network (metadata from the cache only)')
    .option('-y, --yes', 'save fetched metadata without the preview')
    .addHelpText(
      'after',
      `
Examples:
  precis add arXiv:1704.01212 --edit
  precis add --title "Neural Message Passing for Quantum Chemistry" \\
      --author "Justin Gilmer" --year 2017 --tag gnn --file notes.md
  pbpaste | precis add 10.1007/978-3-540-28650-9_4 --file -
  precis add gilmer2017neural --file second-reading.md
  precis add arXiv:2003.10555 --no-summary
  precis add arXiv:1706.03762 --to-read --priority 1
  precis add ~/Downloads/1704.01212v2.pdf

A PDF: its first two pages are read for an arXiv id or DOI, whose metadata is fetched as for
add <id>; without one, a terminal searches arXiv and Crossref for its title and lets you pick
(or type the fields). The file is then attached (see precis attach). Not in a terminal and
without --body, --file or --edit, the paper is added alone (--no-summary).
`,
    )
    .action(async (source: string | undefined, raw: RawAddFlags) => run(parseAddOptions(source, raw), ctx))
}

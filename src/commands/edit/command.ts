import type { Command } from 'commander'
import type { Context } from '../../context.js'
import type { EditOptions } from './run.js'
import type { PaperEdit } from '../../core/records/edits.js'
import { UsageError } from '../../core/errors.js'
import { normalizeTags } from '../../core/tags/rules.js'
import { parseBodySource } from '../../command-kit/body-source.js'
import { collect } from '../../command-kit/flags.js'
import { lazyRun } from '../../command-kit/lazy-run.js'
import { addPaperFlags, checkPaperFlags, checkSummaryFlags, parseYear, type RawPaperFlags } from '../../command-kit/paper-flags.js'

// The work of the command, loaded when it runs (start-up loads only the command line).
const editRun = lazyRun(async () => (await import('./run.js')).editRun)

interface RawEditFlags extends RawPaperFlags {
  untag?: string[]
}

export function parseEditOptions(handle: string, raw: RawEditFlags): EditOptions {
  const paper: PaperEdit = {}
  if (raw.title !== undefined) {
    if (raw.title.trim() === '') throw new UsageError('--title must not be empty')
    paper.title = raw.title.trim()
  }
  if (raw.author !== undefined) paper.authors = raw.author
  if (raw.year !== undefined) paper.year = parseYear(raw.year)
  for (const field of ['venue', 'arxiv', 'doi', 'url'] as const) {
    const value = raw[field]
    if (value !== undefined) paper[field] = value === '' ? null : value
  }
  checkSummaryFlags(raw)
  return {
    handle,
    paper: checkPaperFlags(paper),
    summary: raw.by === undefined ? {} : { by: raw.by },
    addTags: normalizeTags(raw.tag ?? []),
    removeTags: normalizeTags(raw.untag ?? []),
    body: parseBodySource(raw),
  }
}

export function registerEdit(program: Command, ctx: Context, run = editRun): void {
  const command = program
    .command('edit')
    .description('Edit a summary and its paper, or a paper not yet summarised: in $VISUAL/$EDITOR, or with field flags')
    .argument('<handle>', 'summary id, paper key or unique prefix')
  addPaperFlags(command, true)
    .option('--untag <tag>', 'remove a tag (repeat for each)', collect)
    .addHelpText(
      'after',
      `
Without field flags the summary opens in your editor as YAML front matter + Markdown; it is checked
when you save, and text that does not validate is kept in a file whose path is printed. A --file
that starts with a "---" line (a kept or exported summary) is read the same way: its fields apply.

A paper with no summary yet (add --to-read, --no-summary, a PDF) is edited alone: its fields and
its own tags (--tag, --untag), or the same front matter in the editor. It has no summary for --by,
--body or text below the front matter; write one with precis add <key>.

Examples:
  precis edit gilmer2017neural
  precis edit gilmer2017neural --title "Neural Message Passing" --tag gnn
  precis edit oh2020discovering --file revised.md
  precis edit clark2020electra --year 2020 --venue ICLR --tag thesis   # a queued paper
`,
    )
    .action(async (handle: string, raw: RawEditFlags) => run(parseEditOptions(handle, raw), ctx))
}

import type { Command } from 'commander'
import type { Context } from '../../context.js'
import type { QueueChangeOptions, QueueListOptions } from './run.js'
import { UsageError } from '../../core/errors.js'
import { parsePriority, type QueueAction } from '../../core/queue/reading.js'
import { parsePositiveInt } from '../../command-kit/flags.js'
import { lazyRun } from '../../command-kit/lazy-run.js'

/** The actions of `precis queue`, replaceable in tests. */
export interface QueueRuns {
  list(opts: QueueListOptions, ctx: Context): Promise<void>
  change(opts: QueueChangeOptions, ctx: Context): Promise<void>
}

// The work of each subcommand, loaded when it runs (start-up loads only the command line).
const queueRuns: QueueRuns = {
  list: lazyRun(async () => (await import('./run.js')).queueListRun),
  change: lazyRun(async () => (await import('./run.js')).queueChangeRun),
}

export function parseQueueListOptions(raw: { limit?: string }): QueueListOptions {
  return { limit: raw.limit === undefined ? null : parsePositiveInt('--limit', raw.limit) }
}

/** `--priority` as a number, `none` to remove it, or undefined when not given. */
function priorityFlag(raw: string | undefined): number | null | undefined {
  if (raw === undefined) return undefined
  return raw.trim().toLowerCase() === 'none' ? null : parsePriority(raw, '--priority')
}

export function parseQueueChange(kind: QueueAction['kind'], handles: string[], raw: { priority?: string }): QueueChangeOptions {
  const priority = priorityFlag(raw.priority)
  if (kind === 'priority') {
    if (priority === undefined) throw new UsageError('queue set needs --priority <1-5|none>')
    return { handles, action: { kind, priority } }
  }
  return { handles, action: priority === undefined ? { kind } : { kind, priority } }
}

const PRIORITY_HELP = '1 (read first) to 5 (read last); a paper without one counts as 3'

/**
 * `precis queue` lists the papers to read; `add`, `start`, `done`, `drop` and `set` change a
 * paper's place. A command with both an action and subcommands, as `precis tags` is: a word that
 * names no subcommand reaches the listing, which refuses it with a hint.
 */
export function registerQueue(program: Command, ctx: Context, runs: QueueRuns = queueRuns): void {
  const queue = program
    .command('queue')
    .description('The reading queue: list what is to read, queue papers, mark them being read or read')
    .usage('[options] [command]')
    .allowExcessArguments(true)
    .option('--limit <n>', 'show at most n papers')
    .addHelpText(
      'after',
      `
A paper is to read, being read, or read. The queue lists those to read and being read, by priority
(${PRIORITY_HELP}), then oldest added first. Writing a summary with precis add marks a paper read;
a paper with a summary and no state counts as read. Find papers by state with state:to-read,
state:reading, state:read or state:none in any query (precis list state:to-read tag:thesis).
Piped, one tab-separated line per paper: key, state, priority, added, year, title.
With --json: [{key, state, priority, added, title, authors, year, venue, arxiv, doi, url, summaries}].

Examples:
  precis queue
  precis add arXiv:1706.03762 --to-read --priority 1
  precis queue add gilmer2017neural --priority 2
  precis queue start gilmer2017neural
  precis queue done gilmer2017neural
  precis queue set vaswani2017attention --priority none
  precis list state:to-read tag:thesis
`,
    )
    .action(async (raw: { limit?: string }, command: Command) => {
      const word = command.args[0]
      if (word !== undefined)
        throw new UsageError(`Unknown command "queue ${word}": use "queue add|start|done|drop|set <handle...>", or "queue" alone to list`)
      await runs.list(parseQueueListOptions(raw), ctx)
    })

  const change = (name: string, kind: QueueAction['kind'], description: string, examples: string[], withPriority: boolean) => {
    const sub = queue.command(name).description(description).argument('<handles...>', 'paper keys, summary ids or unique prefixes')
    if (withPriority) sub.option('--priority <n>', `${PRIORITY_HELP}; "none" removes it`)
    sub
      .addHelpText('after', `\nExamples:\n${examples.map((line) => `  ${line}\n`).join('')}`)
      .action(async (handles: string[], raw: { priority?: string }) => runs.change(parseQueueChange(kind, handles, raw), ctx))
  }
  change(
    'add',
    'add',
    'Queue papers to read (again, for a paper already read)',
    ['precis queue add gilmer2017neural', 'precis queue add vaswani2017 kipf2017 --priority 1'],
    true,
  )
  change('start', 'start', 'Mark papers as being read', ['precis queue start gilmer2017neural'], true)
  change('done', 'done', 'Mark papers as read (they leave the queue with their priority)', ['precis queue done gilmer2017neural'], false)
  change('drop', 'drop', 'Take papers out of the queue without marking them read (no state)', ['precis queue drop kipf2017'], false)
  change(
    'set',
    'priority',
    'Change the priority of queued papers',
    ['precis queue set gilmer2017neural --priority 1', 'precis queue set kipf2017 --priority none'],
    true,
  )
}

import type { Context } from '../../context.js'
import { NotFoundError, UsageError } from '../../core/errors.js'
import type { Paper } from '../../core/model.js'
import { applyTransition, queueOrder, queueTransition, readingState, type QueueAction } from '../../core/queue/reading.js'
import { resolveHandle } from '../../core/records/handles.js'
import { paperJsonFields } from '../../core/records/entries.js'
import type { PaperOutline } from '../../core/records/outline.js'
import { plural } from '../../core/text/plural-count.js'
import { readOutline } from '../../store/outline-reads.js'
import { formatQueuePlain, formatQueueTable } from '../../render/queue-rows.js'
import { inform, printJson } from '../../command-kit/shared.js'
import { oneLine } from '../../render/summary-rows.js'

export interface QueueListOptions {
  limit: number | null
}

export interface QueueChangeOptions {
  handles: string[]
  action: QueueAction
}

/** The stable JSON shape of a queued paper (README, The reading queue). */
function queueRecord(paper: PaperOutline, summaries: number): Record<string, unknown> {
  return {
    key: paper.key,
    state: readingState(paper, summaries > 0),
    priority: paper.priority ?? null,
    added: paper.added,
    ...paperJsonFields(paper),
    summaries,
  }
}

export async function queueListRun(opts: QueueListOptions, ctx: Context): Promise<void> {
  const outline = await readOutline(ctx.store)
  const ordered = queueOrder(outline.papers)
  const papers = opts.limit === null ? ordered : ordered.slice(0, opts.limit)
  if (ctx.globals.json) {
    const counts = new Map<string, number>()
    for (const summary of outline.summaries) counts.set(summary.paper, (counts.get(summary.paper) ?? 0) + 1)
    return printJson(
      ctx,
      papers.map((paper) => queueRecord(paper, counts.get(paper.key) ?? 0)),
    )
  }
  if (!ctx.io.stdoutIsTTY) return ctx.io.out(formatQueuePlain(papers))
  if (papers.length === 0)
    return inform(ctx, 'Nothing to read. Queue a paper with: precis queue add <handle>, or precis add <id> --to-read')
  await ctx.io.page(formatQueueTable(papers, ctx.io.columns ?? 80, ctx.io.style))
}

const DONE: Record<QueueAction['kind'], string> = {
  add: 'to read',
  start: 'being read',
  done: 'read',
  drop: 'out of the queue',
  priority: 'reprioritised',
}

export async function queueChangeRun(opts: QueueChangeOptions, ctx: Context): Promise<void> {
  // Resolved before the lock, so a mistyped handle fails before anything is written; by key inside it.
  const outline = await readOutline(ctx.store)
  const keys = [...new Set(opts.handles.map((handle) => resolveHandle(outline, handle).paper.key))]
  const changed = await ctx.store.update((lib) => {
    const result: Paper[] = []
    for (const key of keys) {
      const paper = lib.papers.find((p) => p.key === key)
      if (!paper) throw new NotFoundError(`The paper ${oneLine(key)} left the library meanwhile; nothing was changed`)
      const next = queueTransition(paper, opts.action)
      if (typeof next === 'string') throw new UsageError(`${oneLine(key)}: ${next}; nothing was changed`)
      if (applyTransition(paper, next)) result.push(paper)
    }
    return result
  })
  if (ctx.globals.json)
    printJson(
      ctx,
      changed.map((paper) => ({ key: paper.key, state: paper.state ?? null, priority: paper.priority ?? null })),
    )
  else ctx.io.out(changed.map((paper) => oneLine(paper.key) + '\n').join(''))
  const unchanged = keys.length - changed.length
  const what = changed.length === 0 ? 'Nothing changed' : `${plural(changed.length, 'paper')} ${DONE[opts.action.kind]}`
  inform(ctx, unchanged > 0 && changed.length > 0 ? `${what} (${unchanged} already so)` : unchanged > 0 ? `${what}: already so` : what)
}

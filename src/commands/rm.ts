import type { Context } from '../context.js'
import { CancelError, UsageError } from '../core/errors.js'
import { resolveSummaries } from '../core/handles.js'
import { moveToTrash } from '../core/trash.js'
import { plural } from '../core/plural-count.js'
import type { Library, Summary } from '../core/model.js'
import { oneLine } from '../render/summary-rows.js'
import { valueText } from '../render/value-text.js'
import { confirmOrRequireYes, inform } from './shared.js'

export interface RmOptions {
  handles: string[]
  yes: boolean
}

/** Summaries named in the question, each with its paper's title; the rest are counted. */
const NAMED_IN_QUESTION = 5
const TITLE_IN_QUESTION = 50

/** `Move a ("Title A") to the trash?`, or for several, the ids with their titles. */
export function rmQuestion(lib: Library, chosen: readonly Summary[]): string {
  const named = chosen.slice(0, NAMED_IN_QUESTION).map((s) => {
    const title = lib.papers.find((p) => p.key === s.paper)?.title
    return title === undefined ? oneLine(s.id) : `${oneLine(s.id)} ("${valueText(title, TITLE_IN_QUESTION)}")`
  })
  const more = chosen.length > NAMED_IN_QUESTION ? ` and ${chosen.length - NAMED_IN_QUESTION} more` : ''
  if (chosen.length === 1) return `Move ${named[0]} to the trash?`
  return `Move ${plural(chosen.length, 'summary', 'summaries')} to the trash: ${named.join(', ')}${more}?`
}

export async function rmRun(opts: RmOptions, ctx: Context): Promise<void> {
  const lib = await ctx.store.read()
  const chosen = resolveSummaries(lib, opts.handles)
  if (chosen.length === 0) throw new UsageError('Those papers have no summaries to remove')
  const names = chosen.map((s) => s.id)
  const question = rmQuestion(lib, chosen)
  if (!(await confirmOrRequireYes(ctx, opts.yes, question))) throw new CancelError('Nothing was removed')
  // Resolved again inside the lock: only what still exists is removed.
  const entries = await ctx.store.update((lib) => moveToTrash(lib, names, ctx.clock.now()))
  for (const entry of entries) ctx.io.out(entry.summary.id + '\n')
  const ids = entries.map((e) => oneLine(e.summary.id)).join(' ')
  inform(ctx, `Moved ${plural(entries.length, 'summary', 'summaries')} to the trash (undo with: precis restore ${ids})`)
}

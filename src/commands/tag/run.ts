import type { Context } from '../../context.js'
import { plural } from '../../core/text/plural-count.js'
import { CancelError, UsageError } from '../../core/errors.js'
import { resolveSummaries } from '../../core/records/handles.js'
import type { Library, Summary } from '../../core/model.js'
import type { Query } from '../../core/search/query.js'
import { libraryEntries } from '../../core/records/entries.js'
import { filterEntries } from '../../core/search/search.js'
import { applyTagChanges, planTagChanges, type TagChange, type TagChanges } from '../../core/tags/changes.js'
import { sanitizeTerminal } from '../../core/text/sanitize.js'
import { confirmOrRequireYes, canPrompt, inform, printJson } from '../../command-kit/shared.js'
import { libraryStepNote, withStepNote } from '../../command-kit/step-note.js'
import { chooseTags, guardNewTags } from '../../command-kit/tag-prompts.js'

export interface TagOptions {
  /** Summaries named by id, paper key or prefix; empty with `query`. */
  handles: string[]
  /** Bulk: every summary matching this query (search grammar); null with handles. */
  query: Query | null
  changes: TagChanges
  yes: boolean
  dryRun: boolean
}

/** The summaries named by the handles, or matching the query (papers without a summary have no tags). */
function targets(lib: Library, opts: TagOptions): Summary[] {
  if (opts.query === null) return resolveSummaries(lib, opts.handles)
  return filterEntries(libraryEntries(lib), opts.query).flatMap((entry) => entry.summary ?? [])
}

/** Without +/- tags: pick one summary's tags in a terminal. */
async function pickChanges(lib: Library, chosen: readonly Summary[], ctx: Context): Promise<TagChanges> {
  if (!canPrompt(ctx)) throw new UsageError('Give the tags to change: +tag adds, -tag removes (e.g. precis tag gilmer2017neural +gnn)')
  if (chosen.length !== 1)
    throw new UsageError(`Those handles name ${chosen.length} summaries; to pick tags from a list name one, or give +tag / -tag`)
  const current = chosen[0]!.tags
  const picked = await chooseTags(lib, current, ctx)
  return { add: picked.filter((t) => !current.includes(t)), remove: current.filter((t) => !picked.includes(t)) }
}

/** `+a -b` as typed, for messages and the plan. */
function formatChange(change: Pick<TagChange, 'added' | 'removed'>): string {
  return sanitizeTerminal([...change.added.map((t) => `+${t}`), ...change.removed.map((t) => `-${t}`)].join(' '))
}

export async function tagRun(opts: TagOptions, ctx: Context): Promise<void> {
  const lib = await withStepNote(ctx, libraryStepNote(ctx, 'Reading'), () => ctx.store.read())
  const chosen = targets(lib, opts)
  const given = opts.changes.add.length + opts.changes.remove.length > 0
  // Picked tags went through the guard as they were typed.
  const changes = given ? { ...opts.changes, add: await guardNewTags(opts.changes.add, lib, ctx) } : await pickChanges(lib, chosen, ctx)
  const plan = planTagChanges(chosen, changes)
  const wanted = formatChange({ added: changes.add, removed: changes.remove })
  if (plan.length === 0) {
    if (ctx.globals.json) printJson(ctx, [])
    return inform(
      ctx,
      chosen.length === 0
        ? 'No summary matches; nothing to change'
        : `Nothing to change: ${plural(chosen.length, 'summary', 'summaries')} already ${chosen.length === 1 ? 'has' : 'have'} those tags`,
    )
  }
  if (opts.dryRun) {
    if (ctx.globals.json) printJson(ctx, plan)
    else ctx.io.out(plan.map((c) => `${sanitizeTerminal(c.id)} ${formatChange(c)}\n`).join(''))
    return inform(ctx, `Would change ${plural(plan.length, 'summary', 'summaries')} (dry run: nothing written)`)
  }
  if (
    opts.query !== null &&
    !(await confirmOrRequireYes(ctx, opts.yes, `Change tags (${wanted}) on ${plural(plan.length, 'summary', 'summaries')}?`))
  ) {
    throw new CancelError('No tags were changed')
  }
  // Applied to the summaries planned, as they are inside the lock.
  const saving = libraryStepNote(ctx, `Changing tags on ${plural(plan.length, 'summary', 'summaries')}: saving`)
  const made = await withStepNote(ctx, saving, () =>
    ctx.store.update((fresh) =>
      applyTagChanges(
        fresh,
        plan.map((c) => c.id),
        changes,
        ctx.clock.now(),
      ),
    ),
  )
  if (ctx.globals.json) printJson(ctx, made)
  else ctx.io.out(made.map((c) => sanitizeTerminal(c.id) + '\n').join(''))
  inform(ctx, `Changed tags on ${plural(made.length, 'summary', 'summaries')} (${wanted})`)
}

import type { Context } from '../../context.js'
import { plural } from '../../core/text/plural-count.js'
import { CancelError, UsageError } from '../../core/errors.js'
import { resolveHandle } from '../../core/records/handles.js'
import type { Library } from '../../core/model.js'
import type { Query } from '../../core/search/query.js'
import { libraryEntries, type Entry } from '../../core/records/entries.js'
import { applyTagChanges, planTagChanges, tagTargets, type TagChange, type TagChanges, type TagTarget } from '../../core/tags/changes.js'
import { sanitizeTerminal } from '../../core/text/sanitize.js'
import { confirmOrRequireYes, canPrompt, inform, printJson } from '../../command-kit/shared.js'
import { libraryStepNote, withStepNote } from '../../command-kit/step-note.js'
import { chooseTags, guardNewTags } from '../../command-kit/tag-prompts.js'

export interface TagOptions {
  /** Summaries (or papers not yet summarised) named by id, paper key or prefix; empty with `query`. */
  handles: string[]
  /** Bulk: every summary matching this query (search grammar); null with handles. */
  query: Query | null
  changes: TagChanges
  yes: boolean
  dryRun: boolean
}

/**
 * What the handles name, or what matches the query: each summary, and each paper without one
 * (its own tags: a queued paper is tagged before it is summarised).
 */
async function targets(lib: Library, opts: TagOptions): Promise<TagTarget[]> {
  const entries =
    opts.query === null
      ? opts.handles.flatMap((handle): Entry[] => {
          const { paper, summaries } = resolveHandle(lib, handle)
          if (summaries.length > 0) return summaries.map((summary) => ({ id: summary.id, paper, summary }))
          // A handle whose paper is missing names summaries; one with neither names a paper of the library.
          return [{ id: paper.key, paper, summary: null }]
        })
      : // The scan (search.ts), loaded only by a query: tagging named handles never runs it.
        (await import('../../core/search/search.js')).filterEntries(libraryEntries(lib), opts.query)
  const seen = new Set<string>()
  return tagTargets(entries).filter((target) => !seen.has(`${target.kind} ${target.id}`) && seen.add(`${target.kind} ${target.id}`))
}

/** `n` (or as many as `list` holds) "summaries", "papers" or "entries" (when `kinds` has both), for messages. */
function counted(list: readonly unknown[] | number, kinds: readonly Pick<TagTarget, 'kind'>[]): string {
  const n = typeof list === 'number' ? list : list.length
  const papers = kinds.filter((t) => t.kind === 'paper').length
  if (papers === 0) return plural(n, 'summary', 'summaries')
  if (papers === kinds.length) return plural(n, 'paper')
  return plural(n, 'entry', 'entries')
}

/** Without +/- tags: pick one summary's (or paper's) tags in a terminal. */
async function pickChanges(lib: Library, chosen: readonly TagTarget[], ctx: Context): Promise<TagChanges> {
  if (!canPrompt(ctx)) throw new UsageError('Give the tags to change: +tag adds, -tag removes (e.g. precis tag gilmer2017neural +gnn)')
  if (chosen.length !== 1)
    throw new UsageError(`Those handles name ${counted(chosen, chosen)}; to pick tags from a list name one, or give +tag / -tag`)
  const current = chosen[0]!.tags
  const picked = await chooseTags(lib, [...current], ctx)
  return { add: picked.filter((t) => !current.includes(t)), remove: current.filter((t) => !picked.includes(t)) }
}

/** `+a -b` as typed, for messages and the plan. */
function formatChange(change: Pick<TagChange, 'added' | 'removed'>): string {
  return sanitizeTerminal([...change.added.map((t) => `+${t}`), ...change.removed.map((t) => `-${t}`)].join(' '))
}

export async function tagRun(opts: TagOptions, ctx: Context): Promise<void> {
  const lib = await withStepNote(ctx, libraryStepNote(ctx, 'Reading'), () => ctx.store.read())
  const chosen = await targets(lib, opts)
  const given = opts.changes.add.length + opts.changes.remove.length > 0
  // Picked tags went through the guard as they were typed.
  const changes = given ? { ...opts.changes, add: await guardNewTags(opts.changes.add, lib, ctx) } : await pickChanges(lib, chosen, ctx)
  const planned = chosen.filter((target) => planTagChanges([target], changes).length > 0)
  const plan = planTagChanges(planned, changes)
  const wanted = formatChange({ added: changes.add, removed: changes.remove })
  if (plan.length === 0) {
    if (ctx.globals.json) printJson(ctx, [])
    return inform(
      ctx,
      chosen.length === 0
        ? 'No summary or paper matches; nothing to change'
        : `Nothing to change: ${counted(chosen, chosen)} already ${chosen.length === 1 ? 'has' : 'have'} those tags`,
    )
  }
  if (opts.dryRun) {
    if (ctx.globals.json) printJson(ctx, plan)
    else ctx.io.out(plan.map((c) => `${sanitizeTerminal(c.id)} ${formatChange(c)}\n`).join(''))
    return inform(ctx, `Would change ${counted(plan, planned)} (dry run: nothing written)`)
  }
  if (opts.query !== null && !(await confirmOrRequireYes(ctx, opts.yes, `Change tags (${wanted}) on ${counted(plan, planned)}?`))) {
    throw new CancelError('No tags were changed')
  }
  // Applied to the summaries and papers planned, as they are inside the lock.
  const saving = libraryStepNote(ctx, `Changing tags on ${counted(plan, planned)}: saving`)
  const made = await withStepNote(ctx, saving, () =>
    ctx.store.update((fresh) => applyTagChanges(fresh, planned, changes, ctx.clock.now()), { reuse: lib }),
  )
  if (ctx.globals.json) printJson(ctx, made)
  else ctx.io.out(made.map((c) => sanitizeTerminal(c.id) + '\n').join(''))
  inform(ctx, `Changed tags on ${counted(made.length, planned)} (${wanted})`)
}

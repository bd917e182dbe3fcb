import type { Context } from '../../context.js'
import { applyPaperChanges } from '../../core/records/edits.js'
import { CancelError, UsageError } from '../../core/errors.js'
import { resolveHandle } from '../../core/records/handles.js'
import { normalizeDoi } from '../../core/papers/identifiers.js'
import { lacksMetadata } from '../../core/papers/placeholders.js'
import { oneLine } from '../../render/summary-rows.js'
import { refreshChanges } from '../../core/papers/metadata-merge.js'
import { formatChanges } from '../../render/metadata-preview.js'
import { describeSource, resolveSource, sourceOfPaper } from '../../sources/resolve.js'
import { confirmOrRequireYes, inform, printJson } from '../../command-kit/shared.js'

export interface RefreshOptions {
  handle: string
  /** Apply without asking. */
  yes: boolean
  /** Use only the metadata cache. */
  offline: boolean
}

export async function refreshRun(opts: RefreshOptions, ctx: Context): Promise<void> {
  const { paper } = resolveHandle(await ctx.store.read(), opts.handle)
  const source = sourceOfPaper(paper)
  if (!source) {
    // A stored value that is not an identifier (hand-edited, imported) is never sent anywhere.
    const invalid = paper.doi !== null ? 'DOI' : paper.arxiv !== null ? 'arXiv id' : null
    const why = invalid ? ` (its ${invalid} is not one precis can look up)` : ''
    // A paper known by nothing but its summary is found by what the summary says.
    const hint = lacksMetadata(paper) ? `Find its paper with: precis identify ${paper.key}` : `Give it one with: precis edit ${paper.key}`
    throw new UsageError(`${paper.key} has no arXiv id or DOI to refresh from${why}`, [hint])
  }
  const metadata = await resolveSource(source, {
    env: ctx.env,
    offline: opts.offline,
    now: () => ctx.clock.now(),
    sleep: (ms) => ctx.clock.sleep(ms),
    notice: (message) => inform(ctx, message),
  })
  const changes = refreshChanges(paper, metadata)
  if (ctx.globals.json) printJson(ctx, { key: paper.key, source: describeSource(source), changes })
  if (changes.length === 0) {
    inform(ctx, `${paper.key} already matches ${describeSource(source)}`)
    return
  }
  if (!ctx.globals.json) ctx.io.out(formatChanges(changes))
  const question = `Apply ${changes.length === 1 ? 'this change' : `these ${changes.length} changes`} to ${paper.key}?`
  if (!(await confirmOrRequireYes(ctx, opts.yes, question))) throw new CancelError('Nothing was changed')
  const twin = await ctx.store.update((lib) => {
    // Each change began at the value read before fetching: one changed meanwhile is not overwritten.
    const current = applyPaperChanges(lib, paper.key, changes, 'refreshing')
    const doi = current.doi === null ? null : normalizeDoi(current.doi)
    return lib.papers.find((p) => p.key !== current.key && doi !== null && p.doi !== null && normalizeDoi(p.doi) === doi)
  })
  inform(ctx, `Updated ${paper.key}: ${changes.map((c) => c.field).join(', ')}`)
  if (twin) inform(ctx, `Note: ${oneLine(twin.key)} has the same DOI; it may be the same paper`)
}

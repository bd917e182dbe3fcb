import type { Context } from '../../context.js'
import { resolveHandle } from '../../core/records/handles.js'
import { describeReasons, relatedPapers } from '../../core/related/related.js'
import { formatRelated, formatRelatedPlain } from './view.js'
import { readingWidth } from '../../render/reading-width.js'
import { inform, printJson } from '../../command-kit/shared.js'
import { readNamed, readOutline, resolveNamed } from '../../store/outline-reads.js'
import { relatedFromIndex } from '../../store/related-reads.js'
import { withoutOptimisingCompiler } from '../../platform/tiering.js'

export interface RelatedOptions {
  handle: string
  limit: number
}

/**
 * The most summaries `related` runs without the optimising compiler in (platform/tiering.ts). CPU
 * per run at 10,000 summaries 165 → 125 ms, at 1,000 106 → 93; at 100,000, where the same loops run
 * ten times longer, it cost 15 % more: the saving is about fixed and the loss grows with the library,
 * so that they meet near 50,000.
 */
const UNOPTIMISED_UP_TO = 20_000

export async function relatedRun(opts: RelatedOptions, ctx: Context): Promise<void> {
  // Its search postings are read next: a library indexed anew builds them in the same reading.
  const outline = await readOutline(ctx.store, { forSearch: true })
  // Each loop over every paper runs once: in a library this small V8's optimising compiler costs more than it gives.
  if ((outline.recordCounts?.().summaries ?? outline.summaries.length) <= UNOPTIMISED_UP_TO) withoutOptimisingCompiler()
  // Through the index's name table when it has one (the few records the handle names, no key or id column decoded).
  const named = await readNamed(ctx.store, outline)
  const { paper } = (named && resolveNamed(named, outline, opts.handle)) ?? resolveHandle(outline, opts.handle)
  const related =
    (await relatedFromIndex(ctx.store, outline, paper.key, opts.limit, named)) ??
    relatedPapers(await ctx.store.read(), paper.key, opts.limit)
  if (ctx.globals.json) {
    return printJson(
      ctx,
      related.map((r) => ({
        id: r.summaries[0]?.id ?? r.paper.key,
        key: r.paper.key,
        title: r.paper.title,
        year: r.paper.year,
        score: Math.round(r.score * 1000) / 1000,
        reasons: r.reasons,
        reason: describeReasons(r.reasons, paper.key),
      })),
    )
  }
  if (related.length === 0)
    return inform(ctx, `Nothing is related to ${paper.key} yet: shared tags, citations or words make papers related.`)
  if (!ctx.io.stdoutIsTTY) return ctx.io.out(formatRelatedPlain(related, paper.key))
  await ctx.io.page(formatRelated(related, paper.key, readingWidth(ctx.io.columns), ctx.io.style))
}

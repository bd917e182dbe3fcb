import type { Context } from '../context.js'
import { missingPaper, resolveHandle, type Resolved } from '../core/records/handles.js'
import { readOutline, readRecords } from '../store/outline-reads.js'

/**
 * The paper and summaries `handle` names, whole: resolved on the library's outline (from its index
 * while current), then only those records read, as `show` reads them; the library read whole when
 * it changed in between. A read of one paper at 100,000 summaries held the whole library (1.2 GB).
 */
export async function resolveWhole(ctx: Context, handle: string): Promise<Resolved> {
  const outline = await readOutline(ctx.store)
  const named = resolveHandle(outline, handle)
  const ids = named.summaries.map((s) => s.id)
  const known = outline.papers.some((p) => p.key === named.paper.key)
  const records = await readRecords(ctx.store, outline, known ? [named.paper.key] : [], ids)
  const summaries = ids.flatMap((id) => records.summaries.get(id) ?? [])
  // A summary whose paper is not in the library comes with a stand-in paper, as resolveHandle gives it.
  const paper = known ? records.papers.get(named.paper.key) : summaries[0] && missingPaper(summaries[0])
  if (paper && summaries.length === ids.length) return { paper, summaries }
  return resolveHandle(await ctx.store.read(), handle)
}

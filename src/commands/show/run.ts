import type { Context } from '../../context.js'
import { resolveHandle, type Resolved } from '../../core/records/handles.js'
import { entryRecord, type Entry } from '../../core/records/entries.js'
import type { Library } from '../../core/model.js'
import { readingWidth } from '../../render/reading-width.js'
import { printJson } from '../../command-kit/shared.js'

export interface ShowOptions {
  handles: string[]
  raw: boolean
  width: number | null
}

/** Resolve the handles into papers with the asked-for summaries, merging handles that reach the same paper. */
function resolveGroups(lib: Library, handles: readonly string[]): Resolved[] {
  const groups = new Map<string, Resolved>()
  for (const handle of handles) {
    const { paper, summaries } = resolveHandle(lib, handle)
    const group = groups.get(paper.key) ?? { paper, summaries: [] }
    for (const s of summaries) if (!group.summaries.includes(s)) group.summaries.push(s)
    groups.set(paper.key, group)
  }
  return [...groups.values()]
}

export async function showRun(opts: ShowOptions, ctx: Context): Promise<void> {
  const library = await ctx.store.read()
  const groups = resolveGroups(library, opts.handles)
  if (ctx.globals.json) {
    const entries = groups.flatMap(({ paper, summaries }): Entry[] =>
      summaries.length > 0 ? summaries.map((summary) => ({ id: summary.id, paper, summary })) : [{ id: paper.key, paper, summary: null }],
    )
    return printJson(ctx, entries.map((e) => entryRecord(e, { body: true })))
  }
  if (opts.raw) {
    const bodies = groups.flatMap((g) => g.summaries.map((s) => s.body))
    return ctx.io.out(bodies.map((b, i) => (i < bodies.length - 1 && !b.endsWith('\n') ? b + '\n' : b)).join(''))
  }
  const width = opts.width ?? readingWidth(ctx.io.columns)
  const { renderPaper } = await import('../../render/show.js') // marked-terminal and temml: loaded only to render
  const { ShowCitations } = await import('../../render/citations.js')
  const options = { width, color: ctx.io.color, hyperlinks: ctx.io.hyperlinks }
  const citations = new ShowCitations(library, groups.map((g) => g.paper.key), options)
  const pages = groups.map((g) => renderPaper(g.paper, g.summaries.map((s) => citations.display(s)), options) + citations.citedBy(g.paper))
  await ctx.io.page(pages.join('\n'))
}

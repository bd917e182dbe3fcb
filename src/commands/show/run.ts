import type { Context } from '../../context.js'
import { missingPaper, resolveHandle, type Resolved } from '../../core/records/handles.js'
import { entryRecord, type Entry } from '../../core/records/entries.js'
import { libraryOutline, type LibraryOutline, type PaperOutline, type SummaryOutline } from '../../core/records/outline.js'
import {
  pick,
  readNamed,
  readOutline,
  readRecords,
  resolveNamed,
  type NamedRecords,
  type PickedRecords,
} from '../../store/outline-reads.js'
import { cacheDir } from '../../store/paths.js'
import { pageInput, pagesCachedIn } from '../../store/page-cache.js'
import { readingWidth } from '../../render/reading-width.js'
import { chooseImages, chooseWidth } from '../../core/config/precedence.js'
import { printJson } from '../../command-kit/shared.js'
import { figureDrawer } from '../../command-kit/figure-drawer.js'
import type { ImageSetting } from '../../core/images/protocol.js'

export interface ShowOptions {
  handles: string[]
  raw: boolean
  width: number | null
  /** How figures are drawn (`--images`; null: the config file's `images`, else auto). */
  images: ImageSetting | null
}

/** Papers with the asked-for summaries, one per handle, merged where handles reach the same paper. */
function mergeGroups<P extends PaperOutline, S extends SummaryOutline>(resolved: readonly Resolved<P, S>[]): Resolved<P, S>[] {
  const groups = new Map<string, Resolved<P, S>>()
  for (const { paper, summaries } of resolved) {
    const group = groups.get(paper.key) ?? { paper, summaries: [] }
    for (const s of summaries) if (!group.summaries.includes(s)) group.summaries.push(s)
    groups.set(paper.key, group)
  }
  return [...groups.values()]
}

/**
 * The groups the handles name, whole, resolved among the few records the index finds for each
 * handle (no key or id decoded); null when it cannot find them for one of them.
 */
function namedGroups(named: NamedRecords, outline: LibraryOutline, handles: readonly string[]): Resolved[] | null {
  const resolved: Resolved[] = []
  for (const handle of handles) {
    const one = resolveNamed(named, outline, handle)
    if (!one) return null
    resolved.push(one)
  }
  return mergeGroups(resolved)
}

const paperKeys = (groups: readonly Resolved<PaperOutline, SummaryOutline>[]) => groups.map((g) => g.paper.key)
const summaryIds = (groups: readonly Resolved<PaperOutline, SummaryOutline>[]) => groups.flatMap((g) => g.summaries.map((s) => s.id))

/** The groups with their whole records; null when `records` lacks one (the library changed after the outline was read). */
function wholeGroups(
  outline: LibraryOutline,
  groups: readonly Resolved<PaperOutline, SummaryOutline>[],
  records: PickedRecords,
): Resolved[] | null {
  const known = new Set(outline.papers.map((p) => p.key))
  const whole: Resolved[] = []
  for (const group of groups) {
    const summaries = group.summaries.flatMap((s) => records.summaries.get(s.id) ?? [])
    // A summary whose paper is not in the library shows with a stand-in paper, as resolveHandle gives it.
    const paper = known.has(group.paper.key) ? records.papers.get(group.paper.key) : summaries[0] && missingPaper(summaries[0])
    if (!paper || summaries.length < group.summaries.length) return null
    whole.push({ paper, summaries })
  }
  return whole
}

/**
 * The papers and summaries the handles name, whole, and the outline of the library they are from
 * (with the index's name lookups, when it has one): found through the index's name table, or else
 * resolved on the outline, then only those records read.
 */
async function readGroups(
  ctx: Context,
  handles: readonly string[],
): Promise<{ outline: LibraryOutline; named: NamedRecords | null; groups: Resolved[] }> {
  const outline = await readOutline(ctx.store)
  const named = await readNamed(ctx.store, outline)
  const found = named && namedGroups(named, outline, handles)
  if (found) return { outline, named, groups: found }
  const chosen = mergeGroups(handles.map((handle) => resolveHandle(outline, handle)))
  const groups = wholeGroups(outline, chosen, await readRecords(ctx.store, outline, paperKeys(chosen), summaryIds(chosen)))
  if (groups) return { outline, named, groups }
  const library = await ctx.store.read() // changed meanwhile: taken as it is now, whole
  const current = libraryOutline(library)
  const again = mergeGroups(handles.map((handle) => resolveHandle(current, handle)))
  return { outline: current, named: null, groups: wholeGroups(current, again, pick(library, paperKeys(again), summaryIds(again)))! }
}

export async function showRun(opts: ShowOptions, ctx: Context): Promise<void> {
  const { outline, named, groups } = await readGroups(ctx, opts.handles)
  if (ctx.globals.json) {
    const entries = groups.flatMap(({ paper, summaries }): Entry[] =>
      summaries.length > 0 ? summaries.map((summary) => ({ id: summary.id, paper, summary })) : [{ id: paper.key, paper, summary: null }],
    )
    return printJson(
      ctx,
      entries.map((e) => ({ ...entryRecord(e, { body: true }), attachments: e.paper.attachments ?? [] })),
    )
  }
  if (opts.raw) {
    const bodies = groups.flatMap((g) => g.summaries.map((s) => s.body))
    return ctx.io.out(bodies.map((b, i) => (i < bodies.length - 1 && !b.endsWith('\n') ? b + '\n' : b)).join(''))
  }
  const width = chooseWidth(opts.width, ctx.config.values()).value ?? readingWidth(ctx.io.columns)
  const drawer = await figureDrawer(ctx, chooseImages(opts.images, ctx.config.values()).value)
  const { ShowCitations } = await import('../../render/citations.js')
  const flags = { width, color: ctx.io.color, hyperlinks: ctx.io.hyperlinks }
  const citations = new ShowCitations(
    outline,
    groups.map((g) => g.paper.key),
    flags,
    named,
  )
  // A page drawing figures depends on the figure files too: rendered each time, never kept.
  const cache = drawer ? null : pagesCachedIn(cacheDir(ctx.env))
  const shown = groups.map((g) => {
    const summaries = g.summaries.map((s) => citations.display(s))
    const input = cache ? pageInput(g.paper, summaries, flags) : null
    const page = input === null ? undefined : cache?.get(input)
    return { paper: g.paper, summaries, input, parts: page === undefined ? undefined : [page] }
  })
  if (shown.some((s) => s.parts === undefined)) {
    // Loaded only to render, together (one wait rather than two): marked and marked-terminal with the
    // renderer, and the math conversions, whose cache holds the formulas earlier runs converted (temml is
    // loaded only for a new one).
    const [{ renderPaperParts }, { conversionsCachedIn }] = await Promise.all([
      import('../../render/show.js'),
      import('../../render/math-conversions.js'),
    ])
    // The converter loaded at once: the renderer loaded it (render/math-text.ts) anyway.
    const math = await conversionsCachedIn(cacheDir(ctx.env)).loadConverter()
    const options = { ...flags, convertMath: math.convert }
    for (const s of shown) {
      if (s.parts !== undefined) continue
      s.parts = renderPaperParts(s.paper, s.summaries, options, drawer?.draw)
      if (s.input !== null) cache?.put(s.input, s.parts.join(''))
    }
    math.save()
  }
  // The pages one after the other, in their parts (renderPaperParts): never joined into one string.
  const parts = shown.flatMap((s, i) => [...(i > 0 ? ['\n'] : []), ...s.parts!, citations.citedBy(s.paper)])
  // A pager (less) cannot draw images: with figures drawn, the text goes to the terminal directly.
  if (drawer && drawer.drawn() > 0) parts.forEach((part) => ctx.io.out(part))
  else await ctx.io.page(parts)
}

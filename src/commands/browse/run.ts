import type { Context } from '../../context.js'
import { UsageError } from '../../core/errors.js'
import type { Entry } from '../../core/records/entries.js'
import { parseTypedQuery } from '../../core/search/query.js'
import type { SearchHit } from '../../core/search/search.js'
import { BrowseLists } from '../../store/browse-lists.js'
import { cacheDir } from '../../store/paths.js'
import type { MathConversions } from '../../render/math-conversions.js'
import { BROWSE_SEARCH, browseLines } from './choices.js'
import { mayHoldMath, snippetRendering, type SnippetRendering } from '../../render/snippet-rendered.js'
import { readingWidth } from '../../render/reading-width.js'
import { canPrompt } from '../../command-kit/shared.js'
import { figureDrawer } from '../../command-kit/figure-drawer.js'
import { chooseImages } from '../../core/config/precedence.js'
import type { ImageSetting } from '../../core/images/protocol.js'

export interface BrowseOptions {
  /** Text already typed when the browser opens. */
  query: string
  /** How the chosen summary's figures are drawn (`--images`; null: the config file's `images`, else auto). */
  images: ImageSetting | null
}

const PAGE_SIZE = 12
/** Lists kept whose entries Enter may open: the prompt shows the last one answered (at once or settled), which a later keystroke may have passed. */
const LISTS_KEPT = 8

export async function browseRun(opts: BrowseOptions, ctx: Context): Promise<void> {
  if (!canPrompt(ctx)) throw new UsageError('browse needs a terminal; to search from a script use: precis search <query>')
  // The outline and postings from the index (built when stale), kept for every keystroke, in a worker thread where
  // there can be one (a search at 100,000 summaries takes longer than a frame); records are read only for the hits shown.
  const search = await BrowseLists.open(ctx.store, { screenful: PAGE_SIZE })
  try {
    await browseLists(opts, ctx, search)
  } finally {
    await search.close()
  }
}

async function browseLists(opts: BrowseOptions, ctx: Context, search: BrowseLists): Promise<void> {
  // Snippets read as `show` reads, their math from the cache of formulas earlier runs converted: the
  // cache and the TeX renderer load with the first snippet that may hold math, once (temml with the first formula not in the cache).
  let rendering: SnippetRendering | null = null
  let conversions: MathConversions | null = null
  const renderingFor = async (hits: readonly SearchHit[]) => {
    const math = hits.some((hit) => hit.snippets.some((snippet) => mayHoldMath(snippet.text)))
    // The converter loaded at once: the snippets' rendering is kept across keystrokes, each formula converted once.
    if (math && !conversions)
      conversions = await (await import('../../render/math-conversions.js')).conversionsCachedIn(cacheDir(ctx.env)).loadConverter()
    if (!rendering || (math && !rendering.math)) rendering = await snippetRendering(search.outline, math, conversions?.convert)
    return rendering
  }
  const listed: Map<string, Entry>[] = []
  const width = ctx.io.columns ?? 80
  // Asked once, before the prompt takes the terminal's input.
  const drawer = await figureDrawer(ctx, chooseImages(opts.images, ctx.config.values()).value)
  const lines = (hits: readonly SearchHit[], shown: SnippetRendering | undefined) => {
    listed.unshift(new Map(hits.map((hit) => [hit.id, hit])))
    listed.length = Math.min(listed.length, LISTS_KEPT)
    return browseLines(hits, width, (s) => ctx.io.errStyle.bold.yellow(s), shown)
  }
  let term = opts.query
  let chosen: string | undefined
  for (;;) {
    const id = await ctx.prompter.search({
      name: 'browse',
      message: 'Search',
      initial: term,
      default: chosen,
      pageSize: PAGE_SIZE,
      // At each keystroke the list at once, from the hits held (drawn in the keystroke's frame), then the settled one.
      first: (typed) => {
        term = typed
        const hits = search.first(parseTypedQuery(typed), BROWSE_SEARCH)
        // Snippets rendered as the last list's were: math a formula not converted yet holds is shown as stored until the list settles.
        return hits && lines(hits, rendering ?? undefined)
      },
      source: async (typed) => {
        term = typed
        const settled = await search.search(parseTypedQuery(typed), BROWSE_SEARCH)
        if (!settled) return [] // a later text replaced it: the prompt has dropped it already
        return lines(settled.hits, await renderingFor(settled.hits))
      },
    })
    const entry = id === null ? undefined : listed.find((list) => list.has(id))?.get(id)
    if (!entry) return conversions?.save() // Esc: leave
    chosen = entry.id
    const { renderPaper } = await import('../../render/show.js') // marked-terminal and temml: loaded only to render
    conversions ??= await (await import('../../render/math-conversions.js')).conversionsCachedIn(cacheDir(ctx.env)).loadConverter()
    const options = { width: readingWidth(width), color: ctx.io.color, hyperlinks: ctx.io.hyperlinks, convertMath: conversions.convert }
    const drawnBefore = drawer?.drawn() ?? 0
    const text = renderPaper(entry.paper, entry.summary ? [entry.summary] : [], options, drawer?.draw)
    conversions.save()
    // As in show: a pager (less) cannot draw images, so a summary with figures drawn goes to the terminal directly.
    if (drawer && drawer.drawn() > drawnBefore) ctx.io.out(text)
    else await ctx.io.page(text)
  }
}

import type { Context } from '../../context.js'
import { UsageError } from '../../core/errors.js'
import { libraryEntries, type Entry } from '../../core/records/entries.js'
import { InMemorySearch } from '../../core/search/postings-search.js'
import { buildPostings, PostingsUnavailable } from '../../core/search/postings.js'
import type { PostingsView } from '../../core/search/postings-view.js'
import { readOutline, readPostings } from '../../store/outline-reads.js'
import { cacheDir } from '../../store/paths.js'
import { browseChoices } from './choices.js'
import { mayHoldMath, snippetRendering } from '../../render/snippet-rendered.js'
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

/** Whether the postings' word lists and words in order can be read (loaded now: browse keeps them for every keystroke). */
function loadedWhole(postings: PostingsView): boolean {
  try {
    return postings.base.wordDocs.length >= 0 && postings.base.tokens.length >= 0
  } catch (error) {
    if (error instanceof PostingsUnavailable) return false
    throw error
  }
}

export async function browseRun(opts: BrowseOptions, ctx: Context): Promise<void> {
  if (!canPrompt(ctx)) throw new UsageError('browse needs a terminal; to search from a script use: precis search <query>')
  // The postings from the index when they are of the library read (else built from it), kept for every keystroke.
  const outline = await readOutline(ctx.store, { forSearch: true })
  const stored = await readPostings(ctx.store, outline)
  const library = await ctx.store.read()
  const entries = libraryEntries(library)
  const indexed = libraryEntries(outline)
  const same = stored?.count === entries.length && indexed.every((entry, i) => entry.id === entries[i]!.id) && loadedWhole(stored)
  const search = new InMemorySearch(same ? stored : buildPostings(entries), entries)
  search.prepare() // before the first keystroke, not during it
  const byId = new Map<string, Entry>(entries.map((e) => [e.id, e]))
  // Snippets read as `show` reads, their math from the cache of formulas earlier runs converted (temml loads with the first other one).
  const withMath = entries.some((entry) => mayHoldMath(entry.summary?.body ?? ''))
  const math = withMath ? (await import('../../render/math-conversions.js')).conversionsCachedIn(cacheDir(ctx.env)) : null
  const rendering = await snippetRendering(library, withMath, math?.convert)
  const width = ctx.io.columns ?? 80
  // Asked once, before the prompt takes the terminal's input.
  const drawer = await figureDrawer(ctx, chooseImages(opts.images, ctx.config.values()).value)
  let term = opts.query
  let chosen: string | undefined
  for (;;) {
    const id = await ctx.prompter.search({
      name: 'browse',
      message: 'Search',
      initial: term,
      default: chosen,
      pageSize: PAGE_SIZE,
      source: (typed) => {
        term = typed
        return browseChoices(search, typed, width, (s) => ctx.io.errStyle.bold.yellow(s), rendering)
      },
    })
    const entry = id === null ? undefined : byId.get(id)
    if (!entry) return math?.save() // Esc: leave
    chosen = entry.id
    const { renderPaper } = await import('../../render/show.js') // marked-terminal and temml: loaded only to render
    const options = { width: readingWidth(width), color: ctx.io.color, hyperlinks: ctx.io.hyperlinks, convertMath: math?.convert }
    const drawnBefore = drawer?.drawn() ?? 0
    const text = renderPaper(entry.paper, entry.summary ? [entry.summary] : [], options, drawer?.draw)
    math?.save()
    // As in show: a pager (less) cannot draw images, so a summary with figures drawn goes to the terminal directly.
    if (drawer && drawer.drawn() > drawnBefore) ctx.io.out(text)
    else await ctx.io.page(text)
  }
}

import type { Context } from '../../context.js'
import { UsageError } from '../../core/errors.js'
import { libraryEntries, type Entry } from '../../core/records/entries.js'
import { LibrarySearch } from '../../core/search/search.js'
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

export async function browseRun(opts: BrowseOptions, ctx: Context): Promise<void> {
  if (!canPrompt(ctx)) throw new UsageError('browse needs a terminal; to search from a script use: precis search <query>')
  const library = await ctx.store.read()
  const entries = libraryEntries(library)
  const byId = new Map<string, Entry>(entries.map((e) => [e.id, e]))
  const search = new LibrarySearch(entries)
  search.prepare() // before the first keystroke, not during it
  // Snippets read as `show` reads: the TeX renderer loads now, once, when some body has math.
  const rendering = await snippetRendering(
    library,
    entries.some((entry) => mayHoldMath(entry.summary?.body ?? '')),
  )
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
    if (!entry) return // Esc: leave
    chosen = entry.id
    const { renderPaper } = await import('../../render/show.js') // marked-terminal and temml: loaded only to render
    const options = { width: readingWidth(width), color: ctx.io.color, hyperlinks: ctx.io.hyperlinks }
    const drawnBefore = drawer?.drawn() ?? 0
    const text = renderPaper(entry.paper, entry.summary ? [entry.summary] : [], options, drawer?.draw)
    // As in show: a pager (less) cannot draw images, so a summary with figures drawn goes to the terminal directly.
    if (drawer && drawer.drawn() > drawnBefore) ctx.io.out(text)
    else await ctx.io.page(text)
  }
}

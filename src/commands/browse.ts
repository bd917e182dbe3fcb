import type { Command } from 'commander'
import type { Context } from '../context.js'
import { UsageError } from '../core/errors.js'
import { libraryEntries, type Entry } from '../core/records.js'
import { LibrarySearch } from '../core/search.js'
import { browseChoices } from '../render/browse-choices.js'
import { canPrompt } from './shared.js'
import { MAX_READING_WIDTH } from './show.js'

export interface BrowseOptions {
  /** Text already typed when the browser opens. */
  query: string
}

const PAGE_SIZE = 12

export function registerBrowse(program: Command, ctx: Context, run = browseRun): void {
  program
    .command('browse')
    .description('Search as you type, pick with the arrows, Enter to read; Esc leaves')
    .argument('[query...]', 'text to start with')
    .allowUnknownOption(true)
    .addHelpText('after', '\nExamples:\n  precis browse\n  precis browse tag:gnn\n')
    .action(async (words: string[]) => run({ query: words.join(' ') }, ctx))
}

export async function browseRun(opts: BrowseOptions, ctx: Context): Promise<void> {
  if (!canPrompt(ctx)) throw new UsageError('browse needs a terminal; to search from a script use: precis search <query>')
  const entries = libraryEntries(await ctx.store.read())
  const byId = new Map<string, Entry>(entries.map((e) => [e.id, e]))
  const search = new LibrarySearch(entries)
  const width = ctx.io.columns ?? 80
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
        return browseChoices(search, typed, width, (s) => ctx.io.errStyle.bold.yellow(s))
      },
    })
    const entry = id === null ? undefined : byId.get(id)
    if (!entry) return // Esc: leave
    chosen = entry.id
    const { renderPaper } = await import('../render/show.js') // marked-terminal and temml: loaded only to render
    const options = { width: Math.min(width, MAX_READING_WIDTH), color: ctx.io.color, hyperlinks: ctx.io.hyperlinks }
    await ctx.io.page(renderPaper(entry.paper, entry.summary ? [entry.summary] : [], options))
  }
}

import type { Command } from 'commander'
import stringWidth from 'fast-string-width'
import type { Context } from '../context.js'
import { UsageError } from '../core/errors.js'
import { parseTypedQuery } from '../core/query.js'
import { libraryEntries, type Entry } from '../core/records.js'
import { LibrarySearch } from '../core/search.js'
import type { SearchChoice } from '../prompts.js'
import { fitWidth } from '../render/search-results.js'
import { formatSnippet } from '../render/snippet.js'
import { sanitizeTerminal } from '../sanitize.js'
import { canPrompt } from './shared.js'
import { MAX_READING_WIDTH } from './show.js'

export interface BrowseOptions {
  /** Text already typed when the browser opens. */
  query: string
}

/** Hits listed at once; the list scrolls through them. */
const LIST_LENGTH = 50
/** Ids are aligned in a column this wide at most (longer ones are cut). */
const MAX_ID_WIDTH = 28
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

/** The list for what has been typed so far: one line per hit, its best snippet as the description. */
export function browseChoices(search: LibrarySearch, term: string, width: number, highlight: (s: string) => string): SearchChoice<string>[] {
  const { hits } = search.search(parseTypedQuery(term), { limit: LIST_LENGTH, lastWord: 'typing', snippets: 1 })
  const idWidth = Math.min(MAX_ID_WIDTH, Math.max(0, ...hits.map((hit) => hit.id.length)))
  return hits.map((hit) => {
    const year = hit.paper.year === null ? '    ' : String(hit.paper.year)
    const id = fitWidth(sanitizeTerminal(hit.id), idWidth)
    const line = `${id}${' '.repeat(Math.max(0, idWidth - stringWidth(id)))}  ${year}  ${sanitizeTerminal(hit.paper.title.replace(/\s+/g, ' '))}`
    const snippet = hit.snippets[0]
    return {
      name: fitWidth(line, width - 2),
      value: hit.id,
      ...(snippet ? { description: formatSnippet(snippet, width, highlight) } : {}),
    }
  })
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

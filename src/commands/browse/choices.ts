import stringWidth from 'fast-string-width'
import { parseTypedQuery } from '../../core/search/query.js'
import type { SearchHit, SearchOptions, SearchResult } from '../../core/search/search.js'
import type { Query } from '../../core/search/query.js'
import type { SearchChoice } from '../../terminal/prompts.js'
import { sanitizeTerminal } from '../../core/text/sanitize.js'
import { fitWidth } from '../../render/search-results.js'
import { formatSnippet } from '../../render/snippet.js'
import { renderSnippet, type SnippetRendering } from '../../render/snippet-rendered.js'
import { largest } from '../../core/lists.js'

/** Hits listed at once; the list scrolls through them. */
const LIST_LENGTH = 50
/** Ids are aligned in a column this wide at most (longer ones are cut). */
const MAX_ID_WIDTH = 28

/** What browse asks of a search at every keystroke: the hits listed, each with its best snippet, the word being typed read as a prefix. */
export const BROWSE_SEARCH: SearchOptions = { limit: LIST_LENGTH, lastWord: 'typing', snippets: 1 }

/**
 * browse's list for what has been typed so far: one line per hit, its best snippet as the
 * description, after the words a partial match lacks (`missing: vitamin · …`).
 */
export function browseChoices(
  search: { search(query: Query, options: SearchOptions): SearchResult },
  term: string,
  width: number,
  highlight: (s: string) => string,
  /** How snippets are shown (math as Unicode, citations as titles); as stored without it. */
  rendering?: SnippetRendering,
): SearchChoice<string>[] {
  return browseLines(search.search(parseTypedQuery(term), BROWSE_SEARCH).hits, width, highlight, rendering)
}

/** browse's list of `hits` (see browseChoices). */
export function browseLines(
  hits: readonly SearchHit[],
  width: number,
  highlight: (s: string) => string,
  rendering?: SnippetRendering,
): SearchChoice<string>[] {
  const idWidth = Math.min(
    MAX_ID_WIDTH,
    largest(
      hits.map((hit) => hit.id.length),
      0,
    ),
  )
  return hits.map((hit) => {
    const year = hit.paper.year === null ? '    ' : String(hit.paper.year)
    const id = fitWidth(sanitizeTerminal(hit.id), idWidth)
    const line = `${id}${' '.repeat(Math.max(0, idWidth - stringWidth(id)))}  ${year}  ${sanitizeTerminal(hit.paper.title.replace(/\s+/g, ' '))}`
    const best = hit.snippets[0]
    const snippet = best && rendering ? renderSnippet(best, rendering) : best
    const lacks =
      hit.missing.length > 0
        ? fitWidth(`missing: ${hit.missing.map((word) => sanitizeTerminal(word)).join(', ')}`, Math.floor(width / 2))
        : ''
    const room = width - stringWidth(lacks) - (lacks && snippet ? 3 : 0)
    const description = [lacks, snippet ? formatSnippet(snippet, room, highlight) : ''].filter(Boolean).join(' · ')
    return {
      name: fitWidth(line, width - 2),
      value: hit.id,
      ...(description ? { description } : {}),
    }
  })
}

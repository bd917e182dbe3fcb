import stringWidth from 'fast-string-width'
import { parseTypedQuery } from '../../core/search/query.js'
import type { LibrarySearch } from '../../core/search/search.js'
import type { SearchChoice } from '../../terminal/prompts.js'
import { sanitizeTerminal } from '../../core/text/sanitize.js'
import { fitWidth } from '../../render/search-results.js'
import { formatSnippet } from '../../render/snippet.js'

/** Hits listed at once; the list scrolls through them. */
const LIST_LENGTH = 50
/** Ids are aligned in a column this wide at most (longer ones are cut). */
const MAX_ID_WIDTH = 28

/** browse's list for what has been typed so far: one line per hit, its best snippet as the description. */
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

/** How a cited paper is named in text: its short title, its address on the web, Markdown that shows as written. */
import type { Paper } from '../model.js'

/** A title longer than this is cut at a word boundary. */
const MAX_SHORT_TITLE = 48
/** A lead-in before `:` ("BERT: Pre-training of ...") is the short title when it is this long at most. */
const MAX_LEAD_IN = 40

/** "BERT" for "BERT: Pre-training of Deep ...", a long title cut at a word with `…`, else the title. */
export function shortTitle(title: string): string {
  const clean = title.replace(/\s+/g, ' ').trim()
  const colon = clean.indexOf(': ')
  if (colon > 0 && colon <= MAX_LEAD_IN) return clean.slice(0, colon)
  if ([...clean].length <= MAX_SHORT_TITLE) return clean
  const cut = [...clean].slice(0, MAX_SHORT_TITLE).join('')
  const space = cut.lastIndexOf(' ')
  return (space > MAX_SHORT_TITLE / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '') + '…'
}

/** Where a paper lives on the web: its arXiv page, its DOI, or its URL. */
export function paperUrl(paper: Pick<Paper, 'arxiv' | 'doi' | 'url'>): string | null {
  if (paper.arxiv) return `https://arxiv.org/abs/${paper.arxiv}`
  if (paper.doi) return `https://doi.org/${paper.doi}`
  return paper.url
}

/**
 * Text that Markdown shows as written. Brackets and parentheses become HTML entities rather than
 * backslash escapes, because `\\(` and `\\[` open math for the renderer; other ASCII punctuation
 * is backslash-escaped (CommonMark allows it; `\\$` is a dollar sign to the math finder too).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}<>#+\-.!|~$&"']/g, '\\$&').replace(/[[\]()]/g, (c) => `&#${c.charCodeAt(0)};`)
}

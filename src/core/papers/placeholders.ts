/**
 * Placeholders: values that stand in for metadata nobody knows yet. An import that has no real value
 * for a field makes one (a ShortScience page names no paper, so its summary's paper is titled
 * "Untitled ShortScience summary <hash>"), and every merge asks this module before letting a value
 * replace another: a placeholder or an empty value never replaces a real one.
 */
import type { Paper } from '../model.js'

/** The paper fields a placeholder can stand in. */
export type PlaceholderField = 'title' | 'authors' | 'year' | 'venue' | 'arxiv' | 'category' | 'doi' | 'url' | 'abstract'

/** Title of the paper a ShortScience CSV row names by the site's own paper id. */
export function shortSciencePaperTitle(paperId: string): string {
  return `Untitled ShortScience paper ${paperId}`
}

/** Title of the paper of a summary copied from a ShortScience page, told apart by a hash of the text. */
export function shortScienceSummaryTitle(hash: string): string {
  return `Untitled ShortScience summary ${hash}`
}

/** Title doctor gives a paper record it recreates for summaries whose paper is missing. */
export function missingPaperTitle(key: string): string {
  return `(missing paper ${key})`
}

/** A paper record standing in for one that is missing, so its summaries stay reachable. */
export function placeholderPaper(key: string, added: string): Paper {
  return {
    key,
    title: missingPaperTitle(key),
    authors: [],
    year: null,
    venue: null,
    arxiv: null,
    doi: null,
    url: null,
    abstract: null,
    added,
  }
}

// "Untitled" alone is what a BibTeX entry without title or key gets.
const PLACEHOLDER_TITLES = ['untitled']
const PLACEHOLDER_TITLE_STARTS = ['untitled shortscience paper ', 'untitled shortscience summary ']
// Names that say the author is unknown: ShortScience's `anon`, reference managers' "Anonymous".
const PLACEHOLDER_NAME = /^(?:anon\.?|anonymous|unknown|n\/?a|-*)$/i
// A link to a ShortScience page stands in for the paper's own link.
const PLACEHOLDER_HOSTS = new Set(['shortscience.org', 'www.shortscience.org'])

/**
 * Whether `value` holds nothing real for `field`: null, blank, no authors (or only "anon"), or a
 * value an import made up in place of the real one. A placeholder never replaces a real value.
 */
export function isPlaceholder(field: PlaceholderField, value: unknown): boolean {
  if (value === null || value === undefined) return true
  if (Array.isArray(value))
    return field === 'authors' ? value.every((name) => typeof name !== 'string' || PLACEHOLDER_NAME.test(name.trim())) : value.length === 0
  if (typeof value !== 'string') return false // a year is a number: real when set
  if (value.trim() === '') return true
  if (field === 'title') return isPlaceholderTitle(value)
  if (field === 'url') return PLACEHOLDER_HOSTS.has(hostOf(value))
  return false
}

/** A paper whose title is a placeholder: `has:no-metadata` lists it and doctor names it as one to identify. */
export function lacksMetadata(paper: Pick<Paper, 'title'>): boolean {
  return isPlaceholder('title', paper.title)
}

/** A paper nobody has identified: its title is a placeholder and it has no arXiv id or DOI to look up. */
export function isUnidentifiedPaper(paper: Pick<Paper, 'title' | 'arxiv' | 'doi'>): boolean {
  return isPlaceholder('title', paper.title) && isPlaceholder('arxiv', paper.arxiv) && isPlaceholder('doi', paper.doi)
}

/** Compared with spacing and case set aside, by prefix: no pattern to backtrack over long titles. */
function isPlaceholderTitle(title: string): boolean {
  const text = title.replace(/\s+/g, ' ').trim().toLowerCase()
  return (
    PLACEHOLDER_TITLES.includes(text) ||
    PLACEHOLDER_TITLE_STARTS.some((start) => text.startsWith(start)) ||
    (text.startsWith('(missing paper ') && text.endsWith(')'))
  )
}

function hostOf(url: string): string {
  return URL.canParse(url.trim()) ? new URL(url.trim()).hostname.toLowerCase() : ''
}

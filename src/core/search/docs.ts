/**
 * What search reads of an entry: a few text fields, taken as stored (never copied into a
 * normalised form: lowercasing 40 MB of bodies would cost more than the search itself).
 *
 * An entry without a summary (a paper imported from BibTeX, not yet summarised) is found by its
 * paper's fields, with its abstract standing in for the body, and its own tags (core/tags/paper-tags.ts).
 */
import type { Entry } from '../records/entries.js'
import { entryTags } from '../tags/paper-tags.js'
import { ShortFields } from './short.js'
import { ScanText } from './text.js'

/** The searchable fields, in the order of `SearchDoc.fields`. */
export const FIELD_NAMES = ['title', 'authors', 'tags', 'venue', 'ids', 'body'] as const

export const TITLE = 0
export const AUTHORS = 1
export const TAGS = 2
export const VENUE = 3
export const IDS = 4
export const BODY = 5

/** When an entry last changed, as written and (for a canonical timestamp) in ms since the epoch. */
export interface Recency {
  text: string
  /** NaN unless `text` is a canonical UTC timestamp (`2024-05-01T12:00:00.000Z`). */
  time: number
}

/** An entry with its searchable text. */
export interface SearchDoc {
  entry: Entry
  /** Field texts, indexed like FIELD_NAMES. */
  fields: readonly ScanText[]
  /** Their lengths in UTF-16 units (what ranking normalises by). */
  lengths: Float64Array
  /** The short fields of the whole library (shared by its docs), and this doc's line there. */
  short: ShortFields
  line: number
  /** Worked out on first use: only some queries need it (`list`'s filters mostly do not). */
  derived: { recency: Recency | null }
  /** Whether the body has math / a figure, once a query asked (each is a scan of the body). */
  features: { math?: boolean; figure?: boolean }
}

/** The searchable text of each entry. */
export function searchDocs(entries: readonly Entry[]): SearchDoc[] {
  // Built on first use from the docs below (filters without words never need it).
  const short = new ShortFields(() => docs)
  const docs = entries.map((entry, line): SearchDoc => {
    const texts = fieldTexts(entry)
    const fields = texts.map((text) => new ScanText(text))
    const lengths = Float64Array.from(texts, (text) => text.length)
    return { entry, fields, lengths, short, line, derived: { recency: null }, features: {} }
  })
  return docs
}

/** The texts of an entry's searchable fields, in FIELD_NAMES order. */
export function fieldTexts(entry: Entry): string[] {
  const { paper, summary } = entry
  const ids = [entry.id, paper.key, paper.arxiv ?? '', paper.doi ?? ''].join(' ')
  const body = summary ? summary.body : (paper.abstract ?? '')
  return [paper.title, paper.authors.join('; '), entryTags(paper, summary).join(' '), paper.venue ?? '', ids, body]
}

// Display math, \( \) and \[ \] delimiters, environments, or inline $...$ that is not money: the
// opening $ is followed by a non-space, the closing one follows a non-space and no digit follows it.
const MATH = /\$\$|\\\(|\\\[|\\begin\{|\$(?=\S)(?:[^$\n\\]|\\.){1,400}?(?<=\S)\$(?!\d)/
// Markdown images, HTML images, and bare links to image files (also glued to the word before them).
const FIGURE = /!\[[^\]\n]*\]\(|<img\s|https?:\/\/\S+?\.(?:png|jpe?g|gif|svg|webp)\b/i

/** Whether a body contains math. */
export function hasMath(body: string): boolean {
  return MATH.test(body)
}

/** Whether a body contains a figure. */
export function hasFigure(body: string): boolean {
  return FIGURE.test(body)
}

/**
 * One Markdown file per summary: YAML front matter with the paper's metadata and the summary's own
 * fields, then the body exactly as stored. Pandoc and Obsidian read the front matter as metadata.
 */
import path from 'node:path'
import type { Paper, ReadingState, Summary } from '../core/model.js'
import { readFrontMatter, writeFrontMatter } from './frontmatter.js'
import { entryTags } from '../core/tags/paper-tags.js'
import { readPriority, readReadingState, readTags, readText, readTextList, readTimestamp, readYear, type Read } from './fields.js'
import type { ImportRecord, ImportResult } from '../core/merge/imported-records.js'

/**
 * The file for one summary. Optional paper fields (abstract, the reading state and priority) are
 * written only when present, so a file stays short for the common case while an export → import
 * round trip still loses nothing.
 */
export function summaryToMarkdown(summary: Summary, paper: Paper): string {
  return writeFrontMatter(frontMatterFields(summary, paper)) + summary.body
}

/** The front matter of a summary's file, field by field in the order written. */
export function frontMatterFields(summary: Summary, paper: Paper): Array<readonly [string, unknown]> {
  const fields: Array<readonly [string, unknown]> = [
    ['id', summary.id],
    ['key', paper.key],
    ['title', paper.title],
    ['authors', paper.authors],
    ['year', paper.year],
    ['venue', paper.venue],
    ['arxiv', paper.arxiv],
    ...(paper.category != null ? [['category', paper.category] as const] : []),
    ['doi', paper.doi],
    ['url', paper.url],
    // With the paper's own tags, which it lends to its summaries (core/tags/paper-tags.ts).
    ['tags', entryTags(paper, summary)],
    ['by', summary.by],
    ['created', summary.created],
    ['updated', summary.updated],
    ['added', paper.added],
  ]
  if (paper.state !== undefined) fields.push(['state', paper.state])
  if (paper.priority !== undefined) fields.push(['priority', paper.priority])
  if (paper.abstract !== null) fields.push(['abstract', paper.abstract])
  return fields
}

/**
 * Read one Markdown file as a paper with one summary. Without front matter (or without a title in
 * it) the title is the first heading, else the file name. Problems with single fields are returned;
 * a file that cannot be read as Markdown with YAML front matter throws DataError naming `source`.
 */
export function readMarkdownSummary(text: string, source: string): ImportResult {
  const { fields, body } = readFrontMatter(text, source)
  const get = (name: string): unknown => fields?.get(name)
  const reasons: string[] = []
  const take = <T>(read: Read<T>, fallback: T): T => {
    if (read.ok) return read.value
    reasons.push(read.reason)
    return fallback
  }
  const title = take(readText(get('title'), 'title'), null) ?? titleFromContent(body, source)
  const record: ImportRecord = {
    origin: source,
    paper: {
      key: take(readText(get('key'), 'key'), null),
      title,
      authors: take(readTextList(get('authors'), 'authors'), []),
      year: take(readYear(get('year')), null),
      venue: take(readText(get('venue'), 'venue'), null),
      arxiv: take(readText(get('arxiv'), 'arxiv'), null),
      ...optionalCategory(take(readText(get('category'), 'category'), null)),
      doi: take(readText(get('doi'), 'doi'), null),
      url: take(readText(get('url'), 'url'), null),
      abstract: take(readText(get('abstract'), 'abstract'), null),
      added: take(readTimestamp(get('added'), 'added'), null),
      ...optionalQueue(take(readReadingState(get('state')), null), take(readPriority(get('priority')), null)),
    },
    summaries: [
      {
        id: take(readText(get('id'), 'id'), null),
        by: take(readText(get('by'), 'by'), null) ?? '',
        body,
        tags: take(readTags(get('tags')), []),
        created: take(readTimestamp(get('created'), 'created'), null),
        updated: take(readTimestamp(get('updated'), 'updated'), null),
      },
    ],
  }
  if (reasons.length > 0) return { records: [], problems: reasons.map((reason) => ({ origin: source, reason })) }
  return { records: [record], problems: [] }
}

/**
 * The text of the first ATX heading (`# Title`) outside fenced code, or the file name without its
 * extension. A line scan rather than a Markdown parser: the input is untrusted and may be huge or
 * pathologically nested, and only the first heading is wanted. The patterns are linear on purpose.
 */
function titleFromContent(body: string, source: string): string {
  let fence: string | null = null
  for (const line of body.split(/\r?\n/)) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (marker && (fence === null || marker.startsWith(fence))) fence = fence === null ? marker : null
    else if (fence === null) {
      const heading = /^ {0,3}#{1,6}[ \t]+(.*)$/.exec(line)?.[1]
      const text = heading === undefined ? '' : withoutClosingHashes(heading.trim())
      if (text) return text
    }
  }
  return path.basename(source, path.extname(source))
}

/** `Title ##` → `Title`; `C#` stays (closing hashes must follow a space). */
function withoutClosingHashes(text: string): string {
  let end = text.length
  while (end > 0 && text[end - 1] === '#') end--
  if (end === text.length) return text
  return end === 0 || text[end - 1] === ' ' || text[end - 1] === '\t' ? text.slice(0, end).trim() : text
}

/** The reading state and priority only when the file has them (a priority without a state is kept as given, as the library keeps it). */
function optionalQueue(state: ReadingState | null, priority: number | null): { state?: ReadingState; priority?: number } {
  return { ...(state === null ? {} : { state }), ...(priority === null ? {} : { priority }) }
}

/** `category` only when the file has one, so a paper without it round-trips without it. */
function optionalCategory(category: string | null): { category?: string } {
  return category === null ? {} : { category }
}

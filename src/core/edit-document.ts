import { parse, stringify } from 'yaml'
import { PrecisError, ExitCode } from './errors.js'
import type { Paper, Summary } from './model.js'
import { canonicalTag, tagProblem } from './tags.js'

/** What an edited document sets: the paper's fields (shared by all its summaries) and the summary's. */
export interface EditedFields {
  paper: Pick<Paper, 'title' | 'authors' | 'year' | 'venue' | 'arxiv' | 'doi' | 'url'>
  summary: Pick<Summary, 'by' | 'tags' | 'body'>
}

/** A document that does not validate; `problems` says what to fix. */
export class InvalidDocumentError extends PrecisError {
  constructor(readonly problems: string[]) {
    super('The edited summary is not valid', ExitCode.data, problems.map((p) => `  ${p}`))
  }
}

const HEADER = '# Paper fields are shared by every summary of this paper. Save and quit to apply.\n'

/** The text opened in the editor: YAML front matter, then the body exactly as stored. */
export function toEditDocument(paper: Paper, summary: Summary): string {
  const fields = {
    title: paper.title, authors: paper.authors, year: paper.year, venue: paper.venue, arxiv: paper.arxiv,
    doi: paper.doi, url: paper.url, tags: summary.tags, by: summary.by,
  }
  return `---\n${HEADER}${stringify(fields, { lineWidth: 0 })}---\n${summary.body}`
}

/** Split `---\n<yaml>\n---\n<body>`; the body is everything after the closing fence's line break. */
function splitFrontMatter(text: string): { yaml: string; body: string } | null {
  const open = /^---[ \t]*\r?\n/.exec(text)
  if (!open) return null
  const close = /^---[ \t]*(?:\r?\n|$)/m
  const rest = text.slice(open[0].length)
  const end = close.exec(rest)
  if (!end) return null
  return { yaml: rest.slice(0, end.index), body: rest.slice(end.index + end[0].length) }
}

function optionalString(value: unknown, field: string, problems: string[]): string | null {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'string' || typeof value === 'number') return String(value)
  problems.push(`${field}: expected text`)
  return null
}

/** A YAML list, or one line of items split at `separator`. */
function stringList(value: unknown, field: string, separator: string, problems: string[]): string[] {
  if (value === null || value === undefined) return []
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(separator) : null
  if (!items || !items.every((i) => typeof i === 'string' || typeof i === 'number')) {
    problems.push(`${field}: expected a list of text items`)
    return []
  }
  return items.map((i) => String(i).trim()).filter(Boolean)
}

/** Parse and validate an edited document. Throws InvalidDocumentError listing every problem. */
export function parseEditDocument(text: string): EditedFields {
  const parts = splitFrontMatter(text)
  if (!parts) throw new InvalidDocumentError(['the front matter is missing: the text must start with a "---" line and have a closing "---" line'])
  let data: unknown
  try {
    // Core schema, no custom tags, few aliases: the document is plain data.
    data = parse(parts.yaml, { schema: 'core', maxAliasCount: 10, uniqueKeys: true, prettyErrors: true })
  } catch (error) {
    throw new InvalidDocumentError([`front matter: ${(error as Error).message.split('\n')[0]}`])
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new InvalidDocumentError(['front matter: expected "field: value" lines'])
  const fields = new Map(Object.entries(data))
  const problems: string[] = []
  const known = new Set(['title', 'authors', 'year', 'venue', 'arxiv', 'doi', 'url', 'tags', 'by'])
  for (const key of fields.keys()) if (!known.has(key)) problems.push(`${key}: unknown field (known: ${[...known].join(', ')})`)
  const title = optionalString(fields.get('title'), 'title', problems)
  if (!title?.trim()) problems.push('title: a title is needed')
  const authors = stringList(fields.get('authors'), 'authors', ';', problems)
  if (authors.length === 0) problems.push('authors: at least one author is needed')
  const rawYear = fields.get('year')
  const year = rawYear === null || rawYear === undefined || rawYear === '' ? null : Number(rawYear)
  if (year !== null && !(Number.isInteger(year) && year >= 0 && year <= 9999)) problems.push(`year: expected a year like 2017, not ${JSON.stringify(rawYear)}`)
  const tags = stringList(fields.get('tags'), 'tags', ',', problems).map(canonicalTag)
  for (const tag of tags) {
    const problem = tagProblem(tag)
    if (problem) problems.push(`tags: ${JSON.stringify(tag)}: ${problem}`)
  }
  if (problems.length > 0) throw new InvalidDocumentError(problems)
  return {
    paper: {
      title: title!.trim(), authors, year,
      venue: optionalString(fields.get('venue'), 'venue', problems),
      arxiv: optionalString(fields.get('arxiv'), 'arxiv', problems),
      doi: optionalString(fields.get('doi'), 'doi', problems),
      url: optionalString(fields.get('url'), 'url', problems),
    },
    summary: { by: optionalString(fields.get('by'), 'by', problems) ?? '', tags: [...new Set(tags)], body: parts.body },
  }
}

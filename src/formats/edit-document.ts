import { ExitCode, PrecisError, DataError } from '../core/errors.js'
import { checkPaperFields, checkSummaryFields, describeFieldProblem } from '../core/records/field-rules.js'
import type { Paper, Summary } from '../core/model.js'
import { readText, readTextList, readYear, readTags, type Read } from './fields.js'
import { readFrontMatter, writeFrontMatter } from './frontmatter.js'

/** What an edited document sets: the paper's fields (shared by all its summaries) and the summary's. */
export interface EditedFields {
  paper: Pick<Paper, 'title' | 'authors' | 'year' | 'venue' | 'arxiv' | 'doi' | 'url'>
  summary: Pick<Summary, 'by' | 'tags' | 'body'>
}

/** A document that does not validate; `problems` says what to fix. */
export class InvalidDocumentError extends PrecisError {
  constructor(readonly problems: string[]) {
    super(
      'The edited summary is not valid',
      ExitCode.data,
      problems.map((p) => `  ${p}`),
    )
  }
}

const FIELDS = ['title', 'authors', 'year', 'venue', 'arxiv', 'doi', 'url', 'tags', 'by'] as const

/** The text opened in the editor: YAML front matter (the same writer as the Markdown export), then the body exactly as stored. */
export function toEditDocument(paper: Paper, summary: Summary): string {
  const values = { ...paper, tags: summary.tags, by: summary.by }
  return writeFrontMatter(FIELDS.map((field) => [field, values[field]] as const)) + summary.body
}

/** Authors as a YAML list, or one line separated by semicolons ("Family, Given" names keep their commas). */
function readAuthors(value: unknown): Read<string[]> {
  const list = readTextList(typeof value === 'string' ? value.split(';') : value, 'authors')
  return list.ok ? { ok: true, value: list.value.map((a) => a.trim()).filter(Boolean) } : list
}

/** Text in the editor's own format (it opens with a `---` line), rather than a plain body: a kept or exported document read back. */
export function isEditDocument(text: string): boolean {
  return /^---[ \t]*\r?\n/.test(text)
}

/** Parse and validate an edited document. Throws InvalidDocumentError listing every problem. */
export function parseEditDocument(text: string): EditedFields {
  let file
  try {
    file = readFrontMatter(text, 'front matter')
  } catch (error) {
    if (error instanceof DataError) throw new InvalidDocumentError([error.message])
    throw error
  }
  if (!file.fields)
    throw new InvalidDocumentError(['the front matter is missing: the text must start with a "---" line and have a closing "---" line'])
  const fields = file.fields
  const problems: string[] = []
  const take = <T>(read: Read<T>, fallback: T): T => (read.ok ? read.value : (problems.push(read.reason), fallback))
  for (const key of fields.keys())
    if (!(FIELDS as readonly string[]).includes(key)) problems.push(`${key}: unknown field (known: ${FIELDS.join(', ')})`)
  const title = take(readText(fields.get('title'), 'title'), null)?.trim()
  if (!title) problems.push('title: a title is needed')
  const authors = take(readAuthors(fields.get('authors')), [])
  if (authors.length === 0) problems.push('authors: at least one author is needed')
  const tagsValue = fields.get('tags')
  const edited: EditedFields = {
    paper: {
      title: title ?? '',
      authors,
      year: take(readYear(fields.get('year')), null),
      venue: take(readText(fields.get('venue'), 'venue'), null),
      arxiv: take(readText(fields.get('arxiv'), 'arxiv'), null),
      doi: take(readText(fields.get('doi'), 'doi'), null),
      url: take(readText(fields.get('url'), 'url'), null),
    },
    summary: {
      by: take(readText(fields.get('by'), 'by'), null) ?? '',
      tags: take(readTags(typeof tagsValue === 'string' ? tagsValue.split(',') : tagsValue), []),
      body: file.body,
    },
  }
  // The rules every way in shares: lengths, text the library cannot store, identifiers.
  const paper = checkPaperFields(edited.paper)
  for (const problem of [...paper.problems, ...checkSummaryFields(edited.summary).problems]) problems.push(describeFieldProblem(problem))
  if (problems.length > 0) throw new InvalidDocumentError(problems)
  return { ...edited, paper: paper.value }
}

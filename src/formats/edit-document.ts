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

/** What the document of a paper without summaries sets: the paper's fields and its own tags. */
export interface EditedPaperFields {
  paper: EditedFields['paper']
  tags: string[]
}

/** A document that does not validate; `problems` says what to fix. */
export class InvalidDocumentError extends PrecisError {
  constructor(
    readonly problems: string[],
    what: 'summary' | 'paper' = 'summary',
  ) {
    super(
      `The edited ${what} is not valid`,
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
  const { edited, problems } = readEditDocument(text)
  if (problems.length > 0) throw new InvalidDocumentError(problems)
  return edited
}

/**
 * The note below the front matter of a paper without summaries: a body there would have no summary
 * to go to. An HTML comment, removed on reading when left as it was (as a new summary's template
 * is), also by `add --file`, which takes a kept document's text as the summary.
 */
function paperNote(key: string): string {
  return [
    '<!--',
    `${key} has no summary yet: edit the fields above and save.`,
    'Text written here is not saved by edit; write the summary with: precis add ' + key,
    '-->',
    '',
  ].join('\n')
}

/** `paperNote` as it was written (for any key, with either line end), and the blank lines after it. */
const PAPER_NOTE =
  /^<!--\r?\n(\S+) has no summary yet: edit the fields above and save\.\r?\nText written here is not saved by edit; write the summary with: precis add \1\r?\n-->(?:[ \t]*\r?\n)*/

/** The text opened in the editor for a paper without summaries: its fields and own tags as front matter, and a note. */
export function toPaperDocument(paper: Paper): string {
  const values = { ...paper, tags: paper.tags ?? [] }
  return writeFrontMatter(FIELDS.filter((field) => field !== 'by').map((field) => [field, values[field]] as const)) + paperNote(paper.key)
}

/**
 * Parse and validate the edited document of paper `key`, which has no summary: the fields of
 * `parseEditDocument`, but a `by` or text below the front matter (the note aside) is refused, since
 * `edit` has no summary to put them in. Throws InvalidDocumentError listing every problem.
 */
export function parsePaperDocument(text: string, key: string): EditedPaperFields {
  const { edited, problems } = readEditDocument(text)
  const advice = `save it as the summary with precis add ${key} --file <the file that holds it>`
  if (edited.summary.by !== '') problems.push(`by: ${key} has no summary yet, so no author of one; remove it, or ${advice}`)
  if (edited.summary.body.trim() !== '')
    problems.push(`the text below the front matter: ${key} has no summary yet and edit saves only its fields; remove it, or ${advice}`)
  if (problems.length > 0) throw new InvalidDocumentError(problems, 'paper')
  return { paper: edited.paper, tags: edited.summary.tags }
}

/** The fields of a document and every problem found in it (the fields then hold placeholders). */
function readEditDocument(text: string): { edited: EditedFields; problems: string[] } {
  const empty: EditedFields = {
    paper: { title: '', authors: [], year: null, venue: null, arxiv: null, doi: null, url: null },
    summary: { by: '', tags: [], body: '' },
  }
  let file
  try {
    file = readFrontMatter(text, 'front matter')
  } catch (error) {
    if (error instanceof DataError) return { edited: empty, problems: [error.message] }
    throw error
  }
  if (!file.fields)
    return {
      edited: empty,
      problems: ['the front matter is missing: the text must start with a "---" line and have a closing "---" line'],
    }
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
      body: file.body.replace(PAPER_NOTE, ''),
    },
  }
  // The rules every way in shares: lengths, text the library cannot store, identifiers.
  const paper = checkPaperFields(edited.paper)
  for (const problem of [...paper.problems, ...checkSummaryFields(edited.summary).problems]) problems.push(describeFieldProblem(problem))
  return { edited: { ...edited, paper: paper.value }, problems }
}

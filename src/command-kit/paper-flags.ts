import type { Command } from 'commander'
import { UsageError } from '../core/errors.js'
import {
  checkPaperFields,
  checkSummaryFields,
  describeFieldProblem,
  type FieldProblem,
  type PaperFields,
} from '../core/records/field-rules.js'
import { collect } from './flags.js'

/** The paper and text flags `add` and `edit` share, as commander hands them over. */
export interface RawPaperFlags {
  title?: string
  author?: string[]
  year?: string
  venue?: string
  arxiv?: string
  doi?: string
  url?: string
  tag?: string[]
  by?: string
  body?: string
  file?: string
}

/** A year flag or answer: a whole number 0–9999, or empty for none. */
export function parseYear(value: string, flag = '--year'): number | null {
  if (value.trim() === '') return null
  const year = Number(value)
  if (!Number.isInteger(year) || year < 0 || year > 9999) throw new UsageError(`${flag} takes a year like 2017, not "${value}"`)
  return year
}

const FLAGS: Readonly<Record<string, string>> = {
  title: '--title',
  authors: '--author',
  venue: '--venue',
  arxiv: '--arxiv',
  doi: '--doi',
  url: '--url',
  by: '--by',
  body: '--body',
}

function refuse(problems: readonly FieldProblem[]): void {
  const [first, ...rest] = problems.map((problem) => describeFieldProblem(problem, FLAGS[problem.field] ?? problem.field))
  if (first !== undefined) throw new UsageError(first, rest)
}

/**
 * The paper flags given, checked by the rules every way in shares and in stored form (an arXiv id
 * without its version, a bare DOI); a UsageError names the flag that cannot be stored.
 */
export function checkPaperFlags<T extends Partial<PaperFields>>(paper: T): T {
  if (paper.authors?.some((name) => name.trim() === '')) throw new UsageError('--author must not be empty')
  const { value, problems } = checkPaperFields(paper)
  refuse(problems)
  return value
}

/** `--by` and `--body` checked the same way. */
export function checkSummaryFlags(raw: Pick<RawPaperFlags, 'by' | 'body'>): void {
  refuse(checkSummaryFields(raw).problems)
}

/**
 * Declare the shared flags on `command`. `editing` words the help for changing an existing record
 * (replaces, empty clears) rather than describing a new one.
 */
export function addPaperFlags(command: Command, editing: boolean): Command {
  const set = (what: string) => (editing ? `set ${what} (empty to clear)` : what)
  return command
    .option('--title <title>', editing ? 'set the paper title' : 'paper title')
    .option(
      '--author <name>',
      editing ? 'set the authors (repeat for each; replaces the list)' : 'an author, "Given Family" (repeat for each)',
      collect,
    )
    .option('--year <year>', set('the publication year'))
    .option('--venue <venue>', set('the journal or conference'))
    .option('--arxiv <id>', set('the arXiv id'))
    .option('--doi <doi>', set('the DOI'))
    .option('--url <url>', set('the link to the paper'))
    .option('--tag <tag>', editing ? 'add a tag (repeat for each)' : 'a tag (repeat for each)', collect)
    .option('--by <name>', editing ? 'set who wrote the summary' : 'who wrote the summary')
    .option('--body <text>', editing ? 'replace the summary text' : 'the summary text (Markdown)')
    .option('--file <path>', editing ? 'replace the summary text from a file (- for stdin)' : 'read the summary from a file (- for stdin)')
}

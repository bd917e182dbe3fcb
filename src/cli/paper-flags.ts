import type { Command } from 'commander'
import { UsageError } from '../core/errors.js'
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

/**
 * Declare the shared flags on `command`. `editing` words the help for changing an existing record
 * (replaces, empty clears) rather than describing a new one.
 */
export function addPaperFlags(command: Command, editing: boolean): Command {
  const set = (what: string) => (editing ? `set ${what} (empty to clear)` : what)
  return command
    .option('--title <title>', editing ? 'set the paper title' : 'paper title')
    .option('--author <name>', editing ? 'set the authors (repeat for each; replaces the list)' : 'an author, "Given Family" (repeat for each)', collect)
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

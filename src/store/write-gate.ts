/**
 * The last check before a library is written: the rules the read path applies, applied to the
 * changed library. Every way in normalises or refuses its input first; this gate is the backstop,
 * so a command can never report success and leave a file that the next command refuses to read.
 */
import { DataError } from '../core/errors.js'
import type { Library } from '../core/model.js'
import { validateLibrary, zodSchemas } from '../core/schema/schema.js'

type Issue = { path: PropertyKey[]; code: string; message: string; maximum?: unknown; input?: unknown }

const LISTS = { papers: 'paper', summaries: 'summary', trash: 'trash entry' } as const

/** A record's name in a message, short enough to read even when its key is the problem. */
function recordName(library: Library, list: keyof typeof LISTS, index: number): string {
  const record = library[list][index] as { key?: unknown; id?: unknown; summary?: { id?: unknown } | null; paper?: unknown } | undefined
  // A trash entry is named by its summary, or by its paper when it holds a paper alone.
  const paper = record?.paper as { key?: unknown } | null | undefined
  const name = record?.key ?? record?.id ?? record?.summary?.id ?? paper?.key
  const text = typeof name === 'string' ? name : `#${index + 1}`
  return `${LISTS[list]} ${JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text)}`
}

/** What is wrong with one field, in the user's words. */
function describeIssue(issue: Issue): string {
  if (issue.code === 'too_big' && typeof issue.input === 'string')
    return `is longer than ${String(issue.maximum)} characters (${issue.input.length})`
  if (issue.code === 'invalid_format' && typeof issue.input === 'string')
    return `is not a valid timestamp (${JSON.stringify(issue.input.slice(0, 40))})`
  return issue.message
}

/** One line per problem: the record (by key or id) and the field that breaks the rules. */
function describeProblems(library: Library): string[] {
  const result = zodSchemas().librarySchema.safeParse(library, { reportInput: true })
  if (result.success) return []
  return result.error.issues.slice(0, 5).map((issue) => {
    const [list, index, ...field] = issue.path
    const where =
      typeof list === 'string' && list in LISTS && typeof index === 'number'
        ? recordName(library, list as keyof typeof LISTS, index)
        : 'the library'
    const fieldName = field
      .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
      .join('')
      .replace(/^\./, '')
    return `${where}: ${fieldName || 'record'} ${describeIssue(issue)}`
  })
}

/**
 * Throws DataError naming the record and the field when `library` breaks a rule of the library
 * format; `path` names the file that was not written.
 */
export function checkBeforeWrite(library: Library, path: string): void {
  try {
    validateLibrary(library, path)
  } catch (error) {
    if (!(error instanceof DataError)) throw error
    const problems = describeProblems(library)
    throw new DataError(`Nothing was saved: the change would leave ${path} unreadable`, [
      ...(problems.length > 0 ? problems : error.details),
      'The library was not changed.',
    ])
  }
}

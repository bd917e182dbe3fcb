import type { ZodError } from 'zod'
import { lazyRequire } from '../lazy-require.js'
import { DataError } from '../errors.js'
import { LIBRARY_VERSION, type Library, type Paper, type Summary } from '../model.js'
import { buildZodSchemas, type ZodSchemas } from './zod.js'
import { checkLibrary, checkPaper, checkSummary } from './validate-fast.js'

export { PAPER_FIELDS, SUMMARY_FIELDS, TRASH_FIELDS } from './validate-fast.js'

let schemas: ZodSchemas | undefined
const zod = lazyRequire<typeof import('zod')>('zod')

/** The zod schemas, loaded on first use: every valid read skips zod entirely. */
export function zodSchemas(): ZodSchemas {
  schemas ??= buildZodSchemas(zod().z)
  return schemas
}

/** A readable list of what is wrong, at most `limit` lines, each with its path (`papers[3].year`). */
function describeIssues(error: ZodError, limit = 5): string[] {
  const lines = error.issues.slice(0, limit).map((issue) => {
    const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('')
    return `${path.replace(/^\./, '') || '(top level)'}: ${issue.message}`
  })
  if (error.issues.length > limit) lines.push(`... and ${error.issues.length - limit} more problems`)
  return lines
}

/** What zod finds wrong with `value`, which the fast check refused (the two agree; see the tests). */
function explainRefusal(value: unknown): string[] {
  const result = zodSchemas().librarySchema.safeParse(value)
  return result.success ? ['it breaks a rule of the library format'] : describeIssues(result.error)
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>()
  const repeated = new Set<string>()
  for (const value of values) (seen.has(value) ? repeated : seen).add(value)
  return [...repeated]
}

/** `value` as a paper record (known fields only), or undefined when it is not a valid one. */
export function readPaper(value: unknown): Paper | undefined {
  return checkPaper(value) ?? undefined
}

/** `value` as a summary record (known fields only), or undefined when it is not a valid one. */
export function readSummary(value: unknown): Summary | undefined {
  return checkSummary(value) ?? undefined
}

/**
 * Validate a parsed JSON value as a library. Throws DataError with readable problems;
 * `source` names the file in the message.
 */
export function validateLibrary(value: unknown, source: string): Library {
  if (typeof value === 'object' && value !== null && 'version' in value) {
    const version = value.version
    if (typeof version === 'number' && version > LIBRARY_VERSION) {
      throw new DataError(`${source} was written by a newer precis (format version ${version}); upgrade precis to read it`)
    }
  }
  const library = checkLibrary(value)
  if (!library) throw new DataError(`${source} is not a valid precis library`, explainRefusal(value))
  const problems = [
    ...duplicates(library.papers.map((p) => p.key)).map((key) => `two papers share the key ${JSON.stringify(key)}`),
    ...duplicates(library.summaries.map((s) => s.id)).map((id) => `two summaries share the id ${JSON.stringify(id)}`),
  ]
  if (problems.length > 0) throw new DataError(`${source} is not a valid precis library`, problems)
  return library
}

/** Parse library JSON text (no BOM, no trailing garbage) and validate it. */
export function parseLibrary(json: string, source: string): Library {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch (error) {
    const reason = json.trim() === '' ? 'the file is empty' : (error as Error).message
    throw new DataError(`${source} is not valid JSON: ${reason}`)
  }
  return validateLibrary(value, source)
}

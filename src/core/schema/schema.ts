import { lazyRequire } from '../lazy-require.js'
import { DataError } from '../errors.js'
import type { Library, Paper, Summary, TrashEntry } from '../model.js'
import { buildZodSchemas, type ZodSchemas } from './zod.js'
import { checkLibrary, checkPaper, checkSummary, checkTrashEntry } from './validate-fast.js'
import { fileVersion, upgradeLibraryValue } from './upgrade.js'
import { explainRefusal } from './refusal.js'

export { PAPER_FIELDS, SUMMARY_FIELDS, TRASH_FIELDS } from './validate-fast.js'

let schemas: ZodSchemas | undefined
const zod = lazyRequire<typeof import('zod')>('zod')

/** The zod schemas, loaded on first use: every valid read skips zod entirely. */
export function zodSchemas(): ZodSchemas {
  schemas ??= buildZodSchemas(zod().z)
  return schemas
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

/** `value` as a trash entry (known fields only), or undefined when it is not a valid one. */
export function readTrashEntry(value: unknown): TrashEntry | undefined {
  return checkTrashEntry(value) ?? undefined
}

/** A library as read, and the format version its file had (older ones are upgraded in memory: upgrade.ts). */
export interface ReadLibrary {
  library: Library
  fileVersion: number
}

/**
 * Validate a parsed JSON value as a library, upgrading an older version in memory. Throws
 * DataError with readable problems (NewerLibraryError for a newer version); `source` names the file.
 */
export function readLibraryValue(value: unknown, source: string): ReadLibrary {
  const version = fileVersion(value)
  const current = upgradeLibraryValue(value, source)
  const library = checkLibrary(current)
  if (!library) throw new DataError(`${source} is not a valid precis library`, explainRefusal(current, zodSchemas()))
  const problems = [
    ...duplicates(library.papers.map((p) => p.key)).map((key) => `two papers share the key ${JSON.stringify(key)}`),
    ...duplicates(library.summaries.map((s) => s.id)).map((id) => `two summaries share the id ${JSON.stringify(id)}`),
  ]
  if (problems.length > 0) throw new DataError(`${source} is not a valid precis library`, problems)
  return { library, fileVersion: version ?? library.version }
}

/** `readLibraryValue` for callers that need the library only. */
export function validateLibrary(value: unknown, source: string): Library {
  return readLibraryValue(value, source).library
}

/** Parse library JSON text (no BOM, no trailing garbage), validate and upgrade it. */
export function parseLibraryFile(json: string, source: string): ReadLibrary {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch (error) {
    const reason = json.trim() === '' ? 'the file is empty' : (error as Error).message
    throw new DataError(`${source} is not valid JSON: ${reason}`)
  }
  return readLibraryValue(value, source)
}

/** `parseLibraryFile` for callers that need the library only. */
export function parseLibrary(json: string, source: string): Library {
  return parseLibraryFile(json, source).library
}

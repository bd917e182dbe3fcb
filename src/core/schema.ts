import { z } from 'zod'
import { DataError } from './errors.js'
import { LIBRARY_FORMAT, LIBRARY_VERSION, type Library } from './model.js'
import { tagProblem } from './tags.js'

// Objects are built by zod from the keys listed here only: unknown keys (and `__proto__`) are dropped.
const timestamp = z.iso.datetime({ offset: true })
const text = z.string()
const optionalText = z.string().nullable()

const tag = z.string().superRefine((value, ctx) => {
  const problem = tagProblem(value)
  if (problem) ctx.addIssue({ code: 'custom', message: `tag ${JSON.stringify(value)}: ${problem}` })
})

export const paperSchema = z.object({
  key: z.string().min(1).max(200),
  title: text,
  authors: z.array(text),
  year: z.number().int().min(0).max(9999).nullable(),
  venue: optionalText,
  arxiv: optionalText,
  doi: optionalText,
  url: optionalText,
  abstract: optionalText,
  added: timestamp,
})

export const summarySchema = z.object({
  id: z.string().min(1).max(210),
  paper: z.string().min(1),
  by: text,
  body: text,
  tags: z.array(tag),
  created: timestamp,
  updated: timestamp,
})

export const trashEntrySchema = z.object({
  summary: summarySchema,
  paper: paperSchema.nullable(),
  deleted: timestamp,
})

const librarySchema = z.object({
  format: z.literal(LIBRARY_FORMAT),
  version: z.literal(LIBRARY_VERSION),
  papers: z.array(paperSchema),
  summaries: z.array(summarySchema),
  trash: z.array(trashEntrySchema),
})

/** A readable list of what is wrong, at most `limit` lines, each with its path (`papers[3].year`). */
function describeIssues(error: z.ZodError, limit = 5): string[] {
  const lines = error.issues.slice(0, limit).map((issue) => {
    const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('')
    return `${path.replace(/^\./, '') || '(top level)'}: ${issue.message}`
  })
  if (error.issues.length > limit) lines.push(`... and ${error.issues.length - limit} more problems`)
  return lines
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>()
  const repeated = new Set<string>()
  for (const value of values) (seen.has(value) ? repeated : seen).add(value)
  return [...repeated]
}

/**
 * Validate a parsed JSON value as a library. Throws DataError with readable problems;
 * `source` names the file in the message.
 */
export function validateLibrary(value: unknown, source: string): Library {
  if (typeof value === 'object' && value !== null && 'version' in value) {
    const version = (value as { version: unknown }).version
    if (typeof version === 'number' && version > LIBRARY_VERSION) {
      throw new DataError(`${source} was written by a newer precis (format version ${version}); upgrade precis to read it`)
    }
  }
  const result = librarySchema.safeParse(value)
  if (!result.success) throw new DataError(`${source} is not a valid precis library`, describeIssues(result.error))
  const library = result.data as Library
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

import type { ZodError } from 'zod'
import type { ZodSchemas } from './zod.js'
import { checkPaper, checkSummary, checkTrashEntry } from './validate-fast.js'

type Issue = ZodError['issues'][number]

/** Problems shown; the rest are counted. */
const SHOWN = 5
/**
 * Problems counted at most: the records after are not explained. zod over a library of a million
 * broken summaries took 54 s and 3.2 GB to count them all.
 */
const COUNTED = 1000

/** The lists of a library, in the order zod reads them, each with the fast check that agrees with its schema. */
const LISTS = [
  { name: 'papers', check: checkPaper, schema: (schemas: ZodSchemas) => schemas.paperSchema },
  { name: 'summaries', check: checkSummary, schema: (schemas: ZodSchemas) => schemas.summarySchema },
  { name: 'trash', check: checkTrashEntry, schema: (schemas: ZodSchemas) => schemas.trashEntrySchema },
] as const
const LIST_NAMES = new Set<PropertyKey>(LISTS.map((list) => list.name))

/**
 * What zod finds wrong with `value`, which the fast check refused, as readable lines: the first
 * SHOWN problems, each with its path (`papers[3].year`), and how many more.
 */
export function explainRefusal(value: unknown, schemas: ZodSchemas): string[] {
  const issues: Issue[] = []
  for (const issue of libraryIssues(value, schemas)) if (issues.push(issue) > COUNTED) break
  if (issues.length === 0) return ['it breaks a rule of the library format']
  const lines = issues.slice(0, SHOWN).map((issue) => {
    const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('')
    return `${path.replace(/^\./, '') || '(top level)'}: ${issue.message}`
  })
  if (issues.length > COUNTED) lines.push(`... and over ${COUNTED - SHOWN} more problems`)
  else if (issues.length > SHOWN) lines.push(`... and ${issues.length - SHOWN} more problems`)
  return lines
}

/**
 * zod's issues with `value` as a library, in the order it gives them, one record at a time: the
 * top level with its lists emptied, then each list's records the fast check refuses (zod finds
 * nothing wrong with the others).
 */
function* libraryIssues(value: unknown, schemas: ZodSchemas): Generator<Issue> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    yield* schemas.librarySchema.safeParse(value).error?.issues ?? []
    return
  }
  const fields = value as Record<string, unknown>
  const outline = { ...fields }
  for (const { name } of LISTS) if (Array.isArray(fields[name])) outline[name] = []
  const top = schemas.librarySchema.safeParse(outline).error?.issues ?? []
  yield* top.filter((issue) => !LIST_NAMES.has(issue.path[0]!))
  for (const { name, check, schema } of LISTS) {
    yield* top.filter((issue) => issue.path[0] === name)
    const list = fields[name]
    if (!Array.isArray(list)) continue
    for (let i = 0; i < list.length; i++) {
      if (check(list[i]) !== null) continue
      for (const issue of schema(schemas).safeParse(list[i]).error?.issues ?? []) yield { ...issue, path: [name, i, ...issue.path] }
    }
  }
}

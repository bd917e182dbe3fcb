// The index keeps each field of the papers' and summaries' outlines in a section of its own (a
// column), so a read decodes only the fields it uses: `list` reads ids, years, titles and tags,
// never authors or URLs. A field is one row of these tables: adding one to the outline (as a
// paper's own `tags` was) is a row here, and INDEX_FORMAT_VERSION raised.
import type { PaperOutline, SummaryOutline } from '../../core/records/outline.js'
import { MAX_PRIORITY, MIN_PRIORITY, READING_STATES } from '../../core/model.js'

/** How a column's values lie in its section: JSON (text, lists), or 64-bit floats in the machine's byte order (numbers). */
export type ColumnKind = 'json' | 'numbers'

export interface Column<R> {
  field: keyof R & string
  kind: ColumnKind
  /** The value stored for a record's field (what an absent optional field is stored as: null for numbers, 0 for JSON). */
  stored: (record: R) => unknown
  /** Whether a stored value is one precis writes. Called once per row: it must not allocate. */
  valid: (value: unknown) => boolean
  /** The field's value from the stored one (undefined: an optional field the record does not have); `same` when they are one. */
  value: (stored: unknown) => unknown
}

export const isText = (value: unknown): value is string => typeof value === 'string'
export const isOptionalText = (value: unknown) => value === null || typeof value === 'string'
export const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0

export function isTextList(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false
  for (const item of value) if (typeof item !== 'string') return false
  return true
}

export const same = (stored: unknown) => stored
/** Optional fields absent from a record are stored as 0 in JSON columns, NaN in number columns (never a value of theirs). */
const absentAs0 = (stored: unknown) => (stored === 0 ? undefined : stored)
const absentAsNaN = (stored: unknown) => (Number.isNaN(stored) ? undefined : stored)

const text = <R>(field: keyof R & string): Column<R> => ({
  field,
  kind: 'json',
  stored: (r) => r[field],
  valid: isText,
  value: same,
})
const optionalText = <R>(field: keyof R & string): Column<R> => ({
  field,
  kind: 'json',
  stored: (r) => r[field],
  valid: isOptionalText,
  value: same,
})
const textList = <R>(field: keyof R & string): Column<R> => ({
  field,
  kind: 'json',
  stored: (r) => r[field],
  valid: isTextList,
  value: same,
})

export const PAPER_COLUMNS: readonly Column<PaperOutline>[] = [
  text('key'),
  text('title'),
  textList('authors'),
  {
    field: 'year',
    kind: 'numbers',
    stored: (p) => p.year ?? NaN,
    valid: (v) => Number.isNaN(v) || Number.isSafeInteger(v),
    value: (v) => (Number.isNaN(v) ? null : v),
  },
  optionalText('venue'),
  optionalText('arxiv'),
  {
    field: 'category',
    kind: 'json',
    stored: (p) => (p.category === undefined ? 0 : p.category),
    valid: (v) => v === 0 || isOptionalText(v),
    value: absentAs0,
  },
  optionalText('doi'),
  optionalText('url'),
  text('added'),
  {
    field: 'state',
    kind: 'json',
    stored: (p) => p.state ?? 0,
    valid: (v) => v === 0 || (READING_STATES as readonly unknown[]).includes(v),
    value: absentAs0,
  },
  {
    field: 'priority',
    kind: 'numbers',
    stored: (p) => p.priority ?? NaN,
    valid: (v) => Number.isNaN(v) || (Number.isSafeInteger(v) && (v as number) >= MIN_PRIORITY && (v as number) <= MAX_PRIORITY),
    value: absentAsNaN,
  },
  {
    field: 'tags',
    kind: 'json',
    stored: (p) => p.tags ?? 0,
    valid: (v) => v === 0 || isTextList(v),
    value: absentAs0,
  },
]

export const SUMMARY_COLUMNS: readonly Column<SummaryOutline>[] = [
  text('id'),
  text('paper'),
  text('by'),
  textList('tags'),
  text('created'),
  text('updated'),
]

/** A column's section name: `paper.title`, `summary.tags`. */
export const sectionName = (record: 'paper' | 'summary', field: string) => `${record}.${field}`

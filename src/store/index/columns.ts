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
  /**
   * The field's value of every record from the stored values (a JSON array, or the floats), in
   * record order; undefined when one is not a value precis writes. One loop that calls nothing per
   * value (a column holds a value of every record, read in a fresh process where each call of a
   * function costs), and no copy where the field's values are the stored ones.
   */
  decode: (stored: ArrayLike<unknown>) => readonly unknown[] | undefined
}

export const isText = (value: unknown): value is string => typeof value === 'string'
export const isOptionalText = (value: unknown) => value === null || typeof value === 'string'
export const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0

export function isTextList(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false
  return true
}

/** The JSON array itself when it is one: its values are the field's. */
const asArray = (stored: ArrayLike<unknown>) => (Array.isArray(stored) ? (stored as readonly unknown[]) : undefined)

const text = <R>(field: keyof R & string): Column<R> => ({
  field,
  kind: 'json',
  stored: (r) => r[field],
  decode: (stored) => {
    for (let i = 0; i < stored.length; i++) if (typeof stored[i] !== 'string') return undefined
    return asArray(stored)
  },
})
const optionalText = <R>(field: keyof R & string): Column<R> => ({
  field,
  kind: 'json',
  stored: (r) => r[field],
  decode: (stored) => {
    for (let i = 0; i < stored.length; i++) if (stored[i] !== null && typeof stored[i] !== 'string') return undefined
    return asArray(stored)
  },
})
const textList = <R>(field: keyof R & string): Column<R> => ({
  field,
  kind: 'json',
  stored: (r) => r[field],
  decode: (stored) => {
    for (let i = 0; i < stored.length; i++) {
      const list = stored[i]
      if (!Array.isArray(list)) return undefined
      for (let j = 0; j < list.length; j++) if (typeof list[j] !== 'string') return undefined
    }
    return asArray(stored)
  },
})

/**
 * An optional field stored as 0 when absent (never a value of its own), else as the value `valid`
 * accepts: each value read, absent ones as undefined. `valid` is called for the present values only.
 */
const absentAs0 = <R>(
  field: keyof R & string,
  valid: (value: unknown) => boolean,
  stored: (record: R) => unknown = (r) => r[field] ?? 0,
): Column<R> => ({
  field,
  kind: 'json',
  stored,
  decode: (stored) => {
    const values: unknown[] = []
    for (let i = 0; i < stored.length; i++) {
      const value = stored[i]
      if (value === 0) values.push(undefined)
      else if (valid(value)) values.push(value)
      else return undefined
    }
    return values
  },
})

/** A whole number stored as a float, NaN when there is none (`none`: what the field is then); others refused. */
const wholeNumber = <R>(field: keyof R & string, none: null | undefined, least: number, most: number): Column<R> => ({
  field,
  kind: 'numbers',
  stored: (r) => r[field] ?? NaN,
  decode: (stored) => {
    const values: (number | null | undefined)[] = []
    for (let i = 0; i < stored.length; i++) {
      const value = stored[i] as number
      if (value !== value)
        values.push(none) // NaN
      // Whole as `| 0` keeps it, with no call (a year, a priority); only another asked of Number.isSafeInteger.
      else if (((value | 0) === value || Number.isSafeInteger(value)) && value >= least && value <= most) values.push(value)
      else return undefined
    }
    return values
  },
})

export const PAPER_COLUMNS: readonly Column<PaperOutline>[] = [
  text('key'),
  text('title'),
  textList('authors'),
  wholeNumber('year', null, -Infinity, Infinity),
  optionalText('venue'),
  optionalText('arxiv'),
  absentAs0('category', isOptionalText, (p) => (p.category === undefined ? 0 : p.category)),
  optionalText('doi'),
  optionalText('url'),
  text('added'),
  absentAs0('state', (v) => (READING_STATES as readonly unknown[]).includes(v)),
  wholeNumber('priority', undefined, MIN_PRIORITY, MAX_PRIORITY),
  absentAs0('tags', isTextList),
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

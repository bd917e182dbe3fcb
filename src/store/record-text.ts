import type { Paper, Summary, TrashEntry } from '../core/model.js'
import { PAPER_FIELDS, SUMMARY_FIELDS, TRASH_FIELDS } from '../core/schema/validate-fast.js'

// One record of the library file as `JSON.stringify(record, null, 2)` writes it nested at a given
// indent, fields in schema order, built straight from the record's values. Serialising every record
// through JSON.stringify and then re-indenting it with a replace cost two passes and two large
// strings per record; at 100,000 summaries that garbage pushed a write past its memory budget.

const STEP = '  '

/** The field's name as it starts its line: `"title": `. */
const labels = new Map<string, string>(
  [...PAPER_FIELDS, ...SUMMARY_FIELDS, ...TRASH_FIELDS].map((field) => [field, `${JSON.stringify(field)}: `]),
)

function stringListText(list: readonly string[], indent: string): string {
  if (list.length === 0) return '[]'
  const inner = indent + STEP
  let text = '[\n' + inner + JSON.stringify(list[0])
  for (let i = 1; i < list.length; i++) text += ',\n' + inner + JSON.stringify(list[i])
  return text + '\n' + indent + ']'
}

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string')

/** Any field value as JSON.stringify writes it at `indent`; the shapes records hold take the short way. */
function valueText(value: unknown, indent: string): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value)
  if (isStringList(value)) return stringListText(value, indent)
  // Anything else (never in a valid record) exactly as JSON.stringify has it, undefined included.
  return JSON.stringify(value, null, 2)?.replace(/\n/g, '\n' + indent)
}

type FieldText<T> = (field: keyof T & string, indent: string) => string | undefined

/** `record` as an object of `fields` in that order; fields without a value are left out, as JSON.stringify does. */
function objectText<T extends object>(
  record: T,
  fields: readonly (keyof T & string)[],
  indent: string,
  fieldText: FieldText<T> = (field, inner) => valueText(record[field], inner),
): string {
  const inner = indent + STEP
  let text = ''
  for (const field of fields) {
    const value = fieldText(field, inner)
    if (value === undefined) continue
    text += (text === '' ? '{\n' : ',\n') + inner + labels.get(field)! + value
  }
  return text === '' ? '{}' : text + '\n' + indent + '}'
}

export const paperText = (paper: Paper, indent: string): string => objectText(paper, PAPER_FIELDS, indent)

export const summaryText = (summary: Summary, indent: string): string => objectText(summary, SUMMARY_FIELDS, indent)

/** A trash entry, its summary and paper in their own field order. */
export function trashEntryText(entry: TrashEntry, indent: string): string {
  return objectText(entry, TRASH_FIELDS, indent, (field, inner) => {
    if (field === 'summary' && entry.summary) return summaryText(entry.summary, inner)
    if (field === 'paper' && entry.paper) return paperText(entry.paper, inner)
    return valueText(entry[field], inner)
  })
}

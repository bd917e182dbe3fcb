/**
 * Text shown to the person before metadata is saved: the paper as it will be stored (add) and the
 * field changes a refresh proposes. Every value is sanitised for the terminal here.
 */
import type { PaperInput } from '../core/papers/papers.js'
import { oneLine } from './summary-rows.js'
import { valueText } from './value-text.js'
import type { FieldChange } from '../core/papers/metadata-merge.js'

/** Abstracts are long; the preview shows their start. */
const ABSTRACT_PREVIEW = 160

/** `heading`, then one aligned line per field that has a value. */
export function formatPaperPreview(input: PaperInput, heading: string): string {
  const rows: [string, string | null][] = [
    ['title', input.title],
    ['authors', input.authors.length > 0 ? input.authors.join('; ') : null],
    ['year', input.year === null ? null : String(input.year)],
    ['venue', input.venue],
    ['arXiv', input.arxiv],
    ['DOI', input.doi],
    ['URL', input.url],
    ['abstract', input.abstract === null ? null : valueText(input.abstract, ABSTRACT_PREVIEW)],
  ]
  const lines = rows
    .filter((row): row is [string, string] => row[1] !== null)
    .map(([label, value]) => `  ${label.padEnd(9)}${oneLine(value)}`)
  return [oneLine(heading), ...lines].join('\n') + '\n'
}

/** Each change as `field`, then `- before` and `+ after`. */
export function formatChanges(changes: readonly FieldChange[]): string {
  return changes.map((c) => `${c.field}\n  - ${describe(c.field, c.before)}\n  + ${describe(c.field, c.after)}\n`).join('')
}

function describe(field: string, value: FieldChange['before']): string {
  return valueText(value, field === 'abstract' ? ABSTRACT_PREVIEW : Infinity)
}

/**
 * A stored field's value as one short line of terminal text, for previews of changes (`refresh`,
 * `import`): nothing shows as `(none)`, a list of names joined by `; `, long text cut with `…`.
 */
import { oneLine } from './summary-rows.js'

/** The value on one sanitised line, at most `max` characters. */
export function valueText(value: unknown, max = Infinity): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return '(none)'
  const text = Array.isArray(value) ? value.join('; ') : typeof value === 'string' ? value : JSON.stringify(value)
  return oneLine(shorten(text, max))
}

function shorten(text: string, max: number): string {
  const chars = Array.from(text)
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…'
}

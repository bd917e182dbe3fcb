/**
 * Pasted text in a search (`Exposure: a study of …`): a word before a colon is a field name only
 * when it is one, or close enough to one to be a slip of the keyboard (`tittle:`), which is refused
 * with "did you mean" rather than searched as text.
 */
import { FIELDS } from './query-fields.js'
import { editDistance } from './similar.js'

/**
 * Whether `name` (lowercase) is within one edit of a field name of four letters or fewer (`tags`
 * for tag), or two of a longer one (`tittle`, `athor`). Two-letter words never are: `is:` and `as:`
 * are English.
 */
export function nearFieldName(name: string): boolean {
  if (name.length < 3) return FIELDS.has(name)
  return [...FIELDS.keys()].some((field) => editDistance(name, field) <= (field.length <= 4 ? 1 : 2))
}

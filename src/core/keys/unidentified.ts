/**
 * Keys of papers precis knows nothing real about: imported with a summary but no metadata (a copied
 * ShortScience page gives a summary and nothing else). They get a key that says so
 * (`untitled-<hash>`) and a placeholder title (core/papers/placeholders.ts), and wait for `precis identify`.
 */
import { createHash } from 'node:crypto'

/** Eight hex digits of the text's SHA-256: short enough to read, stable across re-imports. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8)
}

/** The key of a paper known only by `text` (its summary, or an id of the site it came from). */
export function untitledKey(text: string): string {
  return `untitled-${shortHash(text)}`
}

/**
 * Papers precis knows nothing real about: imported with a summary but no metadata (a copied
 * ShortScience page gives a summary and nothing else). They get a key that says so
 * (`untitled-<hash>`) and a title that is a placeholder, and wait for `precis identify`.
 */
import { createHash } from 'node:crypto'
import type { Paper } from './model.js'

/** The titles precis makes up for papers it has no metadata for. */
const PLACEHOLDER_TITLE = /^Untitled ShortScience (?:summary|paper) \S/

/** Whether `title` is one precis made up, not the paper's. */
export function isPlaceholderTitle(title: string): boolean {
  return title.trim() === '' || PLACEHOLDER_TITLE.test(title)
}

/** Whether the paper still lacks real metadata: its title is a placeholder. */
export function isUnidentified(paper: Pick<Paper, 'title'>): boolean {
  return isPlaceholderTitle(paper.title)
}

/**
 * A summary body as it counts for identity: line ends and trailing white space do not matter
 * (a page copied on Windows, or by an editor that trims lines, is the same text).
 */
export function normalizedBody(body: string): string {
  const lines = body.replace(/\r\n?/g, '\n').split('\n').map((line) => withoutTrailing(line, ' \t'))
  return withoutTrailing(lines.join('\n'), '\n')
}

/**
 * `text` without the characters of `chars` at its end. A loop from the end: a pattern such as
 * `/[ \t]+$/` retries at every space of a long run that does not end the line, and took minutes
 * on a line with 200,000 spaces in it.
 */
function withoutTrailing(text: string, chars: string): string {
  let end = text.length
  while (end > 0 && chars.includes(text[end - 1]!)) end--
  return text.slice(0, end)
}

/** Eight hex digits of the text's SHA-256: short enough to read, stable across re-imports. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8)
}

/** The key of a paper known only by `text` (its summary, or an id of the site it came from). */
export function untitledKey(text: string): string {
  return `untitled-${shortHash(text)}`
}

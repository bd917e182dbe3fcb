/**
 * When two summaries hold the same text. A body copied again from the same page, or saved by another
 * editor, may differ in line ends and trailing spaces only; it is still the same summary.
 */

/** The body as compared: `\r\n` and `\r` as `\n`, no spaces at line ends, no blank lines at either end. */
export function comparableBody(body: string): string {
  return body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/^\n+|\n+$/g, '')
}

/** Whether two bodies are the same text (see comparableBody). */
export function sameBody(a: string, b: string): boolean {
  return comparableBody(a) === comparableBody(b)
}

/**
 * Shortest body recognised on another paper than the one it was imported with: a note as short as
 * "TODO" or "read this" is often written on many papers, a paragraph is not.
 */
export const MIN_TWIN_BODY = 80

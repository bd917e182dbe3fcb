/**
 * When two summaries hold the same text. A body copied again from the same page, or saved by another
 * editor, may differ in line ends and trailing spaces only; it is still the same summary.
 */

/**
 * The body as compared: `\r\n` and `\r` as `\n`, no white space at line ends, no blank lines at
 * either end. Trimmed without end-anchored patterns, which backtrack over every run of spaces or
 * blank lines (quadratic on a line of 100,000 spaces followed by a letter).
 */
export function comparableBody(body: string): string {
  const lines = body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
  let [start, end] = [0, lines.length]
  while (start < end && lines[start] === '') start++
  while (end > start && lines[end - 1] === '') end--
  return lines.slice(start, end).join('\n')
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

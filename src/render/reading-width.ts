/** Widest text laid out on a terminal when no `--width` is given: long lines are hard to read. */
export const MAX_READING_WIDTH = 100

/** The width to lay text out at on a terminal `columns` wide (80 when not a terminal). */
export function readingWidth(columns: number | null): number {
  return Math.min(columns ?? 80, MAX_READING_WIDTH)
}

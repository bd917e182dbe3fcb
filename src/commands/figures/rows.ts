import type { Figure } from '../../core/markdown/figures.js'
import { sanitizeTerminal } from '../../core/text/sanitize.js'

/** One figure of one summary, as `figures` lists it. */
export interface FigureRow extends Figure {
  summary: string
  /** Its `[fig N]` number in the summary. */
  number: number
  /** Whether the cache holds it (a valid image). */
  cached: boolean
}

/** `<summary id>` then `  [N] url — caption  (cached)` per figure; a line saying so when there are none. */
export function figureRows(rows: readonly FigureRow[]): string {
  if (rows.length === 0) return 'No figures.\n'
  const lines: string[] = []
  for (const [i, row] of rows.entries()) {
    if (i === 0 || rows[i - 1]!.summary !== row.summary) lines.push(row.summary)
    const caption = row.caption ? ` — ${row.caption}` : ''
    lines.push(`  [${row.number}] ${row.url}${caption}${row.cached ? '  (cached)' : ''}`)
  }
  return sanitizeTerminal(lines.join('\n')) + '\n'
}

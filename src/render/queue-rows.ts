import type { ChalkInstance } from 'chalk'
import type { PaperOutline } from '../core/records/outline.js'
import { fitTo } from './fit.js'
import { oneLine } from './summary-rows.js'
import { displayWidth } from './wrap.js'

const GAP = '  '
const MAX_KEY_WIDTH = 32
const STATE_WIDTH = 'to-read'.length
const YEAR_WIDTH = 4
const TITLE_WIDTH = 10

/** Piped output: one tab-separated line per paper (key, state, priority or empty, added, year, title). */
export function formatQueuePlain(papers: readonly PaperOutline[]): string {
  return papers
    .map(
      (p) =>
        [p.key, p.state ?? '', p.priority ?? '', p.added, p.year ?? '', p.title].map((field) => oneLine(String(field))).join('\t') + '\n',
    )
    .join('')
}

/**
 * Terminal output: the priority (`·` for none), the state, the key, the year and the title, fitted
 * to `width`; a paper being read stands out from those waiting.
 */
export function formatQueueTable(papers: readonly PaperOutline[], width: number, style: ChalkInstance): string {
  // What the priority, state and year take with the gaps; the key and the title share the rest,
  // the title keeping at least TITLE_WIDTH, so that a row never wraps in a narrow terminal.
  const fixed = 1 + STATE_WIDTH + YEAR_WIDTH + 4 * GAP.length
  const longestKey = Math.max(3, ...papers.map((p) => displayWidth(oneLine(p.key))))
  const keyWidth = Math.max(3, Math.min(MAX_KEY_WIDTH, Math.floor(width / 3), longestKey, width - fixed - TITLE_WIDTH))
  const titleWidth = Math.max(1, width - fixed - keyWidth)
  return papers
    .map((p) => {
      const state = fitTo(p.state ?? '', STATE_WIDTH)
      const line = [
        p.priority === undefined ? style.dim('·') : style.bold(String(p.priority)),
        p.state === 'reading' ? style.green(state) : style.dim(state),
        style.cyan(fitTo(oneLine(p.key), keyWidth)),
        style.dim(fitTo(String(p.year ?? '—'), YEAR_WIDTH)),
        fitTo(oneLine(p.title), titleWidth),
      ].join(GAP)
      return line.trimEnd() + '\n'
    })
    .join('')
}

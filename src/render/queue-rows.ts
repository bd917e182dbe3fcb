import type { ChalkInstance } from 'chalk'
import type { PaperOutline } from '../core/records/outline.js'
import { fitTo } from './fit.js'
import { oneLine } from './summary-rows.js'
import { displayWidth } from './wrap.js'

const GAP = '  '
const MAX_KEY_WIDTH = 32
const STATE_WIDTH = 'to-read'.length
const YEAR_WIDTH = 4

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
  const keyWidth = Math.min(MAX_KEY_WIDTH, Math.floor(width / 3), Math.max(3, ...papers.map((p) => displayWidth(oneLine(p.key)))))
  const titleWidth = Math.max(10, width - 1 - STATE_WIDTH - keyWidth - YEAR_WIDTH - 4 * GAP.length)
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

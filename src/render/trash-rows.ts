import type { ChalkInstance } from 'chalk'
import { fitTo } from './fit.js'
import { oneLine } from './summary-rows.js'
import { displayWidth } from './wrap.js'
import { largest } from '../core/lists.js'

/** One trash entry as `precis trash` lists it. */
export interface TrashRow {
  /** The summary's id, or the key of a paper trashed alone (what `precis restore` takes). */
  id: string
  /** A summary, or a paper trashed alone (it had no summary). */
  kind: 'summary' | 'paper'
  /** The day it was trashed, `YYYY-MM-DD`. */
  deleted: string
  /** Its paper's title. */
  title: string
}

const GAP = '  '
const DATE_WIDTH = 10

/** Piped output: one tab-separated line per entry (id, day trashed, title, kind: last, so the first three stay where they were). */
export function formatTrashPlain(rows: readonly TrashRow[]): string {
  return rows.map((r) => [r.id, r.deleted, r.title, r.kind].map(oneLine).join('\t') + '\n').join('')
}

const PAPER_MARK = 'paper: '

/** Terminal output: left-aligned columns as `list` draws them, the title cut to the width. */
export function formatTrashTable(rows: readonly TrashRow[], width: number, style: ChalkInstance): string {
  const idWidth = idColumn(rows, width)
  const titleWidth = Math.max(10, width - idWidth - DATE_WIDTH - 2 * GAP.length)
  return rows
    .map(
      (r) =>
        [
          style.cyan(fitTo(oneLine(r.id), idWidth)),
          style.dim(fitTo(r.deleted, DATE_WIDTH)),
          // A paper trashed alone is marked before its title, which is cut to the width left.
          r.kind === 'paper'
            ? style.dim(PAPER_MARK) + fitTo(oneLine(r.title), titleWidth - PAPER_MARK.length)
            : fitTo(oneLine(r.title), titleWidth),
        ]
          .join(GAP)
          .trimEnd() + '\n',
    )
    .join('')
}

/** The summaries a question is about, indented: id and title, each on one line of the width. */
export function formatSummaryTitles(rows: readonly Pick<TrashRow, 'id' | 'title'>[], width: number, style: ChalkInstance): string {
  const idWidth = idColumn(rows, width)
  const titleWidth = Math.max(10, width - GAP.length - idWidth - GAP.length)
  return rows
    .map((r) => (GAP + [style.cyan(fitTo(oneLine(r.id), idWidth)), fitTo(oneLine(r.title), titleWidth)].join(GAP)).trimEnd() + '\n')
    .join('')
}

/** Ids show whole up to a third of the width. */
function idColumn(rows: readonly Pick<TrashRow, 'id'>[], width: number): number {
  return Math.min(
    32,
    Math.floor(width / 3),
    largest(
      rows.map((r) => displayWidth(oneLine(r.id))),
      2,
    ),
  )
}

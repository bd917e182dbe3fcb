import type { ChalkInstance } from 'chalk'
import type { PaperOutline } from '../core/records/outline.js'
import { fitTo } from './fit.js'
import { fitTags, oneLine } from './summary-rows.js'
import { displayWidth } from './wrap.js'
import { largest } from '../core/lists.js'

const GAP = '  '
const MAX_KEY_WIDTH = 32
const STATE_WIDTH = 'to-read'.length
const YEAR_WIDTH = 4
const TITLE_WIDTH = 10
/** The least room after a title worth showing tags in: `#thesis`, or a cut tag and `+N`. */
const MIN_TAGS_WIDTH = 6

/** Paper key → its tags (tagsByPaper). */
type PaperTags = ReadonlyMap<string, readonly string[]>

/** Piped output: one tab-separated line per paper (key, state, priority or empty, added, year, title, tags comma-separated). */
export function formatQueuePlain(papers: readonly PaperOutline[], tags: PaperTags = new Map()): string {
  return papers
    .map(
      (p) =>
        [p.key, p.state ?? '', p.priority ?? '', p.added, p.year ?? '', p.title, (tags.get(p.key) ?? []).join(',')]
          .map((field) => oneLine(String(field)))
          .join('\t') + '\n',
    )
    .join('')
}

/**
 * Terminal output: the priority (`·` for none), the state, the key, the year, the title and the
 * tags in the room the title leaves, fitted to `width`; a paper being read stands out from those waiting.
 */
export function formatQueueTable(
  papers: readonly PaperOutline[],
  width: number,
  style: ChalkInstance,
  tags: PaperTags = new Map(),
): string {
  // What the priority, state and year take with the gaps; the key and the title share the rest,
  // the title keeping at least TITLE_WIDTH, so that a row never wraps in a narrow terminal.
  const fixed = 1 + STATE_WIDTH + YEAR_WIDTH + 4 * GAP.length
  const longestKey = largest(
    papers.map((p) => displayWidth(oneLine(p.key))),
    3,
  )
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
        titleAndTags(p, titleWidth, tags.get(p.key) ?? [], style),
      ].join(GAP)
      return line.trimEnd() + '\n'
    })
    .join('')
}

/** The title in `width` columns, then as many of the tags as fit after it (never at the title's cost). */
function titleAndTags(p: PaperOutline, width: number, tags: readonly string[], style: ChalkInstance): string {
  const title = fitTo(oneLine(p.title), width).trimEnd()
  const room = width - displayWidth(title) - GAP.length
  const shown = tags.length > 0 && room >= MIN_TAGS_WIDTH ? fitTags(tags, room) : ''
  return shown === '' ? title : `${title}${GAP}${style.yellow(shown)}`
}

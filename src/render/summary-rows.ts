import type { ChalkInstance } from 'chalk'
import type { OutlineEntry } from '../core/records/entries.js'
import { sanitizeTerminal } from '../core/text/sanitize.js'
import { fitTo } from './fit.js'
import { displayWidth } from './wrap.js'

/** Columns between two table columns. */
const GAP = '  '
const YEAR_WIDTH = 4
/** The tags column never shrinks below this while it has something to show: a short tag and `+N`, or `(to summarise)`. */
const MIN_TAGS_WIDTH = 14
const MAX_ID_WIDTH = 32

/** Single-line display text: sanitised, with line breaks and tabs folded to spaces. */
export function oneLine(text: string): string {
  return sanitizeTerminal(text.replace(/[\r\n\t]+/g, ' '))
}

/**
 * As many `#tag`s as fit in `width` columns, then `+N` for the rest; a first tag too long for
 * the room is cut with an ellipsis so the count still shows.
 */
export function fitTags(tags: readonly string[], width: number): string {
  const shown = tags.map((t) => `#${oneLine(t)}`)
  if (width <= 0) return ''
  for (let count = shown.length; count > 0; count--) {
    const rest = shown.length - count
    const text = [...shown.slice(0, count), ...(rest > 0 ? [`+${rest}`] : [])].join(' ')
    if (displayWidth(text) <= width) return text
  }
  if (shown.length === 0) return ''
  const more = shown.length > 1 ? ` +${shown.length - 1}` : ''
  return fitTo(shown[0] ?? '', Math.max(1, width - more.length)).trimEnd() + more
}

/** Piped output: one tab-separated line per entry (id, year, title, tags comma-separated). */
export function formatRowsPlain(entries: readonly OutlineEntry[]): string {
  return entries
    .map(
      (e) =>
        [e.id, e.paper.year ?? '', e.paper.title, e.summary ? e.summary.tags.join(',') : ''].map((f) => oneLine(String(f))).join('\t') +
        '\n',
    )
    .join('')
}

/** What stands for the tags of a paper without a summary: where it is in the reading queue, else that it awaits one. */
function unsummarised(e: OutlineEntry): string {
  return e.paper.state === 'to-read' ? '(to read)' : e.paper.state === 'reading' ? '(reading)' : '(to summarise)'
}

/**
 * Terminal output: left-aligned columns fitted to `width`. The title is what a person scans, so
 * it takes the room it needs first; the tags get what is left (at least MIN_TAGS_WIDTH) and
 * show `+N` for the ones that do not fit.
 */
export function formatRowsTable(entries: readonly OutlineEntry[], width: number, style: ChalkInstance): string {
  const idWidth = Math.min(MAX_ID_WIDTH, Math.floor(width / 3), Math.max(2, ...entries.map((e) => displayWidth(oneLine(e.id)))))
  const tagsOf = (e: OutlineEntry) => (e.summary ? fitTags(e.summary.tags, Infinity) : unsummarised(e))
  const tagsNatural = Math.max(0, ...entries.map((e) => displayWidth(tagsOf(e))))
  const titleNatural = Math.max(1, ...entries.map((e) => displayWidth(oneLine(e.paper.title))))
  const room = width - idWidth - YEAR_WIDTH - 3 * GAP.length
  const titleWidth = Math.max(10, Math.min(titleNatural, room - Math.min(tagsNatural, MIN_TAGS_WIDTH)))
  const tagsWidth = Math.max(0, room - titleWidth)
  return entries
    .map((e) => {
      const tags = e.summary ? fitTags(e.summary.tags, tagsWidth) : fitTo(unsummarised(e), tagsWidth).trimEnd()
      const line = [
        style.cyan(fitTo(oneLine(e.id), idWidth)),
        style.dim(fitTo(String(e.paper.year ?? '—'), YEAR_WIDTH)),
        fitTo(oneLine(e.paper.title), titleWidth),
        style.yellow(tags),
      ].join(GAP)
      return line.trimEnd() + '\n'
    })
    .join('')
}

import type { ChalkInstance } from 'chalk'
import type { ReadingState } from '../core/model.js'
import type { Listing } from '../core/records/listing.js'
import { oneLine } from '../core/text/sanitize.js'
import { fitTo } from './fit.js'
import { displayWidth, isPrintableAscii } from './wrap.js'

/** Columns between two table columns. */
const GAP = '  '
const YEAR_WIDTH = 4
/** The tags column never shrinks below this while it has something to show: a short tag and `+N`, or `(to summarise)`. */
const MIN_TAGS_WIDTH = 14
const MAX_ID_WIDTH = 32

export { oneLine }

/**
 * As many `#tag`s as fit in `width` columns, then `+N` for the rest; a first tag too long for
 * the room is cut with an ellipsis so the count still shows.
 */
export function fitTags(tags: readonly string[], width: number): string {
  return fitShown(shownTags(tags), width)
}

/** Tags as a row shows them: `#tag`, sanitised; with each one's width when all are printable ASCII (a column each), else null. */
interface ShownTags {
  texts: string[]
  widths: number[] | null
}

function shownTags(tags: readonly string[]): ShownTags {
  const texts: string[] = []
  let ascii = true
  for (let i = 0; i < tags.length; i++) {
    const text = `#${oneLine(tags[i]!)}`
    texts.push(text)
    ascii &&= isPrintableAscii(text)
  }
  return { texts, widths: ascii ? texts.map((text) => text.length) : null }
}

/** `+N` for the `rest` tags not shown after `count`, as fitTags writes it. */
const more = (rest: number) => (rest > 0 ? ` +${rest}` : '')

/** fitTags of tags already shown; widths added up when each is a column per character (what displayWidth of the joined text gives then). */
function fitShown({ texts, widths }: ShownTags, width: number): string {
  if (width <= 0) return ''
  let total = widths === null ? 0 : widths.reduce((sum, w) => sum + w + 1, -1) // the widths and a space between each two
  for (let count = texts.length; count > 0; count--) {
    const rest = texts.length - count
    if (widths === null) {
      const text = texts.slice(0, count).join(' ') + more(rest)
      if (displayWidth(text) <= width) return text
    } else {
      if (total + more(rest).length <= width) return texts.slice(0, count).join(' ') + more(rest)
      total -= widths[count - 1]! + 1
    }
  }
  if (texts.length === 0) return ''
  const rest = more(texts.length - 1)
  return fitTo(texts[0] ?? '', Math.max(1, width - rest.length)).trimEnd() + rest
}

/** Columns of an entry's whole tags cell: that of tagsCell in room enough for all. */
function naturalWidth(tags: ShownTags, waiting: ReadingState | undefined | null): number {
  if (tags.widths === null) return displayWidth(tagsCell(tags, waiting, Infinity))
  // Printable ASCII, as the markers are: the widths added up.
  const marker = waiting === null ? 0 : unsummarised(waiting).length + (tags.texts.length > 0 ? 1 : 0)
  return marker + tags.widths.reduce((sum, w) => sum + w + 1, tags.texts.length > 0 ? -1 : 0)
}

/**
 * Piped output: one tab-separated line per entry (id, year, title, tags comma-separated), handed to
 * `write` some hundreds of rows at a time (core/records/plain-rows.ts), as UTF-8 bytes when the index keeps them made.
 */
export function writeRowsPlain(listing: Listing, write: (text: string | Uint8Array) => void): void {
  listing.writePlain(write)
}

/** What stands for the tags of a paper without a summary: where it is in the reading queue, else that it awaits one. */
function unsummarised(state: ReadingState | undefined): string {
  return state === 'to-read' ? '(to read)' : state === 'reading' ? '(reading)' : '(to summarise)'
}

/**
 * The tags cell of an entry in `width` columns: a summary's tags; for a paper without one (its
 * reading state: `waiting` not null), where it is in the queue (or that it awaits a summary), then
 * its own tags as far as they fit.
 */
function tagsCell(tags: ShownTags, waiting: ReadingState | undefined | null, width: number): string {
  if (waiting === null) return fitShown(tags, width)
  const marker = unsummarised(waiting)
  const room = width - displayWidth(marker) - 1
  if (tags.texts.length === 0 || room <= 0) return width === Infinity ? marker : fitTo(marker, width).trimEnd()
  return `${marker} ${fitShown(tags, room)}`
}

/** The widest of `texts` in columns, at least `least`. */
function widest(texts: readonly string[], least: number): number {
  let most = least
  for (let i = 0; i < texts.length; i++) most = Math.max(most, displayWidth(texts[i]!))
  return most
}

/**
 * Terminal output: left-aligned columns fitted to `width`. The title is what a person scans, so
 * it takes the room it needs first; the tags get what is left (at least MIN_TAGS_WIDTH) and
 * show `+N` for the ones that do not fit.
 */
export function formatRowsTable(listing: Listing, width: number, style: ChalkInstance): string {
  const rows = listing.rows()
  const ids = rows.ids.map(oneLine)
  const titles = rows.titles.map(oneLine)
  const { years } = rows
  const tags = rows.tags.map(shownTags)
  const waiting = listing.unsummarised()
  const idWidth = Math.min(MAX_ID_WIDTH, Math.floor(width / 3), widest(ids, 2))
  let tagsNatural = 0
  for (let i = 0; i < tags.length; i++) tagsNatural = Math.max(tagsNatural, naturalWidth(tags[i]!, waiting[i]))
  const titleNatural = widest(titles, 1)
  const room = width - idWidth - YEAR_WIDTH - 3 * GAP.length
  const titleWidth = Math.max(10, Math.min(titleNatural, room - Math.min(tagsNatural, MIN_TAGS_WIDTH)))
  const tagsWidth = Math.max(0, room - titleWidth)
  // What is the same for every row, made once: each style's codes, each year's cell.
  const [cyan, dim, yellow] = [painter(style.cyan), painter(style.dim), painter(style.yellow)]
  const yearCells = new Map<number | null, string>()
  let text = ''
  for (let i = 0; i < ids.length; i++) {
    const year = years[i] ?? null
    let yearCell = yearCells.get(year)
    if (yearCell === undefined) yearCells.set(year, (yearCell = dim(fitTo(String(year ?? '—'), YEAR_WIDTH))))
    const line = `${cyan(fitTo(ids[i]!, idWidth))}${GAP}${yearCell}${GAP}${fitTo(titles[i]!, titleWidth)}${GAP}${yellow(tagsCell(tags[i]!, waiting[i], tagsWidth))}`
    text += line.trimEnd() + '\n'
  }
  return text
}

/**
 * `style` as a function that writes its codes around the text without asking chalk for each row.
 * Text holding an escape or a line break (never a sanitised cell) goes through chalk itself, which
 * treats those specially; an empty text stays empty, as chalk leaves it.
 */
function painter(style: (text: string) => string): (text: string) => string {
  const marked = style('x')
  const [open, close] = [marked.slice(0, marked.indexOf('x')), marked.slice(marked.indexOf('x') + 1)]
  return (text) => (text === '' ? '' : text.includes('\u001b') || text.includes('\n') ? style(text) : open + text + close)
}

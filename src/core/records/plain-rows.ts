/**
 * `list`'s piped rows: one tab-separated line per entry (id, year, title, tags comma-separated),
 * each field on one line and sanitised (oneLine). Made here from the fields, and kept by an index
 * as one text with where each row starts (`PlainRows`), which a read checks (`isPlainRows`) and then
 * writes as it is: listing 100,000 entries then decodes no title and makes no row.
 */
import { oneLine } from '../text/sanitize.js'

/** What a row of `list` shows of each entry listed, a field per array, in the order listed. */
export interface ListedRows {
  /** Its summary's id, or its paper's key when it has none. */
  ids: string[]
  years: (number | null)[]
  titles: string[]
  /** entryTags: its summary's and its paper's own, or its paper's own when it has no summary. */
  tags: (readonly string[])[]
}

/** Rows of piped output made, one after another, with where each starts in the text and where the last one ends. */
export interface PlainRows {
  text: string
  /** One more than the rows: `starts[i]` where row i starts, the last where the text ends. */
  starts: ArrayLike<number>
}

// eslint-disable-next-line no-control-regex -- what oneLine changes but tabs and line breaks (which separate a piece's fields and rows)
const CHANGED_BUT_SEPARATORS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/

/** How many times `char` occurs in `text`. */
const occurrences = (text: string, char: string) => text.length - text.replaceAll(char, '').length

/** The piped rows `start` to `end` of `rows`, one after another. */
export function plainPiece(rows: ListedRows, start: number, end: number): string {
  const { ids, years, titles, tags } = rows
  let piece = ''
  for (let i = start; i < end; i++) piece += `${ids[i]!}\t${years[i] ?? ''}\t${titles[i]!}\t${tags[i]!.join(',')}\n`
  // Most text has nothing oneLine changes: the piece made as it is, then checked whole. Its only tabs
  // and line breaks are then its separators (3 and 1 a row), and nothing else oneLine changes is in it.
  const count = end - start
  if (!CHANGED_BUT_SEPARATORS.test(piece) && occurrences(piece, '\t') === 3 * count && occurrences(piece, '\n') === count) return piece
  piece = ''
  for (let i = start; i < end; i++) piece += plainRow(rows, i)
  return piece
}

/** Row `i` of `rows` as piped output shows it (what plainPiece gives for it). */
const plainRow = (rows: ListedRows, i: number) =>
  `${oneLine(rows.ids[i]!)}\t${rows.years[i] ?? ''}\t${oneLine(rows.titles[i]!)}\t${oneLine(rows.tags[i]!.join(','))}\n`

/** Every row of `rows` made, as an index keeps them. */
export function plainRowsOf(rows: ListedRows): PlainRows {
  const made: string[] = []
  const starts = [0]
  for (let i = 0; i < rows.ids.length; i++) {
    const row = plainRow(rows, i)
    made.push(row)
    starts.push(starts[i]! + row.length)
  }
  return { text: made.join(''), starts }
}

/**
 * Whether `text` and `starts` are rows plainRowsOf makes (read from an index: nothing read is
 * trusted): nothing oneLine would change, and each row one line of four fields, ending where the
 * next starts. One regex over the text, then a few searches a row: what is written is then piped
 * output whatever the index held.
 */
export function isPlainRows({ text, starts }: PlainRows): boolean {
  const rows = starts.length - 1
  if (rows < 0 || starts[0] !== 0 || starts[rows] !== text.length || CHANGED_BUT_SEPARATORS.test(text)) return false
  for (let row = 0; row < rows; row++) {
    const [start, end] = [starts[row]!, starts[row + 1]!]
    if (!(end > start)) return false
    let tab = text.indexOf('\t', start)
    tab = tab < start ? -1 : text.indexOf('\t', tab + 1)
    tab = tab < start ? -1 : text.indexOf('\t', tab + 1)
    if (tab < start || tab >= end || text.indexOf('\n', start) !== end - 1) return false
    const fourth = text.indexOf('\t', tab + 1)
    if (fourth >= 0 && fourth < end) return false
  }
  return true
}

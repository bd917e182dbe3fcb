import { trashId, type Library, type Paper, type Summary, type TrashEntry } from '../core/model.js'
import { paperText, summaryText, trashEntryText } from './record-text.js'
// Field order is the schema's, so a record reads the same however the code that made it built it.
import { PAPER_FIELDS, SUMMARY_FIELDS, TRASH_FIELDS } from '../core/schema/validate-fast.js'

function inFieldOrder<T extends object>(record: T, fields: readonly (keyof T)[]): T {
  const ordered = {} as T
  for (const field of fields) ordered[field] = record[field]
  return ordered
}

const orderedPaper = (paper: Paper): Paper => inFieldOrder(paper, PAPER_FIELDS)
const orderedSummary = (summary: Summary): Summary => inFieldOrder(summary, SUMMARY_FIELDS)
const orderedTrashEntry = (entry: TrashEntry): TrashEntry =>
  entry.summary === null
    ? inFieldOrder({ ...entry, paper: orderedPaper(entry.paper) }, TRASH_FIELDS)
    : inFieldOrder({ ...entry, summary: orderedSummary(entry.summary), paper: entry.paper && orderedPaper(entry.paper) }, TRASH_FIELDS)

/**
 * A key that orders ids the way people number them when compared by code unit: each digit run
 * becomes a marker, its length and its digits without leading zeros, so `x-2` sorts before `x-10`.
 * The marker is `0`, which sorts against other characters exactly where digits do.
 */
function naturalKey(id: string): string {
  return id.replace(/\d+/g, (run) => {
    const digits = run.replace(/^0+(?=\d)/, '')
    return '0' + String.fromCharCode(0x30 + digits.length) + digits
  })
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Order ids the way people number them (`x`, `x-2`, `x-10`), never by locale, so every machine
 * sorts alike; ids that differ only in leading zeros (`x01`, `x1`) fall back to a plain
 * comparison, so the order is total.
 */
export function compareIds(a: string, b: string): number {
  return byCodeUnit(naturalKey(a), naturalKey(b)) || byCodeUnit(a, b)
}

/** `records` sorted by `compareIds` of their ids, each key computed once (sorting 100,000 records stays fast). */
function sortedById<T>(records: readonly T[], id: (record: T) => string): T[] {
  return records
    .map((record) => ({ record, id: id(record), key: naturalKey(id(record)) }))
    .sort((a, b) => byCodeUnit(a.key, b.key) || byCodeUnit(a.id, b.id))
    .map(({ record }) => record)
}

const sortedPapers = (papers: readonly Paper[]) => sortedById(papers, (p) => p.key)
const sortedSummaries = (summaries: readonly Summary[]) => sortedById(summaries, (s) => s.id)
// Entries deleted at the same moment keep an id order; a stable sort keeps the rest as they were.
const sortedTrash = (trash: readonly TrashEntry[]) => sortedById(trash, trashId).sort((a, b) => byCodeUnit(a.deleted, b.deleted))

/**
 * The library in its stable form: papers by key, summaries by id (so a paper's summaries stay in
 * the order they were numbered), trash by deletion time (the order it was filled in), fields in
 * schema order. Two libraries with the same records give the same text, whatever order they
 * were changed in: `git diff` shows only what changed and merges line up.
 */
export function stableLibrary(lib: Library): Library {
  return {
    format: lib.format,
    version: lib.version,
    papers: sortedPapers(lib.papers).map(orderedPaper),
    summaries: sortedSummaries(lib.summaries).map(orderedSummary),
    trash: sortedTrash(lib.trash).map(orderedTrashEntry),
  }
}

const RECORD_INDENT = '    '

/** The three lists of records, as the library file names them. */
export type RecordList = 'papers' | 'summaries' | 'trash'

/** Told where each record lies in the text written (its first byte and the byte just past it), in the order written. */
export type RecordPlaced = (list: RecordList, record: Paper | Summary | TrashEntry, start: number, end: number) => void

/** A piece of the text, and when it ends with a record, that record and the length of the (ASCII) text before it. */
type Piece = { text: string; record?: { list: RecordList; value: Paper | Summary | TrashEntry; lead: number } }

function* recordList<T extends Paper | Summary | TrashEntry>(
  name: RecordList,
  records: Iterable<T>,
  recordText: (record: T, indent: string) => string,
  last: boolean,
): Generator<Piece> {
  yield { text: `  ${JSON.stringify(name)}: [` }
  let written = 0
  for (const record of records) {
    const lead = (written++ === 0 ? '\n' : ',\n') + RECORD_INDENT
    yield { text: lead + recordText(record, RECORD_INDENT), record: { list: name, value: record, lead: lead.length } }
  }
  yield { text: written > 0 ? '\n  ]' : ']' }
  yield { text: last ? '\n' : ',\n' }
}

/**
 * The library as JSON text in its stable form (see `stableLibrary`), one field per line, in
 * pieces (one per record) so a large library never has to become one giant string. The text is
 * exactly `JSON.stringify(stableLibrary(lib), null, 2) + '\n'`, written without copying a record.
 * `placed`, when given, learns the byte range of each record in the text, in the order written.
 */
export function* serializeLibrary(lib: Library, placed?: RecordPlaced): Generator<string> {
  let at = 0
  for (const piece of allPieces(lib)) {
    if (placed) {
      const length = Buffer.byteLength(piece.text)
      if (piece.record) placed(piece.record.list, piece.record.value, at + piece.record.lead, at + length)
      at += length
    }
    yield piece.text
  }
}

function* allPieces(lib: Library): Generator<Piece> {
  yield* sortedPieces(lib, sortedPapers(lib.papers), sortedSummaries(lib.summaries), sortedTrash(lib.trash))
}

function* sortedPieces(
  head: Pick<Library, 'format' | 'version'>,
  papers: Iterable<Paper>,
  summaries: Iterable<Summary>,
  trash: Iterable<TrashEntry>,
): Generator<Piece> {
  yield { text: `{\n  "format": ${JSON.stringify(head.format)},\n  "version": ${JSON.stringify(head.version)},\n` }
  yield* recordList('papers', papers, paperText, false)
  yield* recordList('summaries', summaries, summaryText, false)
  yield* recordList('trash', trash, trashEntryText, true)
  yield { text: '}\n' }
}

/**
 * serializeLibrary's text of a library without trash whose papers and summaries come a record at
 * a time, already in the stable order (compareIds of their keys and ids): an export of every
 * record never holds them all.
 */
export function* serializeSortedRecords(
  head: Pick<Library, 'format' | 'version'>,
  papers: Iterable<Paper>,
  summaries: Iterable<Summary>,
): Generator<string> {
  for (const piece of sortedPieces(head, papers, summaries, [])) yield piece.text
}

// What a read makes of the index file (index-layout.ts): each section decoded when first used.
// Numbers are read where they lie, with no parse. Checks loop over the values and allocate nothing.
// Nothing in the file is trusted: any damage, truncation or unexpected shape reads as no index, and
// the library is read instead.
import type { NumberList, PaperOutline, SortOrder, SummaryOutline } from '../../core/records/outline.js'
import { SORT_ORDERS, type IndexContents } from './contents.js'
import { isText, isTextList, PAPER_COLUMNS, sectionName, SUMMARY_COLUMNS, type Column } from './columns.js'
import type { NameTable } from './names.js'
import { chunkedNames, DamagedNames } from './name-chunks.js'
import { arePlainRows, keptRowsOf, type KeptRows } from '../../core/records/plain-rows.js'
import { isUtf8 } from 'node:buffer'
import { COLLATION, ROW_COLUMNS } from './index-layout.js'
import { allAtHand, readHeader, type Header, type IndexBytes } from './index-header.js'
import { allCounts, allYears, areEntryPairs, areRanks, isStats, isTagRow, ranksBelow } from './section-checks.js'
import { columnValues, jsonSection, numberSection, sectionBytes, sectionValues, wholeSection } from './section-readers.js'
import { floatInBlocks, placeInBlocks, rowInBlocks } from './block-readers.js'
import { pickedRows } from './picked-rows.js'
import { areTagLists } from '../../core/records/tag-lists.js'
import { rowViews, type RowViews } from './row-views.js'

/** Rows read alone (rowInBlocks, floatInBlocks) before a section is decoded whole instead: a read of many rows reads it at once. */
const MANY_ROWS = 256

/** Raised for a column that is not what precis writes, when there is no library to fall back on. */
export class ForeignIndexError extends Error {}

/**
 * What to use instead of an index whose header holds but one of whose columns does not (damaged
 * after the header was read, or made by hand to pass the checksums, or by a precis with a bug):
 * the same contents taken from the library itself. An index is derived data, so such a file
 * costs time, never an answer.
 */
export type IndexFallback = () => IndexContents

/**
 * What the index file `bytes` holds (all of it, or its start and the means to read the rest), or
 * null when it is not a whole, undamaged index of this
 * format (wrong start or version, cut short, a header checksum that does not match). Each section
 * is decoded when first used, its checksum and then the shape and length of what it holds checked:
 * a read uses only some (`list` the ids, years, titles, tags and an order; `tags` only the tag
 * counts). A section that fails its check is taken from `fallback()` instead (all of them, from
 * then on); without one, it throws ForeignIndexError.
 */
export function decodeIndex(bytes: Buffer | IndexBytes, fallback?: IndexFallback): IndexContents | null {
  let header: Header | null
  try {
    header = readHeader(Buffer.isBuffer(bytes) ? allAtHand(bytes) : bytes)
  } catch {
    return null // a header that is not JSON
  }
  if (!header) return null
  const counts = header.counts
  // Once one section fails, every section comes from the fallback: sections of one index and of the
  // library read whole must not be mixed (their record orders may differ).
  let replaced: IndexContents | undefined
  const instead = (name: string): IndexContents => {
    if (replaced) return replaced
    if (!fallback) throw new ForeignIndexError(`The library's index holds something precis did not write (its ${name})`)
    return (replaced = fallback())
  }
  /** A part decoded once, on first use; from the fallback when it fails its check, or when another part did. */
  const part = <T>(name: string, decode: () => T | undefined, fromFallback: (contents: IndexContents) => T) => {
    let value: { made: T } | undefined
    return (): T => {
      if (replaced) return fromFallback(replaced)
      if (value) return value.made
      const made = decode()
      if (made === undefined) return fromFallback(instead(name))
      return (value = { made }).made
    }
  }
  const fieldParts = <R>(
    record: 'paper' | 'summary',
    columns: readonly Column<R>[],
    count: number,
    rows: (c: IndexContents) => readonly R[],
  ) =>
    new Map(
      columns.map((c) => {
        const name = sectionName(record, c.field)
        const decode = () => {
          const stored = sectionValues(header, name, c.kind, count)
          return stored && c.decode(stored)
        }
        // From the fallback, each field as the record read whole has it (absent where the record lacks it).
        let fallen: unknown[] | undefined
        return [c.field, part(name, decode, (contents) => (fallen ??= rows(contents).map((row) => row[c.field])))] as const
      }),
    )
  /** The fields of ROW_COLUMNS read a row at a time, up to MANY_ROWS; past them, or where a row is not what precis writes, from the whole column. */
  const rowReaders = <R>(
    record: 'paper' | 'summary',
    columns: readonly Column<R>[],
    fields: Map<keyof R & string, () => readonly unknown[]>,
  ) =>
    new Map(
      columns
        .filter((c) => ROW_COLUMNS.has(sectionName(record, c.field)))
        .map((c) => {
          const whole = fields.get(c.field)!
          const read = rowInBlocks(header, sectionName(record, c.field), (value) => c.decode([value])?.[0] === value)
          let reads = 0
          const row = (at: number): unknown => {
            if (replaced || reads++ >= MANY_ROWS) return whole()[at]
            const value = read(at)
            return value === undefined ? whole()[at] : value
          }
          return [c.field, row] as const
        }),
    )
  const paperFields = fieldParts('paper', PAPER_COLUMNS, counts.papers, (c) => c.papers)
  const summaryFields = fieldParts('summary', SUMMARY_COLUMNS, counts.summaries, (c) => c.summaries)
  const paperRows = rowReaders('paper', PAPER_COLUMNS, paperFields)
  const summaryRows = rowReaders('summary', SUMMARY_COLUMNS, summaryFields)
  let papers: RowViews<PaperOutline> | undefined
  let summaries: RowViews<SummaryOutline> | undefined
  /** A section of `length` counts (whole numbers from 0 to 2^53), checked in one loop over the floats (a search reads the places of 200,000 records). */
  const counted = (name: string, length: number) => () => {
    const values = numberSection(header, name)
    return values && values.length === length && allCounts(values) ? values : undefined
  }
  const trash = part(
    'trash',
    () => columnValues(header, 'trash', 'json', isText) as string[] | undefined,
    (c) => c.trashIds,
  )
  const words = part(
    'words',
    () => {
      const values = counted('words', counts.summaries)()
      return values && Array.from(values)
    },
    (c) => c.words,
  )
  const cites = part(
    'cites',
    () => columnValues(header, 'cites', 'json', isTextList, counts.summaries) as string[][] | undefined,
    (c) => c.cites,
  )
  const tagCounts = part(
    'tagCounts',
    () => {
      const rows = columnValues(header, 'tagCounts', 'json', isTagRow) as [string, number, number][] | undefined
      return rows?.map(([tag, count, own]) => ({ tag, count, own }))
    },
    (c) => c.tagCounts,
  )
  const paperPlaces = part('paperPlaces', counted('paperPlaces', 2 * counts.papers), (c) => c.paperPlaces)
  const summaryPlaces = part('summaryPlaces', counted('summaryPlaces', 2 * counts.summaries), (c) => c.summaryPlaces)
  const paperPlace = placeInBlocks(header, 'paperPlaces', counts.papers)
  const summaryPlace = placeInBlocks(header, 'summaryPlaces', counts.summaries)
  // Each order decoded when first listed in (a read lists in one). Whether they were sorted with this
  // ICU's collation is its own section: sorted with another's, the read sorts again (orders null).
  const sortedHere = part(
    'collation',
    () => {
      const collation = jsonSection(header, 'collation')
      return collation === COLLATION ? true : collation === null || isText(collation) ? false : undefined
    },
    (c) => c.orders !== null,
  )
  const orderParts = SORT_ORDERS.map((order) =>
    part(
      `order.${order}`,
      () => {
        const pairs = numberSection(header, `order.${order}`)
        return pairs && pairs.length % 2 === 0 && areEntryPairs(pairs, counts.summaries, counts.papers) ? pairs : undefined
      },
      (c) => c.orders?.[order] ?? [],
    ),
  )
  // Empty when not kept (a time precis does not write); else a rank, below the entries' count, for each entry.
  const ties = part(
    'order.ties',
    () => {
      const ranks = numberSection(header, 'order.ties')
      return ranks && (ranks.length === 0 || (ranks.length <= counts.summaries + counts.papers && areRanks(ranks))) ? ranks : undefined
    },
    (c) => c.ties ?? [],
  )
  // Each pair is checked where a read uses it (outlineEntries): here only that there are no more than the records.
  const entryPlaces = part(
    'entries',
    () => {
      const pairs = numberSection(header, 'entries')
      return pairs && pairs.length % 2 === 0 && pairs.length <= 2 * (counts.summaries + counts.papers) ? pairs : undefined
    },
    (c) => c.entryPlaces,
  )
  // Every pair checked in one loop, once, for a read that uses them all (a search's marks): null when
  // one names no record (that read then goes entry by entry, each place checked where it is used).
  let checkedPairs: { pairs: (ArrayLike<number> & NumberList) | null } | undefined
  const checkedEntryPlaces = (): (ArrayLike<number> & NumberList) | null => {
    const pairs = entryPlaces()
    if (replaced) return replaced.entryPlaces
    checkedPairs ??= { pairs: pairs instanceof Float64Array && areEntryPairs(pairs, counts.summaries, counts.papers) ? pairs : null }
    return checkedPairs.pairs
  }
  /**
   * A section of floats read a value at a time (floatInBlocks), `length` of them, each from `whole()`
   * (checked whole, else the fallback's) where its block is not what precis writes, and every value
   * past the first MANY_ROWS: a read of many (the ranks of a filter's 2,000 ties at 100,000
   * summaries) reaches most blocks, each read, checked and copied alone (~9 ms, the whole ~2 ms).
   */
  const floatList = (name: string, length: number, whole: () => ArrayLike<number>, valid?: (values: Float64Array) => boolean) => {
    const read = floatInBlocks(header, name, valid)
    let reads = 0
    return {
      length,
      at: (index: number) =>
        replaced || reads++ >= MANY_ROWS || !(Number.isSafeInteger(index) && index >= 0 && index < length)
          ? whole()[index]
          : (read(index) ?? whole()[index]),
    }
  }
  // A search reads the pairs of the entries it looks at (a few of them): checked where used (outlineEntries), as the whole section's are.
  const entriesLength = (header.sections.get('entries')?.length ?? -1) / 8
  const entryList =
    entriesLength % 2 === 0 && entriesLength <= 2 * (counts.summaries + counts.papers)
      ? floatList('entries', entriesLength, entryPlaces)
      : null
  // The ranks of the ties a search breaks: each block's checked as the whole section's are (areRanks).
  const tiesLength = (header.sections.get('order.ties')?.length ?? -1) / 8
  const tieList =
    Number.isSafeInteger(tiesLength) && tiesLength >= 0 && tiesLength <= counts.summaries + counts.papers
      ? floatList('order.ties', tiesLength, ties, (ranks) => ranksBelow(ranks, tiesLength))
      : null
  const orders = {} as Record<SortOrder, ArrayLike<number>>
  SORT_ORDERS.forEach((order, at) => Object.defineProperty(orders, order, { enumerable: true, get: orderParts[at]! }))
  // The name table: its directory checked when first used, each chunk when a lookup first reaches it.
  // A chunk that fails sends this lookup and every later one to the fallback's table.
  const directory = part(
    'names',
    () => {
      const chunks = header.sections.get('names')
      const read = (start: number, length: number) => (chunks ? header.bytes.read(chunks.start + start, length) : undefined)
      return (chunks && chunkedNames(jsonSection(header, 'names.chunks'), chunks.length, read)) ?? undefined
    },
    (c) => c.names,
  )
  let namesFallen = false
  const lookUp = <T>(ask: (table: NameTable) => T): T => {
    if (!namesFallen && !replaced) {
      try {
        return ask(directory())
      } catch (error) {
        if (!(error instanceof DamagedNames)) throw error
        namesFallen = true
      }
    }
    return ask(instead('names').names)
  }
  const names: NameTable = {
    get count() {
      return lookUp((table) => table.count)
    },
    partition: (before) => lookUp((table) => table.partition(before)),
    entry: (n) => lookUp((table) => table.entry(n)),
  }
  // The rows' bytes, checked as valid UTF-8 and as rows (arePlainRows, over the bytes themselves: no
  // decoding) before they are written as they are: nothing unchecked reaches the terminal.
  const plainRows = part(
    'rows',
    () => {
      const bytes = sectionBytes(header, 'rows')
      const starts = wholeSection(header, 'rows.starts')
      return bytes && starts && isUtf8(bytes) && arePlainRows(bytes, starts) ? { bytes, starts } : undefined
    },
    (c) => c.plainRows,
  )
  // Where each row starts and its CRC-32, checked whole (4 bytes a row each); the rows' bytes then
  // read whole, unchecked, and each row checked where it is picked (its CRC-32, then as rows).
  const rowChecks = part(
    'rows.sums',
    () => {
      const rows = header.sections.get('rows')
      const starts = wholeSection(header, 'rows.starts')
      const sums = wholeSection(header, 'rows.sums')
      if (!rows || !starts || !sums || starts.length !== sums.length + 1 || starts[0] !== 0 || starts[sums.length] !== rows.length)
        return undefined
      // Bytes `from` to `to` of the rows: read alone when they are a few of them (`list --limit 20` at
      // 100,000 summaries reads 2 KB, not 9 MB), else every row's read once and kept (a filter's rows
      // lie all over them, and are picked a few hundred at a time).
      let bytes: Buffer | undefined
      const read = (from: number, to: number): Buffer | undefined => {
        if (!bytes && 8 * (to - from) < rows.length) {
          const span = header.bytes.read(rows.start + from, to - from)
          return span?.length === to - from ? span : undefined
        }
        bytes ??= header.bytes.read(rows.start, rows.length)
        return bytes?.length === rows.length ? bytes.subarray(from, to) : undefined
      }
      return { starts, sums, read }
    },
    () => null,
  )
  const keptRows: KeptRows = {
    get count() {
      const checks = rowChecks()
      return checks ? checks.sums.length : plainRows().starts.length - 1
    },
    all: () => plainRows(),
    pick: (picked) => {
      const checks = rowChecks()
      const piece = checks && pickedRows(checks, picked)
      if (piece) return piece
      if (!replaced) instead('rows')
      return keptRowsOf(replaced!.plainRows).pick(picked)
    },
  }
  // The tags' names checked whole (a few hundred); each tag's keys where a filter uses them (entriesTagged).
  const taggedEntries = part(
    'tagged',
    () => {
      const tags = columnValues(header, 'tagged', 'json', isText) as string[] | undefined
      const lists = wholeSection(header, 'tagged.lists')
      if (!tags || !lists || lists.length < tags.length + 1) return undefined
      const starts = lists.subarray(0, tags.length + 1)
      return { tags, starts, keys: lists.subarray(tags.length + 1), summaries: counts.summaries, papers: counts.papers }
    },
    (c) => c.taggedEntries,
  )
  // Every record's tags as numbers: the names checked whole (a few hundred), the numbers in one loop.
  const tagLists = part(
    'tagLists',
    () => {
      const names = columnValues(header, 'tagLists', 'json', isText) as string[] | undefined
      const lists = wholeSection(header, 'tagLists.ids')
      const rows = counts.summaries + counts.papers
      if (!names || !lists || lists.length < rows + 1) return undefined
      const made = { names, starts: lists.subarray(0, rows + 1), ids: lists.subarray(rows + 1), ...counts }
      return areTagLists(made, counts.summaries, counts.papers) ? made : undefined
    },
    (c) => c.tagLists,
  )
  // The years as they lie (a float each, NaN for none), checked in one loop as the column's decode
  // checks them (columns.ts), and never made into an array: what a `year:` filter reads.
  const paperYears = part(
    'paper.year',
    () => {
      const years = numberSection(header, 'paper.year')
      return years && years.length === counts.papers && allYears(years) ? years : undefined
    },
    (c) => Float64Array.from(c.papers, (paper) => paper.year ?? NaN),
  )
  const stats = part(
    'stats',
    () => {
      const value = jsonSection(header, 'stats')
      return isStats(value) ? value : undefined
    },
    (c) => c.stats,
  )
  const column =
    <R>(fields: Map<keyof R & string, () => readonly unknown[]>) =>
    <F extends keyof R & string>(field: F) =>
      fields.get(field)!() as readonly R[F][]
  return {
    library: header.library,
    identity: header.identity,
    paperColumn: column<PaperOutline>(paperFields),
    paperYears: () => paperYears(),
    summaryColumn: column<SummaryOutline>(summaryFields),
    get papers() {
      if (replaced) return replaced.papers
      return (papers ??= rowViews(paperFields, counts.papers, paperRows)).all()
    },
    get summaries() {
      if (replaced) return replaced.summaries
      return (summaries ??= rowViews(summaryFields, counts.summaries, summaryRows)).all()
    },
    paperAt: (at) => (replaced ? replaced.papers[at] : (papers ??= rowViews(paperFields, counts.papers, paperRows)).at(at)),
    summaryAt: (at) => (replaced ? replaced.summaries[at] : (summaries ??= rowViews(summaryFields, counts.summaries, summaryRows)).at(at)),
    recordCounts: () => (replaced ? { papers: replaced.papers.length, summaries: replaced.summaries.length } : counts),
    get trashIds() {
      return trash()
    },
    get words() {
      return words()
    },
    get cites() {
      return cites()
    },
    get tagCounts() {
      return tagCounts()
    },
    get paperPlaces() {
      return paperPlaces()
    },
    get summaryPlaces() {
      return summaryPlaces()
    },
    placeOf: (list, at) => (replaced ? undefined : list === 'papers' ? paperPlace(at) : summaryPlace(at)),
    get orders() {
      const here = sortedHere()
      if (replaced) return replaced.orders
      return here ? orders : null
    },
    // From the section's size in the header: a listing of the first entries piped from the rows reads no pair.
    addedCount: () => {
      if (replaced) return replaced.orders && replaced.orders.added.length >> 1
      const bytes = header.sections.get('order.added')?.length ?? -1
      return bytes >= 0 && bytes % 16 === 0 ? bytes / 16 : null
    },
    get entryPlaces() {
      return entryPlaces()
    },
    checkedEntryPlaces,
    get entryPlaceList() {
      return replaced ? replaced.entryPlaces : (entryList ?? entryPlaces())
    },
    get ties() {
      const here = sortedHere()
      if (replaced) return replaced.ties
      const ranks = ties()
      return here && ranks.length > 0 ? ranks : null
    },
    get tieList() {
      const here = sortedHere()
      if (replaced) return replaced.ties
      if (!tieList) return here && ties().length > 0 ? ties() : null
      return here && tieList.length > 0 ? tieList : null
    },
    get stats() {
      return stats()
    },
    get names() {
      return names
    },
    get plainRows() {
      return plainRows()
    },
    get keptRows() {
      return replaced ? keptRowsOf(replaced.plainRows) : keptRows
    },
    get taggedEntries() {
      return taggedEntries()
    },
    get tagLists() {
      return tagLists()
    },
  }
}

/**
 * The entries `list` prints, a column per field in the order listed, read from the outline's columns
 * (paperColumn, summaryColumn): listing every entry of a library makes no view of each record nor an
 * entry object per row, and decodes only the fields a format prints (piped: ids, years, titles, tags).
 */
import type { ReadingState } from '../model.js'
import { shownTags } from '../tags/paper-tags.js'
import { entriesAt, entryRecord, sortedPairs, type OutlineEntry, type RecordedPaper, type RecordedSummary } from './entries.js'
import { paperColumn, summaryColumn, type LibraryOutline, type SummaryOutline } from './outline.js'
import { plainPiece, type KeptRows, type ListedRows } from './plain-rows.js'

export type { ListedRows }

/** Rows written per piece of piped output: each piece some tens of kilobytes, written as it is made. */
const ROWS_PER_PIECE = 500

/**
 * Listing fewer than one in this many of the rows kept made, each is read and checked alone
 * (KeptRows.pick); more, all of them are checked at once (measured at 100,000 summaries: a row
 * picked costs about twice its share of the whole check).
 */
const PICK_BELOW = 3

/**
 * The first `newest` entries of the `added` order an outline keeps (every entry: entryCount), its
 * pairs read only when used: piped, from the rows kept made in that order, `list` and `list --limit
 * 20` read no pair (at 100,000 summaries the order is 1.6 MB read, summed and checked, ~5–10 ms).
 */
export interface NewestFirst {
  newest: number
}

export class Listing {
  /** The pairs listed, as given or once read (`pairs`). */
  private given: ArrayLike<number> | undefined

  /** For a listing of the first entries of the `added` order (NewestFirst), how many: its pairs are read only when used. */
  private readonly newest: number | null

  constructor(
    private readonly outline: LibraryOutline,
    /**
     * The entries listed, in order, as sortedPairs gives them: [summary index or -1, paper index] pairs,
     * flattened; or the first of the `added` order, not yet read (NewestFirst).
     */
    listed: ArrayLike<number> | NewestFirst,
    /** The pairs these are the first of (first() keeps them: the first rows of an order are the start of its text). */
    private readonly wholeGiven?: ArrayLike<number>,
  ) {
    if ('newest' in listed) this.newest = listed.newest
    else {
      this.newest = null
      this.given = listed
    }
  }

  /** How many entries are listed (for a NewestFirst listing, as many as asked until its pairs are read: at most as many as there are). */
  get length(): number {
    return this.given ? this.given.length >> 1 : this.newest!
  }

  /** The entries listed as [summary index or -1, paper index] pairs: those of a NewestFirst listing read now. */
  private get pairs(): ArrayLike<number> {
    if (this.given) return this.given
    const added = sortedPairs(this.outline, 'added')
    this.given = this.newest! >= added.length >> 1 ? added : (Array.prototype.slice.call(added, 0, 2 * this.newest!) as number[])
    return this.given
  }

  /** The pairs these are the first of. */
  private get whole(): ArrayLike<number> {
    return this.wholeGiven ?? (this.newest === null ? this.pairs : sortedPairs(this.outline, 'added'))
  }

  /** The first `count` entries listed. */
  first(count: number): Listing {
    if (count >= this.length) return this
    if (this.newest !== null && !this.given) return new Listing(this.outline, { newest: count })
    return new Listing(this.outline, Array.prototype.slice.call(this.pairs, 0, 2 * count) as number[], this.whole)
  }

  /** Piped output (plain-rows.ts), handed to `write` some hundreds of rows at a time (UTF-8 bytes when kept made). */
  writePlain(write: (text: string | Uint8Array) => void): void {
    if (this.length === 0) return
    const kept = this.keptRows()
    if (kept === null) {
      const rows = this.rows()
      for (let start = 0; start < this.length; start += ROWS_PER_PIECE)
        write(plainPiece(rows, start, Math.min(this.length, start + ROWS_PER_PIECE)))
      return
    }
    const { rows, rowAt } = kept
    if (PICK_BELOW * this.length < rows.count) {
      // A few of the rows (filtered, cut short): each read and checked alone, not every row.
      for (let start = 0; start < this.length; start += ROWS_PER_PIECE) {
        const picked = new Int32Array(Math.min(this.length, start + ROWS_PER_PIECE) - start)
        for (let i = 0; i < picked.length; i++) picked[i] = rowAt(start + i)
        write(rows.pick(picked))
      }
      return
    }
    const { bytes, starts } = rows.all()
    if (kept.contiguous) return write(bytes.subarray(0, starts[this.length]))
    for (let start = 0; start < this.length; start += ROWS_PER_PIECE) {
      const end = Math.min(this.length, start + ROWS_PER_PIECE)
      let size = 0
      for (let i = start; i < end; i++) size += starts[rowAt(i) + 1]! - starts[rowAt(i)]!
      const piece = new Uint8Array(size)
      for (let i = start, at = 0; i < end; i++) {
        const row = rowAt(i)
        piece.set(bytes.subarray(starts[row], starts[row + 1]), at)
        at += starts[row + 1]! - starts[row]!
      }
      write(piece)
    }
  }

  /**
   * The rows the outline keeps made (an index's, in the order entryOrder('added') lists the entries),
   * when it does and they are every entry's, with the row of each entry listed: contiguous when these
   * are the first of that order, else found by its summary's index, or the summaries' count + its paper's.
   */
  private keptRows(): { rows: KeptRows; rowAt: (i: number) => number; contiguous: boolean } | null {
    const kept = this.outline.keptRows?.()
    if (kept && this.newest !== null && !this.given) {
      // The first rows of the order they were made in, as they lie: no pair read, their count the order's own (as the outline tells it unread).
      if (kept.count === this.outline.entryCount?.()) return { rows: kept, rowAt: (i) => i, contiguous: true }
      this.given = this.pairs // read now: the listing's length is then theirs
    }
    const added = kept && this.outline.entryOrder?.('added')
    if (!kept || !added || kept.count !== added.length >> 1) return null
    if (this.whole === added) return { rows: kept, rowAt: (i) => i, contiguous: true }
    // Each entry's row by its summary's index, or by `base` + its paper's for a paper without one: the
    // records counted where the outline counts them without a view of each, else the indexes the order holds.
    let { summaries: base, papers } = this.outline.recordCounts?.() ?? { summaries: 0, papers: 0 }
    if (!this.outline.recordCounts)
      for (let i = 0; i < added.length; i += 2) {
        base = Math.max(base, added[i]! + 1)
        papers = Math.max(papers, added[i + 1]! + 1)
      }
    const rowOf = new Int32Array(base + papers).fill(-1)
    for (let i = 0; i < added.length; i += 2) {
      const summary = added[i]!
      rowOf[summary >= 0 ? summary : base + added[i + 1]!] = i >> 1
    }
    // An order that names an entry twice (an index forged so) leaves another without a row.
    for (let i = 0; i < this.pairs.length; i += 2) {
      const summary = this.pairs[i]!
      if (!(rowOf[summary >= 0 ? (summary < base ? summary : -1) : base + this.pairs[i + 1]!]! >= 0)) return null
    }
    const { pairs } = this
    const rowAt = (i: number) => {
      const summary = pairs[2 * i]!
      return rowOf[summary >= 0 ? summary : base + pairs[2 * i + 1]!]!
    }
    return { rows: kept, rowAt, contiguous: false }
  }

  /** What a row shows of each entry, in the order listed: read in one pass over the entries. */
  rows(): ListedRows {
    const { outline, pairs } = this
    const [ids, years, titles] = [summaryColumn(outline, 'id'), paperColumn(outline, 'year'), paperColumn(outline, 'title')]
    const [tags, own] = [summaryColumn(outline, 'tags'), paperColumn(outline, 'tags')]
    let keys: readonly string[] | undefined // decoded only when an entry has no summary
    const rows: ListedRows = { ids: [], years: [], titles: [], tags: [] }
    for (let i = 0; i < pairs.length; i += 2) {
      const summary = pairs[i]!
      const paper = pairs[i + 1]!
      rows.ids.push(summary >= 0 ? ids[summary]! : (keys ??= paperColumn(outline, 'key'))[paper]!)
      rows.years.push(years[paper]!)
      rows.titles.push(titles[paper]!)
      const mine = own[paper]
      rows.tags.push(mine === undefined && summary >= 0 ? tags[summary]! : shownTags(mine, summary >= 0 ? tags[summary]! : null))
    }
    return rows
  }

  /** For an entry without a summary, its paper's reading state (undefined: none); null for an entry with one. */
  unsummarised(): (ReadingState | undefined | null)[] {
    let states: readonly (ReadingState | undefined)[] | undefined // decoded only when an entry has no summary
    return this.map((summary, paper) => (summary >= 0 ? null : (states ??= paperColumn(this.outline, 'state'))[paper]))
  }

  /** The entries themselves, their records the outline's. */
  entries(): OutlineEntry[] {
    return entriesAt(this.outline, this.pairs)
  }

  /**
   * What `--json` prints of each entry listed (entryRecord), its fields read from the columns: no
   * view of each record is made and no field read through one (a view's fields are getters: at
   * 10,000 summaries some 150,000 calls, with every record's view made for them).
   */
  records(): Record<string, unknown>[] {
    const { outline, pairs } = this
    const paper = <F extends keyof RecordedPaper>(field: F) => paperColumn(outline, field)
    const summary = <F extends keyof RecordedSummary & keyof SummaryOutline>(field: F) => summaryColumn(outline, field)
    const [keys, titles, authors, years, venues, arxivs, dois, urls] = [
      paper('key'),
      paper('title'),
      paper('authors'),
      paper('year'),
      paper('venue'),
      paper('arxiv'),
      paper('doi'),
      paper('url'),
    ]
    const [states, priorities, own] = [paper('state'), paper('priority'), paper('tags')]
    const [ids, tags, by, created, updated] = [
      summaryColumn(outline, 'id'),
      summary('tags'),
      summary('by'),
      summary('created'),
      summary('updated'),
    ]
    const records: Record<string, unknown>[] = new Array<Record<string, unknown>>(pairs.length >> 1)
    for (let i = 0; i < pairs.length; i += 2) {
      const s = pairs[i]!
      const p = pairs[i + 1]!
      const recorded: RecordedPaper = {
        key: keys[p]!,
        title: titles[p]!,
        authors: authors[p]!,
        year: years[p]!,
        venue: venues[p]!,
        arxiv: arxivs[p]!,
        doi: dois[p]!,
        url: urls[p]!,
        state: states[p],
        priority: priorities[p],
        tags: own[p],
      }
      const of: RecordedSummary | null = s >= 0 ? { tags: tags[s]!, by: by[s]!, created: created[s]!, updated: updated[s]! } : null
      records[i >> 1] = entryRecord({ id: s >= 0 ? ids[s]! : keys[p]!, paper: recorded, summary: of })
    }
    return records
  }

  private map<T>(value: (summary: number, paper: number) => T): T[] {
    const { pairs } = this
    const values: T[] = []
    for (let i = 0; i < pairs.length; i += 2) values.push(value(pairs[i]!, pairs[i + 1]!))
    return values
  }
}

/**
 * The entries `list` prints, a column per field in the order listed, read from the outline's columns
 * (paperColumn, summaryColumn): listing every entry of a library makes no view of each record nor an
 * entry object per row, and decodes only the fields a format prints (piped: ids, years, titles, tags).
 */
import type { ReadingState } from '../model.js'
import { shownTags } from '../tags/paper-tags.js'
import { entriesAt, type OutlineEntry } from './entries.js'
import { paperColumn, summaryColumn, type LibraryOutline } from './outline.js'

/** What a row of `list` shows of each entry listed, a field per array, in the order listed. */
export interface ListedRows {
  /** Its summary's id, or its paper's key when it has none. */
  ids: string[]
  years: (number | null)[]
  titles: string[]
  /** entryTags: its summary's and its paper's own, or its paper's own when it has no summary. */
  tags: (readonly string[])[]
}

export class Listing {
  /** How many entries are listed. */
  readonly length: number

  constructor(
    private readonly outline: LibraryOutline,
    /** The entries listed, in order, as sortedPairs gives them: [summary index or -1, paper index] pairs, flattened. */
    private readonly pairs: ArrayLike<number>,
  ) {
    this.length = pairs.length >> 1
  }

  /** The first `count` entries listed. */
  first(count: number): Listing {
    return count >= this.length ? this : new Listing(this.outline, Array.prototype.slice.call(this.pairs, 0, 2 * count) as number[])
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

  /** The entries themselves, their records the outline's (what --json prints: every field). */
  entries(): OutlineEntry[] {
    return entriesAt(this.outline, this.pairs)
  }

  private map<T>(value: (summary: number, paper: number) => T): T[] {
    const { pairs } = this
    const values: T[] = []
    for (let i = 0; i < pairs.length; i += 2) values.push(value(pairs[i]!, pairs[i + 1]!))
    return values
  }
}

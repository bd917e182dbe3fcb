// The names of the library's records, kept by the index so that `show` finds the records a handle or
// a citation key names without decoding every key and id: each distinct lower-cased paper key,
// summary id and paper a summary names, sorted as JavaScript compares strings (UTF-16 code units),
// searched by binary search. With each name, the records that bear it, the paper a citation naming
// it resolves to, and the summaries citing each paper that bears it.
//
// The index keeps the names in chunks of NAMES_PER_CHUNK, each checked on its own when a lookup first
// needs it (format.ts), with the first name of each chunk in a small directory: a lookup checks and
// decodes the directory and one or two chunks, whatever the size of the library.
import type { PaperOutline, SummaryOutline } from '../../core/records/outline.js'

/** What a reference to a record says it is: 3 × the record's index + one of these. */
export const PAPER_KEY = 0
export const SUMMARY_ID = 1
export const SUMMARY_PAPER = 2

/** How many names one chunk of the index holds. */
export const NAMES_PER_CHUNK = 256

/** A name of the table, with what it leads to. */
export interface NameEntry {
  /** The name, lower-cased. */
  name: string
  /** The records bearing it, as 3 × index + PAPER_KEY, SUMMARY_ID or SUMMARY_PAPER, ascending (each kind in library order). */
  refs: readonly number[]
  /** The index of the paper a citation of it resolves to (CitationResolver), or -1. */
  cited: number
  /** For each paper among `refs` (in their order), the summaries citing it (by index, in library order): what `backlinks` finds for its key. */
  citing: readonly (readonly number[])[]
}

/** The names, sorted, each with its entry. */
export interface NameTable {
  /** How many names there are. */
  readonly count: number
  /** The first position whose name fails `before`, the names passing it all coming first (as they do for `name < x`). */
  partition(before: (name: string) => boolean): number
  /** The entry at position `n` (0 ≤ n < count). */
  entry(n: number): NameEntry
}

/** A name table held in memory, as built or as read whole. */
export class NameList implements NameTable {
  constructor(readonly entries: readonly NameEntry[]) {}

  get count(): number {
    return this.entries.length
  }

  partition(before: (name: string) => boolean): number {
    return partitionPoint(0, this.entries.length, (n) => before(this.entries[n]!.name))
  }

  entry(n: number): NameEntry {
    return this.entries[n]!
  }
}

/** The first position in [lo, hi) where `passes` fails, `passes` holding for a prefix of them. */
export function partitionPoint(lo: number, hi: number, passes: (at: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (passes(mid)) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * The name table of records in library order, `cites` being the paper keys each summary cites
 * (citedPaperKeys). What a citation of each name resolves to is found as CitationResolver finds it
 * (a paper key, the last paper's; else a summary id, the first whose paper resolves, summaries read
 * in order, so an id may resolve through an earlier summary's), on the table's own entries: no map
 * of the names, nor of the papers, made for it.
 */
export function buildNames(
  papers: readonly PaperOutline[],
  summaries: readonly SummaryOutline[],
  cites: readonly (readonly string[])[],
): NameList {
  const byName = new Map<string, { refs: number[]; cited: number }>()
  const add = (name: string, ref: number) => {
    const lower = name.toLowerCase()
    const found = byName.get(lower)
    if (found) found.refs.push(ref)
    else byName.set(lower, { refs: [ref], cited: -1 })
    return found ?? byName.get(lower)!
  }
  papers.forEach((paper, i) => (add(paper.key, 3 * i + PAPER_KEY).cited = i))
  summaries.forEach((summary, i) => {
    const id = add(summary.id, 3 * i + SUMMARY_ID)
    const paper = add(summary.paper, 3 * i + SUMMARY_PAPER).cited
    if (paper >= 0 && id.cited < 0) id.cited = paper
  })
  const citingByKey = new Map<string, number[]>()
  cites.forEach((keys, s) => {
    for (const key of keys) {
      const list = citingByKey.get(key)
      if (list) list.push(s)
      else citingByKey.set(key, [s])
    }
  })
  const none: readonly number[] = [] // most papers are cited by no summary: one list for all of them
  const entries = [...byName.keys()].sort().map((name): NameEntry => {
    const { refs, cited } = byName.get(name)!
    refs.sort((a, b) => a - b)
    const citing: (readonly number[])[] = []
    for (const ref of refs) if (ref % 3 === PAPER_KEY) citing.push(citingByKey.get(papers[(ref - PAPER_KEY) / 3]!.key) ?? none)
    return { name, refs, cited, citing }
  })
  return new NameList(entries)
}

const isIndex = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0

/**
 * Whether `value` is a name entry as precis writes it: a name, references (whole, ascending), the
 * cited paper (an index or -1), and a list of citing summaries for each paper reference. Whether
 * the records are the library's and bear the name is checked where they are read.
 */
function isNameEntry(value: unknown): value is NameEntry {
  if (typeof value !== 'object' || value === null) return false
  const { name, refs, cited, citing } = value as Record<string, unknown>
  if (typeof name !== 'string' || !Array.isArray(refs) || !Array.isArray(citing) || !(isIndex(cited) || cited === -1)) return false
  let papers = 0
  for (let r = 0; r < refs.length; r++) {
    const ref = refs[r] as unknown
    if (!isIndex(ref) || (r > 0 && !(ref > (refs[r - 1] as number)))) return false
    if (ref % 3 === PAPER_KEY) papers++
  }
  return citing.length === papers && citing.every((list) => Array.isArray(list) && list.every(isIndex))
}

/**
 * The entries of one chunk as the index stores them (JSON: [name, refs, cited, citing] each), or
 * null when `value` is not `count` entries as precis writes them, strictly sorted by name, the
 * first being `first` and every one before `next` (the next chunk's first name, if any).
 */
export function chunkEntries(value: unknown, count: number, first: string, next: string | undefined): NameEntry[] | null {
  if (!Array.isArray(value) || value.length !== count) return null
  const entries: NameEntry[] = []
  for (const item of value as unknown[]) {
    if (!Array.isArray(item) || item.length !== 4) return null
    const [name, refs, cited, citing] = item as unknown[]
    const entry: unknown = { name, refs, cited, citing }
    if (!isNameEntry(entry)) return null
    const before = entries[entries.length - 1]
    if (before ? !(before.name < entry.name) : entry.name !== first) return null
    entries.push(entry)
  }
  return next === undefined || entries[entries.length - 1]!.name < next ? entries : null
}

/** An entry as a chunk stores it (chunkEntries reads it back). */
export const storedEntry = (e: NameEntry): unknown[] => [e.name, e.refs, e.cited, e.citing]

/** The first name not before `wanted`. */
const lowerBound = (table: NameTable, wanted: string) => table.partition((name) => name < wanted)

/** The names (as [first, end) positions) that start with `prefix` (lower-cased as the names are): they lie together. */
export function namesStartingWith(table: NameTable, prefix: string): [number, number] {
  return [lowerBound(table, prefix), table.partition((name) => name < prefix || name.startsWith(prefix))]
}

/** The position of the name `name` (lower-cased as the names are), or -1. */
export function nameAt(table: NameTable, name: string): number {
  const at = lowerBound(table, name)
  return at < table.count && table.entry(at).name === name ? at : -1
}

/** The records bearing the names in [first, end), each as [index, kind] (PAPER_KEY, SUMMARY_ID or SUMMARY_PAPER). */
export function referencesOf(table: NameTable, first: number, end: number): [number, number][] {
  const found: [number, number][] = []
  for (let n = first; n < end; n++) for (const ref of table.entry(n).refs) found.push([Math.floor(ref / 3), ref % 3])
  return found
}

/** How many records bear the names in [first, end), without reading more of them than `most` + one name. */
export function referenceCount(table: NameTable, first: number, end: number, most: number): number {
  let count = 0
  for (let n = first; n < end && count <= most; n++) count += table.entry(n).refs.length
  return count
}

/** The summaries (by index) citing the paper at `paper`, which the name at `name` lists; null when it does not list it. */
export function citingOf(table: NameTable, name: number, paper: number): readonly number[] | null {
  const { refs, citing } = table.entry(name)
  const papers = refs.filter((ref) => ref % 3 === PAPER_KEY)
  const at = papers.indexOf(3 * paper + PAPER_KEY)
  return at < 0 ? null : citing[at]!
}

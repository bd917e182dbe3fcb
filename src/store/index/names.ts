// The names of the library's records, kept by the index so that `show` finds the records a handle or
// a citation key names without decoding every key and id: each distinct lower-cased paper key,
// summary id and paper a summary names, sorted as JavaScript compares strings (UTF-16 code units),
// one after another in one text, searched by binary search. With each name, the records that bear
// it and the paper a citation naming it resolves to; with each paper, the summaries citing it.
import { CitationResolver } from '../../core/citations/citations.js'
import type { PaperOutline, SummaryOutline } from '../../core/records/outline.js'

/** What a reference to a record says it is: 3 × the record's index + one of these. */
export const PAPER_KEY = 0
export const SUMMARY_ID = 1
export const SUMMARY_PAPER = 2

export interface NameTable {
  /** The distinct lower-cased names, sorted, one after another. */
  text: string
  /** Where each name starts in `text`, then where the last one ends. */
  starts: ArrayLike<number>
  /** Where each name's references start in `refs`, then where the last one's end. */
  refStarts: ArrayLike<number>
  /** The records bearing each name, as 3 × index + PAPER_KEY, SUMMARY_ID or SUMMARY_PAPER, ascending (each kind in library order). */
  refs: ArrayLike<number>
  /** For each name, the index of the paper a citation of it resolves to (CitationResolver), or -1. */
  cited: ArrayLike<number>
  /** Where each paper's citing summaries start in `citing`, then where the last one's end. */
  citingStarts: ArrayLike<number>
  /** The summaries citing each paper (by index, in library order): what `backlinks` finds for the paper's key. */
  citing: ArrayLike<number>
}

/** The name table of records in library order, `cites` being the paper keys each summary cites (citedPaperKeys). */
export function buildNames(
  papers: readonly PaperOutline[],
  summaries: readonly SummaryOutline[],
  cites: readonly (readonly string[])[],
): NameTable {
  const byName = new Map<string, number[]>()
  const add = (name: string, ref: number) => {
    const lower = name.toLowerCase()
    const refs = byName.get(lower)
    if (refs) refs.push(ref)
    else byName.set(lower, [ref])
  }
  papers.forEach((paper, i) => add(paper.key, 3 * i + PAPER_KEY))
  summaries.forEach((summary, i) => {
    add(summary.id, 3 * i + SUMMARY_ID)
    add(summary.paper, 3 * i + SUMMARY_PAPER)
  })
  const names = [...byName.keys()].sort()
  const starts = [0]
  const refStarts = [0]
  const refs: number[] = []
  for (const name of names) {
    starts.push(starts[starts.length - 1]! + name.length)
    refs.push(...byName.get(name)!.sort((a, b) => a - b))
    refStarts.push(refs.length)
  }
  const paperAt = new Map(papers.map((paper, i) => [paper, i]))
  const resolver = new CitationResolver({ papers, summaries })
  const cited = names.map((name) => {
    const paper = resolver.resolve(name)
    return paper ? paperAt.get(paper)! : -1
  })
  const citingByKey = new Map<string, number[]>()
  cites.forEach((keys, s) => {
    for (const key of keys) {
      const list = citingByKey.get(key)
      if (list) list.push(s)
      else citingByKey.set(key, [s])
    }
  })
  const citingStarts = [0]
  const citing: number[] = []
  for (const paper of papers) {
    citing.push(...(citingByKey.get(paper.key) ?? []))
    citingStarts.push(citing.length)
  }
  return { text: names.join(''), starts, refStarts, refs, cited, citingStarts, citing }
}

/**
 * Whether `table` is one precis writes for `papers` papers: its parts of the right lengths, and the
 * names in their place, distinct and sorted (one pass over them). What a read uses of the rest (the
 * records listed under a few names, a paper's citing summaries) is checked where it is used: each
 * record must be one the library holds, and bear the name it is listed under.
 */
export function isNameTable(table: NameTable, papers: number): boolean {
  const { text, starts, refStarts, refs, citingStarts, citing } = table
  const names = table.cited.length
  if (starts.length !== names + 1 || refStarts.length !== names + 1 || citingStarts.length !== papers + 1) return false
  if (refStarts[names] !== refs.length || citingStarts[papers] !== citing.length || starts[0] !== 0 || starts[names] !== text.length)
    return false
  let before = ''
  for (let n = 0; n < names; n++) {
    const from = starts[n]!
    const to = starts[n + 1]!
    if (to < from) return false
    const name = text.slice(from, to)
    if (n > 0 && !(before < name)) return false
    before = name
  }
  return true
}

/** Name `n`. (A slice of the text: no letters copied.) */
const nameOf = (table: NameTable, n: number) => table.text.slice(table.starts[n], table.starts[n + 1])

/** The positions [first, end) of `offsets` that hold an offset range: whole numbers, in order, within `length`; else null. */
function rangeOf(offsets: ArrayLike<number>, first: number, end: number, length: number): [number, number] | null {
  const [from, to] = [offsets[first]!, offsets[end]!]
  return Number.isSafeInteger(from) && Number.isSafeInteger(to) && 0 <= from && from <= to && to <= length ? [from, to] : null
}

/** Whether name `n` starts with `prefix`. */
const startsWith = (table: NameTable, n: number, prefix: string) =>
  table.starts[n + 1]! - table.starts[n]! >= prefix.length && table.text.startsWith(prefix, table.starts[n])

/** The first name not before `wanted`. */
function lowerBound(table: NameTable, wanted: string): number {
  let [lo, hi] = [0, table.cited.length]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (nameOf(table, mid) < wanted) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The names (as [first, end) positions) that start with `prefix` (lower-cased as the names are): they lie together. */
export function namesStartingWith(table: NameTable, prefix: string): [number, number] {
  const first = lowerBound(table, prefix)
  let [lo, hi] = [first, table.cited.length]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (startsWith(table, mid, prefix)) lo = mid + 1
    else hi = mid
  }
  return [first, lo]
}

/** The position of the name `name` (lower-cased as the names are), or -1. */
export function nameAt(table: NameTable, name: string): number {
  const at = lowerBound(table, name)
  return at < table.cited.length && nameOf(table, at) === name ? at : -1
}

/**
 * The records bearing the names in [first, end), each as [index, kind] (PAPER_KEY, SUMMARY_ID or
 * SUMMARY_PAPER); null when one is not a reference precis writes.
 */
export function referencesOf(table: NameTable, first: number, end: number): [number, number][] | null {
  const range = rangeOf(table.refStarts, first, end, table.refs.length)
  if (!range) return null
  const found: [number, number][] = []
  for (let r = range[0]; r < range[1]; r++) {
    const ref = table.refs[r]!
    if (!Number.isSafeInteger(ref) || ref < 0) return null
    found.push([Math.floor(ref / 3), ref % 3])
  }
  return found
}

/** The summaries (by index) citing the paper at `paper`; null when the table does not say where they are. */
export function citingOf(table: NameTable, paper: number): number[] | null {
  const range = rangeOf(table.citingStarts, paper, paper + 1, table.citing.length)
  return range && Array.from({ length: range[1] - range[0] }, (_, i) => table.citing[range[0] + i]!)
}

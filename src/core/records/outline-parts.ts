/**
 * Records an outline selects, read a part at a time where they lie: an export of every record of a
 * large library reads them so, and never holds them all.
 */
import { emptyLibrary, type Library, type Paper, type Summary } from '../model.js'
import type { LibraryOutline } from './outline.js'

/** Papers read at a time, with their summaries, for a document written a part at a time. */
export const PART_PAPERS = 64

/** Reads the papers and the summaries at these positions of the outline's lists (in the order asked). */
export type RecordsRead = (papers: readonly number[], summaries: readonly number[]) => { papers: Paper[]; summaries: Summary[] }

/** The positions in `records` of those `wanted`, in order. */
export function positions<T>(records: readonly T[], wanted: (record: T) => boolean): number[] {
  return records.flatMap((record, at) => (wanted(record) ? [at] : []))
}

/** The records at `places`, read PART_PAPERS at a time by `read`. */
export function* inParts<T>(places: readonly number[], read: (part: readonly number[]) => T[]): Generator<T> {
  for (let at = 0; at < places.length; at += PART_PAPERS) yield* read(places.slice(at, at + PART_PAPERS))
}

/** The papers at `papers` (in library order) `size` at a time, each part with those of their summaries at `summaries`, in library order. */
export function* paperParts(
  outline: LibraryOutline,
  papers: readonly number[],
  summaries: readonly number[],
  read: RecordsRead,
  size = PART_PAPERS,
): Generator<Library> {
  const byPaper = new Map<string, number[]>()
  for (const at of summaries) {
    const key = outline.summaries[at]!.paper
    const list = byPaper.get(key)
    if (list) list.push(at)
    else byPaper.set(key, [at])
  }
  for (let at = 0; at < papers.length; at += size) {
    const part = papers.slice(at, at + size)
    const own = part.flatMap((paper) => byPaper.get(outline.papers[paper]!.key) ?? []).sort((a, b) => a - b)
    const records = read(part, own)
    yield { ...emptyLibrary(), papers: records.papers, summaries: records.summaries }
  }
}

/**
 * The keys the summaries at `summaries` (in library order) cite beyond `keys` (their papers), each
 * once, in the order first cited: from the keys the outline keeps each summary citing.
 */
export function citedBeyond(outline: LibraryOutline, keys: ReadonlySet<string>, summaries: readonly number[]): string[] {
  const citedKeys = outline.citedKeys()
  const have = new Set(keys)
  const cited: string[] = []
  for (const at of summaries) {
    for (const key of citedKeys[at]!) {
      if (have.has(key)) continue
      have.add(key)
      cited.push(key)
    }
  }
  return cited
}

import { closeSync, fstatSync, readSync } from 'node:fs'
import type { Paper, Summary } from '../../core/model.js'
import { readPaper, readSummary } from '../../core/schema/schema.js'
import { openRegularFile } from '../../platform/regular-file.js'
import type { PickedRecords } from '../outline-reads.js'
import type { IndexContents } from './contents.js'
import { identityOf, sameIdentity } from './identity.js'

function readRange(fd: number, start: number, end: number): string {
  const bytes = Buffer.allocUnsafe(end - start)
  let filled = 0
  while (filled < bytes.length) {
    const read = readSync(fd, bytes, filled, bytes.length - filled, start + filled)
    if (read === 0) break
    filled += read
  }
  return bytes.toString('utf8', 0, filled)
}

function parsed<T>(text: string, check: (value: unknown) => T | undefined): T | undefined {
  try {
    return check(JSON.parse(text))
  } catch {
    return undefined
  }
}

/** Reads records where an index says they lie in the library file; null when it is no longer the file the index was built from. */
function placedReader<T>(
  target: string,
  index: IndexContents,
  use: (read: (places: ArrayLike<number>, at: number) => string) => T,
): T | null {
  let opened: { fd: number }
  try {
    opened = openRegularFile(target)
  } catch {
    return null
  }
  try {
    const info = fstatSync(opened.fd, { bigint: true })
    if (!sameIdentity(identityOf(info), index.identity)) return null
    const size = Number(info.size)
    // A place that is not one in the file (an index not written by precis) reads nothing, and the record is then not found there.
    return use((places, at) => {
      const [start, end] = [places[2 * at]!, places[2 * at + 1]!]
      return Number.isSafeInteger(start) && Number.isSafeInteger(end) && 0 <= start && start <= end && end <= size
        ? readRange(opened.fd, start, end)
        : ''
    })
  } finally {
    closeSync(opened.fd)
  }
}

/**
 * The papers `keys` and summaries `ids` read from where the index says they lie in the library
 * file, each parsed and checked on its own, as a whole read checks it. Null when the file opened
 * is no longer the one the index was built from, or a record is not where it should be: the
 * caller then reads the whole library.
 */
export function readRecordsAt(target: string, index: IndexContents, keys: readonly string[], ids: readonly string[]): PickedRecords | null {
  return placedReader(target, index, (read) => {
    const picked: PickedRecords = { papers: new Map(), summaries: new Map() }
    for (const key of keys) {
      const at = index.papers.findIndex((paper) => paper.key === key)
      const paper = at < 0 ? undefined : parsed(read(index.paperPlaces, at), readPaper)
      if (paper?.key !== key) return null
      picked.papers.set(key, paper)
    }
    for (const id of ids) {
      const at = index.summaries.findIndex((summary) => summary.id === id)
      const summary = at < 0 ? undefined : parsed(read(index.summaryPlaces, at), readSummary)
      if (summary?.id !== id) return null
      picked.summaries.set(id, summary)
    }
    return picked
  })
}

/**
 * The papers and summaries at the positions `papers` and `summaries` of the index's lists, read
 * from where it says they lie, each parsed and checked on its own; null when the file is no longer
 * the one the index was built from or a record is not there (the caller checks they are the ones it wanted).
 */
export function readRecordsAtPositions(
  target: string,
  index: IndexContents,
  papers: readonly number[],
  summaries: readonly number[],
): { papers: Paper[]; summaries: Summary[] } | null {
  return placedReader(target, index, (read) => {
    const found = { papers: [] as Paper[], summaries: [] as Summary[] }
    for (const at of papers) {
      const paper = parsed(read(index.paperPlaces, at), readPaper)
      if (!paper) return null
      found.papers.push(paper)
    }
    for (const at of summaries) {
      const summary = parsed(read(index.summaryPlaces, at), readSummary)
      if (!summary) return null
      found.summaries.push(summary)
    }
    return found
  })
}

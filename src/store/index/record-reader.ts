import { closeSync, fstatSync, readSync } from 'node:fs'
import type { Paper, Summary } from '../../core/model.js'
import { readPaper, readSummary } from '../../core/schema/schema.js'
import { openRegularFile } from '../../platform/regular-file.js'
import type { PickedRecords, RecordPlaces } from '../outline-reads.js'
import type { IndexContents } from './contents.js'
import { identityOf, sameIdentity } from './identity.js'
import { closeWhenUnreachable } from './open-files.js'

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

/** Where record `at` of `list` lies, as the index says (a few places checked when it can: placeOf). */
function placeOf(index: IndexContents, list: 'papers' | 'summaries', at: number): readonly [number, number] | undefined {
  const place = index.placeOf?.(list, at)
  if (place) return place
  const places = list === 'papers' ? index.paperPlaces : index.summaryPlaces
  return [places[2 * at]!, places[2 * at + 1]!]
}

/** The library file `target` opened, when it is still the one `index` was built from; else null. */
function openPlaced(target: string, index: IndexContents): { fd: number; size: number } | null {
  let opened: { fd: number }
  try {
    opened = openRegularFile(target)
  } catch {
    return null
  }
  try {
    const info = fstatSync(opened.fd, { bigint: true })
    if (sameIdentity(identityOf(info), index.identity)) return { fd: opened.fd, size: Number(info.size) }
  } catch (error) {
    closeSync(opened.fd)
    throw error
  }
  closeSync(opened.fd)
  return null
}

/** The JSON text of record `at` of `list` in `file` (openPlaced), where the index says it lies. */
function placedText(index: IndexContents, file: { fd: number; size: number }, list: 'papers' | 'summaries', at: number): string {
  const [start, end] = placeOf(index, list, at) ?? [NaN, NaN]
  // A place that is not one in the file (an index not written by precis) reads nothing, and the record is then not found there.
  return Number.isSafeInteger(start) && Number.isSafeInteger(end) && 0 <= start && start <= end && end <= file.size
    ? readRange(file.fd, start, end)
    : ''
}

/** Reads records where an index says they lie in the library file; null when it is no longer the file the index was built from. */
function placedReader<T>(
  target: string,
  index: IndexContents,
  use: (read: (list: 'papers' | 'summaries', at: number) => string) => T,
): T | null {
  const file = openPlaced(target, index)
  if (!file) return null
  try {
    return use((list, at) => placedText(index, file, list, at))
  } finally {
    closeSync(file.fd)
  }
}

/**
 * The JSON text of the records at `places` of the index's `list` (`papers` or `summaries`), as the
 * library file holds it where the index says they lie: not parsed, not checked. Null when the file
 * opened is no longer the one the index was built from, or a place is not one of a record in it.
 */
function readPlacedTexts(target: string, index: IndexContents, list: 'papers' | 'summaries', places: readonly number[]): string[] | null {
  if (places.length === 0) return []
  // The counts, not the outline's rows (index.summaries makes a view of every summary).
  const counts = index.recordCounts?.() ?? { papers: index.papers.length, summaries: index.summaries.length }
  const count = counts[list]
  if (!places.every((at) => Number.isInteger(at) && at >= 0 && at < count)) return null
  const texts = placedReader(target, index, (read) => places.map((at) => read(list, at)))
  // No record is empty: an empty text is a place outside the file.
  return texts && !texts.includes('') ? texts : null
}

/**
 * The records at `places` of the index's `list`, read as readPlacedTexts reads them, each parsed and
 * checked on its own (as a whole read checks it) and required to be the record the index names
 * there. Null as readPlacedTexts, or when one is not.
 */
export function readPlacedRecords(target: string, index: IndexContents, list: 'papers', places: readonly number[]): Paper[] | null
export function readPlacedRecords(target: string, index: IndexContents, list: 'summaries', places: readonly number[]): Summary[] | null
export function readPlacedRecords(
  target: string,
  index: IndexContents,
  list: 'papers' | 'summaries',
  places: readonly number[],
): (Paper | Summary)[] | null {
  const texts = readPlacedTexts(target, index, list, places)
  if (!texts) return null
  const records: (Paper | Summary)[] = []
  for (let i = 0; i < texts.length; i++) {
    const at = places[i]!
    if (list === 'papers') {
      const paper = parsed(texts[i]!, readPaper)
      if (paper?.key !== (index.paperAt ? index.paperAt(at) : index.papers[at])!.key) return null
      records.push(paper)
    } else {
      const summary = parsed(texts[i]!, readSummary)
      if (summary?.id !== (index.summaryAt ? index.summaryAt(at) : index.summaries[at])!.id) return null
      records.push(summary)
    }
  }
  return records
}

/**
 * The papers `keys` and summaries `ids` read from where the index says they lie in the library
 * file, each parsed and checked on its own, as a whole read checks it. Null when the file opened
 * is no longer the one the index was built from, or a record is not where it should be: the
 * caller then reads the whole library.
 */
export function readRecordsAt(
  target: string,
  index: IndexContents,
  keys: readonly string[],
  ids: readonly string[],
  places?: RecordPlaces,
): PickedRecords | null {
  return placedReader(target, index, (read) => {
    const byKey = (paper: { key: string }) => paper.key
    const byId = (summary: { id: string }) => summary.id
    // The outline's rows are made only when a record is not where its hint says (a search's hints hold).
    const counts = index.recordCounts?.() ?? { papers: index.papers.length, summaries: index.summaries.length }
    const papers = recordsNamed(
      keys,
      counts.papers,
      () => index.papers,
      byKey,
      places?.papers,
      (at) => parsed(read('papers', at), readPaper),
    )
    const summaries =
      papers &&
      recordsNamed(
        ids,
        counts.summaries,
        () => index.summaries,
        byId,
        places?.summaries,
        (at) => parsed(read('summaries', at), readSummary),
      )
    return papers && summaries ? { papers, summaries } : null
  })
}

/**
 * The records named `names` (a paper's key, a summary's id: `nameOf`), each read where `hint` says
 * it is when the record there bears that name, else where `rows` (the index's outline of them, of
 * `count` records) first lists it; null when one is not found.
 */
function recordsNamed<Row, R extends Row>(
  names: readonly string[],
  count: number,
  rows: () => readonly Row[],
  nameOf: (record: Row) => string,
  hint: readonly number[] | undefined,
  readAt: (at: number) => R | undefined,
): Map<string, R> | null {
  const hinted = names.map((name, i) => {
    const record = atPlace(hint?.[i], count, readAt)
    return record && nameOf(record) === name ? record : undefined
  })
  const unhinted = names.filter((_, i) => !hinted[i])
  const firstAt = unhinted.length > 0 ? firstPlaces(rows(), unhinted, nameOf) : new Map<string, number>()
  const found = new Map<string, R>()
  for (const [i, name] of names.entries()) {
    const at = firstAt.get(name)
    const record = hinted[i] ?? (at === undefined ? undefined : readAt(at))
    if (!record || nameOf(record) !== name) return null
    found.set(name, record)
  }
  return found
}

/**
 * Reads of the papers and summaries at positions of the index's lists, read from where it says they
 * lie, each parsed and checked on its own; a read gives null when the file is no longer the one the
 * index was built from or a record is not there (the caller checks they are the ones it wanted).
 * The file is opened at the first read that finds it the index's and kept open for the others: a
 * command's name lookups read a few records at a time, many times over (a handle, the records
 * bearing each key it reaches, each citation), and each then reads the state of the library the
 * first one checked, as an index's sections are read from one state of the index.
 */
export function recordsAtPositions(
  target: string,
  index: IndexContents,
): (papers: readonly number[], summaries: readonly number[]) => { papers: Paper[]; summaries: Summary[] } | null {
  let file: { fd: number; size: number } | null = null
  const read = (papers: readonly number[], summaries: readonly number[]) => {
    if (!file) {
      file = openPlaced(target, index)
      if (!file) return null
      closeWhenUnreachable(read, file.fd)
    }
    const found = { papers: [] as Paper[], summaries: [] as Summary[] }
    for (const at of papers) {
      const paper = parsed(placedText(index, file, 'papers', at), readPaper)
      if (!paper) return null
      found.papers.push(paper)
    }
    for (const at of summaries) {
      const summary = parsed(placedText(index, file, 'summaries', at), readSummary)
      if (!summary) return null
      found.summaries.push(summary)
    }
    return found
  }
  return read
}

/** The record read at index `at` when it is one of the `count` records, else undefined. */
function atPlace<R>(at: number | undefined, count: number, read: (at: number) => R | undefined): R | undefined {
  return at !== undefined && Number.isInteger(at) && at >= 0 && at < count ? read(at) : undefined
}

/**
 * Where each of `names` first is among `rows` (as findIndex would find it), in one pass that stops
 * once all are found: a search shows 20 records of 100,000, and a pass per record was most of its read.
 */
function firstPlaces<R>(rows: readonly R[], names: readonly string[], name: (row: R) => string): Map<string, number> {
  const wanted = new Set(names)
  const found = new Map<string, number>()
  for (let at = 0; at < rows.length && found.size < wanted.size; at++) {
    const seen = name(rows[at]!)
    if (wanted.has(seen) && !found.has(seen)) found.set(seen, at)
  }
  return found
}

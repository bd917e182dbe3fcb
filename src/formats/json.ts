/**
 * JSON import and export in the library's own format (README, File format), so an export is itself a
 * valid library file and any library file we wrote can be imported.
 */
import type { Library } from '../core/model.js'
import { LIBRARY_FORMAT, LIBRARY_VERSION } from '../core/model.js'
import type { Entry } from '../core/records/entries.js'
import { validateLibrary } from '../core/schema/schema.js'
import { serializeLibrary } from '../store/serialize.js'
import { parseJsonText } from '../core/text/input.js'
import type { ImportRecord, ImportResult } from '../core/merge/imported-records.js'

/**
 * The part of `lib` that `entries` name: their papers and summaries, in library order. The trash
 * is not part of an export; it belongs to the library it was deleted from.
 */
export function librarySubset(lib: Library, entries: readonly Entry[]): Library {
  const papers = new Set(entries.map((entry) => entry.paper.key))
  const summaries = new Set(entries.flatMap((entry) => (entry.summary ? [entry.summary.id] : [])))
  return {
    format: LIBRARY_FORMAT,
    version: LIBRARY_VERSION,
    papers: lib.papers.filter((paper) => papers.has(paper.key)),
    summaries: lib.summaries.filter((summary) => summaries.has(summary.id)),
    trash: [],
  }
}

/** The library file's text, exactly as the store writes it (records in their stable order). */
export function libraryToJson(lib: Library): string {
  return [...serializeLibrary(lib)].join('')
}

/**
 * Read a library file as import records: each paper with its summaries. The whole file is checked
 * against the schema (unknown keys, `__proto__` included, are dropped); an invalid file throws
 * DataError naming `source` and listing the problems. A summary whose paper is missing is a problem.
 */
export function readJsonLibrary(text: string, source: string): ImportResult {
  const lib = validateLibrary(parseJsonText(text, source), source)
  const records = new Map<string, ImportRecord>(
    lib.papers.map((paper) => [paper.key, { origin: `${source}, paper ${paper.key}`, paper, summaries: [] }]),
  )
  const problems = []
  for (const { paper, ...summary } of lib.summaries) {
    const record = records.get(paper)
    if (record) record.summaries.push(summary)
    else problems.push({ origin: `${source}, summary ${summary.id}`, reason: `its paper ${JSON.stringify(paper)} is not in the file` })
  }
  return { records: [...records.values()], problems }
}

import type { Library, Paper, Summary, TrashEntry } from '../core/model.js'
// Field order is the schema's, so a record reads the same however the code that made it built it.
import { PAPER_FIELDS, SUMMARY_FIELDS, TRASH_FIELDS } from '../core/validate-fast.js'

function inFieldOrder<T extends object>(record: T, fields: readonly (keyof T)[]): T {
  const ordered = {} as T
  for (const field of fields) ordered[field] = record[field]
  return ordered
}

const orderedPaper = (paper: Paper): Paper => inFieldOrder(paper, PAPER_FIELDS)
const orderedSummary = (summary: Summary): Summary => inFieldOrder(summary, SUMMARY_FIELDS)
const orderedTrashEntry = (entry: TrashEntry): TrashEntry =>
  inFieldOrder({ ...entry, summary: orderedSummary(entry.summary), paper: entry.paper && orderedPaper(entry.paper) }, TRASH_FIELDS)

/**
 * Order ids the way people number them: digit runs compare as numbers (`x-2` before `x-10`), the
 * rest by code unit, never by locale, so every machine sorts alike. Equal-looking ids (`x01`, `x1`)
 * fall back to a plain comparison: the order is total.
 */
export function compareIds(a: string, b: string): number {
  const runs = /\d+|\D+/g
  const left = a.match(runs) ?? []
  const right = b.match(runs) ?? []
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i]!
    const y = right[i]!
    if (x === y) continue
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const [nx, ny] = [x.replace(/^0+(?=\d)/, ''), y.replace(/^0+(?=\d)/, '')]
      if (nx.length !== ny.length) return nx.length - ny.length
      if (nx !== ny) return nx < ny ? -1 : 1
      continue
    }
    return x < y ? -1 : 1
  }
  if (left.length !== right.length) return left.length - right.length
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * The library in its stable form: papers by key, summaries by id (so a paper's summaries stay in
 * the order they were numbered), trash by deletion time (the order it was filled in), fields in
 * schema order. Two libraries with the same records give the same text, whatever order they
 * were changed in: `git diff` shows only what changed and merges line up.
 */
export function stableLibrary(lib: Library): Library {
  const byDeletion = (a: TrashEntry, b: TrashEntry) =>
    (a.deleted < b.deleted ? -1 : a.deleted > b.deleted ? 1 : 0) || compareIds(a.summary.id, b.summary.id)
  return {
    format: lib.format,
    version: lib.version,
    papers: lib.papers.map(orderedPaper).sort((a, b) => compareIds(a.key, b.key)),
    summaries: lib.summaries.map(orderedSummary).sort((a, b) => compareIds(a.id, b.id)),
    trash: lib.trash.map(orderedTrashEntry).sort(byDeletion),
  }
}

function indentRecord(record: unknown): string {
  // String values never hold a raw newline in JSON, so indenting at newlines only touches structure.
  return '    ' + JSON.stringify(record, null, 2).replace(/\n/g, '\n    ')
}

function* recordList(name: string, records: readonly unknown[], last: boolean): Generator<string> {
  yield `  ${JSON.stringify(name)}: [`
  for (let i = 0; i < records.length; i++) yield (i === 0 ? '\n' : ',\n') + indentRecord(records[i])
  yield records.length > 0 ? '\n  ]' : ']'
  yield last ? '\n' : ',\n'
}

/**
 * The library as JSON text in its stable form (see `stableLibrary`), one field per line, in
 * pieces so a large library never has to become one giant string. The text is exactly
 * `JSON.stringify(stableLibrary(lib), null, 2) + '\n'`.
 */
export function* serializeLibrary(lib: Library): Generator<string> {
  const stable = stableLibrary(lib)
  yield `{\n  "format": ${JSON.stringify(stable.format)},\n  "version": ${JSON.stringify(stable.version)},\n`
  yield* recordList('papers', stable.papers, false)
  yield* recordList('summaries', stable.summaries, false)
  yield* recordList('trash', stable.trash, true)
  yield '}\n'
}

/**
 * Merging imported records into the library. The same function serves `--dry-run` (on a copy) and
 * the real import (inside one `store.update`), so the plan printed is the plan applied.
 *
 * Rules: a paper is the one already in the library with the same key and title, arXiv id, DOI, or
 * normalised title and year (unless core/papers/same-paper.ts finds they are two papers); a record whose paper is
 * unknown but whose summaries are all in the library already belongs to their paper. A summary is
 * the one on that paper with the same content, else the same id (or, when the input has no ids, the
 * same body up to line ends and trailing spaces). What is identical is "unchanged", so importing the
 * same input twice changes nothing. What differs is a conflict, settled by `onConflict`: `skip`
 * leaves the library's record, `update` takes the imported values, `keep-both` adds the imported
 * record beside it. Only real values differ (compare.ts): a placeholder or empty value never
 * replaces a real one, whatever `onConflict` says, and an update adds tags without dropping any.
 */
import type { ImportRecord, ImportedSummary } from './imported-records.js'
import { makeCitekey, type KeyPattern } from '../keys/citekey.js'
import { differingPaperFields, differingSummaryFields, updatedSummaryValue, type PaperField, type SummaryField } from './compare.js'
import type { Library, Paper, Summary } from '../model.js'
import { PaperIndex } from './paper-index.js'
import { isPlaceholder } from '../papers/placeholders.js'
import { comparableBody, MIN_TWIN_BODY, sameBody } from '../papers/summary-bodies.js'

export type OnConflict = 'skip' | 'update' | 'keep-both'
export type Outcome = 'added' | 'updated' | 'unchanged' | 'skipped'

/** What happened (or would happen) to one imported paper or summary. */
export interface MergeAction {
  kind: 'paper' | 'summary'
  outcome: Outcome
  /** The paper key or summary id in the library after the merge. */
  id: string
  /** Where the record came from. */
  origin: string
  /** For a conflict: the fields that differ. */
  differences?: string[]
  /** For a conflict settled by `update` or `skip`: each differing field's value in the library and in the import. */
  changes?: ValueChange[]
}

/** One field's value before and after (or, when skipped, as the import would have it). */
export interface ValueChange {
  field: PaperField | SummaryField
  before: unknown
  after: unknown
}

export interface MergeOptions {
  onConflict: OnConflict
  now: Date
  /** How a paper imported without a usable key gets one (PRECIS_KEY_PATTERN); the default pattern when absent. */
  keyPattern?: KeyPattern
}

// Longest key and id the schema accepts; longer ones from an import are replaced by made ones.
const MAX_KEY = 200
const MAX_ID = 210

/** Merge `records` into `lib` (mutating it) and return what was done, record by record. */
export function mergeRecords(lib: Library, records: readonly ImportRecord[], options: MergeOptions): MergeAction[] {
  const index = new PaperIndex(lib)
  const stamp = options.now.toISOString()
  const actions: MergeAction[] = []
  // A paper met again in a later record (its next summary) is reported once, unless it conflicts.
  const touched = new Set<Paper>()

  const addPaper = (record: ImportRecord): Paper => {
    const { key: wanted, title, authors, year, venue, arxiv, category, doi, url, abstract, added, state, priority } = record.paper
    const free = wanted !== null && wanted !== '' && wanted.length <= MAX_KEY && !index.paperKeys.has(wanted)
    const key = free ? wanted : makeCitekey({ title, authors, year }, index.paperKeys, options.keyPattern)
    // Built field by field: schema order, and nothing the record may carry besides.
    const paper: Paper = {
      key,
      title,
      authors,
      year,
      venue,
      arxiv,
      ...(category != null && { category }),
      doi,
      url,
      abstract,
      added: added ?? stamp,
      // Only the library's own JSON carries a reading state; a paper of another library keeps its place in the queue.
      ...(state !== undefined && { state }),
      ...(priority !== undefined && { priority }),
    }
    lib.papers.push(paper)
    index.addPaper(paper)
    touched.add(paper)
    actions.push({ kind: 'paper', outcome: 'added', id: key, origin: record.origin })
    return paper
  }

  const addSummary = (paper: Paper, imported: ImportedSummary, origin: string): void => {
    const summary: Summary = {
      id: summaryId(paper.key, imported.id, index.summaryIds),
      paper: paper.key,
      by: imported.by,
      body: imported.body,
      tags: imported.tags,
      created: imported.created ?? stamp,
      updated: imported.updated ?? imported.created ?? stamp,
    }
    lib.summaries.push(summary)
    index.addSummary(summary)
    actions.push({ kind: 'summary', outcome: 'added', id: summary.id, origin })
  }

  /** The library's paper for the record (updated, or a new one), after settling any conflict. */
  const mergePaper = (record: ImportRecord): Paper => {
    const candidates = index.candidates(record.paper)
    // Prefer a candidate that agrees with the import: after a keep-both it is the copy we added.
    const paper =
      candidates.find((c) => differingPaperFields(c, record.paper).length === 0) ?? candidates[0] ?? paperOfKnownSummaries(record)
    if (!paper) return addPaper(record)
    const differences = differingPaperFields(paper, record.paper)
    const outcome = differences.length === 0 ? 'unchanged' : conflictOutcome(options.onConflict)
    if (outcome === 'added') return addPaper(record)
    const changes = differences.map((field): ValueChange => ({ field, before: paper[field] ?? null, after: record.paper[field] }))
    if (outcome === 'updated') {
      for (const field of differences) Object.assign(paper, { [field]: record.paper[field] })
      index.addPaper(paper)
    }
    if (outcome !== 'unchanged' || !touched.has(paper)) {
      actions.push({
        kind: 'paper',
        outcome,
        id: paper.key,
        origin: record.origin,
        ...(differences.length ? { differences, changes } : {}),
      })
    }
    touched.add(paper)
    return paper
  }

  /**
   * For a record whose paper matches none in the library: the paper its summaries are all on already
   * (the same page imported again after its paper was identified or edited by hand). Only for a
   * placeholder paper or long bodies: short notes ("TODO") recur on many papers.
   */
  const paperOfKnownSummaries = (record: ImportRecord): Paper | undefined => {
    if (record.summaries.length === 0) return undefined
    const unidentified = isPlaceholder('title', record.paper.title)
    const owners = new Set<string>()
    for (const { body } of record.summaries) {
      const twin = index.summariesWithBody(body)[0]
      if (!twin || (!unidentified && comparableBody(body).length < MIN_TWIN_BODY)) return undefined
      owners.add(twin.paper)
    }
    const [owner] = owners
    return owners.size === 1 ? index.paperWithKey(owner!) : undefined
  }

  const mergeSummary = (paper: Paper, imported: ImportedSummary, origin: string): void => {
    const same = sameSummary(index.summariesOf(paper.key), imported)
    // The same text is one summary: keep-both would only copy it, so it takes the new tags instead.
    const sameText = same !== undefined && sameBody(same.body, imported.body)
    const keepOne = sameText && options.onConflict === 'keep-both'
    const differences = !same ? [] : differingSummaryFields(same, imported).filter((field) => !keepOne || field === 'tags')
    const outcome = !same ? 'added' : differences.length === 0 ? 'unchanged' : keepOne ? 'updated' : conflictOutcome(options.onConflict)
    if (outcome === 'added' || !same) return addSummary(paper, imported, origin)
    const changes = differences.map((field): ValueChange => ({
      field,
      before: same[field],
      after: updatedSummaryValue(same, imported, field),
    }))
    if (outcome === 'updated') {
      for (const { field, after } of changes) Object.assign(same, { [field]: after })
      same.updated = imported.updated ?? stamp
    }
    actions.push({ kind: 'summary', outcome, id: same.id, origin, ...(differences.length ? { differences, changes } : {}) })
  }

  for (const record of records) {
    const paper = mergePaper(record)
    for (const summary of record.summaries) mergeSummary(paper, summary, record.origin)
  }
  return actions
}

/**
 * The paper's summary that the imported one is: one with the same content (preferring the same id),
 * else the same id, else, for inputs without ids (BibTeX notes, ShortScience), the same body.
 */
function sameSummary(existing: readonly Summary[], imported: ImportedSummary): Summary | undefined {
  const sameContent = (s: Summary) => sameBody(s.body, imported.body) && differingSummaryFields(s, imported).length === 0
  return (
    existing.find((s) => s.id === imported.id && sameContent(s)) ??
    existing.find(sameContent) ??
    (imported.id === null ? existing.find((s) => sameBody(s.body, imported.body)) : existing.find((s) => s.id === imported.id))
  )
}

/** Whether the actions change the library. */
export function changesLibrary(actions: readonly MergeAction[]): boolean {
  return actions.some((action) => action.outcome === 'added' || action.outcome === 'updated')
}

function conflictOutcome(onConflict: OnConflict): Outcome {
  return onConflict === 'skip' ? 'skipped' : onConflict === 'update' ? 'updated' : 'added'
}

/**
 * The imported id when it is free and belongs to the paper (`<key>` or `<key>-<n>`), so a library
 * exported and imported elsewhere keeps its ids; otherwise the paper's next id.
 */
function summaryId(key: string, wanted: string | null, taken: Set<string>): string {
  const belongs = wanted !== null && (wanted === key || (wanted.startsWith(`${key}-`) && /^\d+$/.test(wanted.slice(key.length + 1))))
  if (belongs && wanted.length <= MAX_ID && !taken.has(wanted)) return wanted
  if (!taken.has(key)) return key
  for (let n = 2; ; n++) if (!taken.has(`${key}-${n}`)) return `${key}-${n}`
}

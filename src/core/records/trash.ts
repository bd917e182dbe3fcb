import { makeCitekey } from '../keys/citekey.js'
import { NotFoundError } from '../errors.js'
import { KeySet } from '../keys/key-rules.js'
import { trashId, trashPaperKey, type Library, type Paper, type Summary, type TrashEntry } from '../model.js'
import { findSamePaper, nextSummaryId } from '../papers/papers.js'
import { fileAttachments } from '../attachments/attachments.js'
import { takeAttachments } from '../merge/paper-into.js'
import { resolveHandle } from './handles.js'
import { plural } from '../text/plural-count.js'
import { pushAll } from '../lists.js'

/** What `rm` removes: summaries, and papers that have none (each goes to the trash alone). */
export interface Removal {
  summaries: Summary[]
  papers: Paper[]
}

/**
 * Resolve `rm`'s handles: a paper key names all of the paper's summaries (the paper leaves with
 * the last one), or the paper itself when it has none; a summary id names that summary.
 */
export function resolveRemoval(lib: Library, handles: readonly string[]): Removal {
  const summaries = new Map<string, Summary>()
  const papers = new Map<string, Paper>()
  for (const handle of handles) {
    const { paper, summaries: named } = resolveHandle(lib, handle)
    for (const summary of named) summaries.set(summary.id, summary)
    // A handle reaching no summary reached a paper of the library (a missing one is only reached through its summaries).
    if (named.length === 0) papers.set(paper.key, paper)
  }
  return { summaries: [...summaries.values()], papers: [...papers.values()] }
}

/** "2 summaries and 1 paper" (`adjective` before each noun: "trashed "): what trash entries, or removals, hold. */
export function describeTrashed(summaries: number, papers: number, adjective = ''): string {
  const parts = [
    ...(summaries > 0 || papers === 0 ? [plural(summaries, `${adjective}summary`, `${adjective}summaries`)] : []),
    ...(papers > 0 ? [plural(papers, `${adjective}paper`, `${adjective}papers`)] : []),
  ]
  return parts.join(' and ')
}

/** `describeTrashed` of trash entries. */
export function describeEntries(entries: readonly TrashEntry[], adjective = ''): string {
  const papers = entries.filter((e) => e.summary === null).length
  return describeTrashed(entries.length - papers, papers, adjective)
}

/**
 * Move summaries to the trash. A paper whose last summary goes leaves the library with it (kept in
 * the trash entry, so restore brings it back). `paperKeys`: papers to trash alone, each only while
 * it still has no summary (one written since the person confirmed keeps it in the library).
 */
export function moveToTrash(lib: Library, ids: readonly string[], now: Date, paperKeys: readonly string[] = []): TrashEntry[] {
  const deleted = now.toISOString()
  const removing = new Set(ids)
  const removed = lib.summaries.filter((s) => removing.has(s.id))
  lib.summaries = lib.summaries.filter((s) => !removing.has(s.id))
  const stillSummarised = new Set(lib.summaries.map((s) => s.paper))
  const entries = removed.map((summary): TrashEntry => {
    const paper = stillSummarised.has(summary.paper) ? null : (lib.papers.find((p) => p.key === summary.paper) ?? null)
    if (paper) stillSummarised.add(paper.key) // only the first removed summary of a paper carries it
    return { summary, paper, deleted }
  })
  const alone = new Set(paperKeys)
  for (const paper of lib.papers)
    if (alone.has(paper.key) && !stillSummarised.has(paper.key)) entries.push({ summary: null, paper, deleted })
  const leaving = new Set(entries.flatMap((e) => (e.paper ? [e.paper.key] : [])))
  lib.papers = lib.papers.filter((p) => !leaving.has(p.key))
  pushAll(lib.trash, entries)
  return entries
}

/** What came back from the trash: `id` as it is now, the key of its paper, and the summary (null for a paper alone). */
export interface Restored {
  id: string
  paper: string
  summary: Summary | null
}

/**
 * Put a trashed summary, or a paper trashed alone, back (the most recently deleted entry with that
 * id). A summary's paper comes back too when the library no longer has it; a paper that is in the
 * library again (added meanwhile) is joined; ids and keys taken meanwhile are replaced by free ones.
 */
export function restoreFromTrash(lib: Library, id: string): Restored {
  const index = lib.trash.findLastIndex((e) => trashId(e) === id)
  if (index < 0) throw new NotFoundError(`Nothing in the trash has the id "${id}"`, ['See what is there with: precis trash'])
  const [entry] = lib.trash.splice(index, 1) as [TrashEntry]
  if (entry.summary === null) {
    const key = bringBackPaper(lib, entry.paper)
    return { id: key, paper: key, summary: null }
  }
  const { summary: trashed } = entry
  // The paper left with whichever summary of it was trashed last (or alone); it may ride on another entry.
  const carrier = entry.paper ? entry : lib.trash.find((e) => e.paper?.key === trashed.paper)
  const paperRecord = carrier?.paper ?? null
  // A paper trashed alone comes back with this summary: its entry would only restore what is there.
  if (carrier && carrier !== entry && carrier.summary === null) lib.trash.splice(lib.trash.indexOf(carrier), 1)
  let paperKey: string
  if (paperRecord) {
    paperKey = bringBackPaper(lib, paperRecord)
  } else {
    const present = lib.papers.find((p) => p.key === trashed.paper)
    if (!present) throw new NotFoundError(`The paper "${trashed.paper}" of trashed summary "${id}" is no longer in the library`)
    paperKey = present.key
  }
  const idFree = !lib.summaries.some((s) => s.id === trashed.id) && paperKey === trashed.paper
  const summary: Summary = { ...trashed, paper: paperKey, id: idFree ? trashed.id : nextSummaryId(lib, paperKey) }
  lib.summaries.push(summary)
  return { id: summary.id, paper: paperKey, summary }
}

/** The key of the library's record of a trashed paper: the same paper there already, or the record put back under a free key. */
function bringBackPaper(lib: Library, record: Paper): string {
  const present = findSamePaper(lib, record)
  if (present) return present.key
  // Another trashed paper's key is taken too (its files are in that key's folder); this one's own is not.
  const taken = new KeySet([
    ...lib.papers.map((p) => p.key),
    ...lib.trash.flatMap((e) => (e.paper && e.paper.key !== record.key ? [e.paper.key] : [])),
  ])
  const key = taken.has(record.key) ? makeCitekey(record, taken) : record.key
  lib.papers.push({ ...record, key })
  return key
}

/** An attached file to move from one paper's folder to another's; `to` null: the other has the same bytes (the copy goes). */
export interface RestoredFile {
  fromKey: string
  name: string
  toKey: string
  to: string | null
}

/**
 * `restoreFromTrash`, and what becomes of the attached files of a paper that comes back: under a
 * new key they move to its folder; joining the library's record of the same paper (added again
 * meanwhile), that record takes the attachments it lacks, as identify's merge does.
 */
export function restoreWithFiles(lib: Library, id: string): { restored: Restored; files: RestoredFile[] } {
  const entry = lib.trash.findLast((e) => trashId(e) === id)
  const oldKey = entry ? trashPaperKey(entry) : ''
  const record = entry?.paper ?? lib.trash.find((e) => e.paper?.key === oldKey)?.paper ?? null
  const before = new Set(lib.papers)
  const restored = restoreFromTrash(lib, id)
  const paper = lib.papers.find((p) => p.key === restored.paper)
  if (record === null || paper === undefined || !record.attachments) return { restored, files: [] }
  const toKey = paper.key
  const moves = before.has(paper)
    ? takeAttachments(paper, record)
    : fileAttachments(record).map((file) => ({ from: file.name, to: file.name }))
  // In one folder, a file of the same name is the very file the paper records: nothing to move.
  const files = moves
    .filter((move) => !(toKey === oldKey && (move.to === move.from || move.to === null)))
    .map((move) => ({ fromKey: oldKey, name: move.from, toKey, to: move.to }))
  return { restored, files }
}

/**
 * Delete for good the trash entries `confirmed` (matched by id, kind and time of deletion) that are
 * still in the trash: entries trashed since the person confirmed stay. Returns the entries deleted and those kept.
 */
export function emptyTrash(lib: Library, confirmed: readonly TrashEntry[]): { deleted: TrashEntry[]; kept: TrashEntry[] } {
  const sameEntry = (a: TrashEntry, b: TrashEntry) =>
    trashId(a) === trashId(b) && (a.summary === null) === (b.summary === null) && a.deleted === b.deleted
  const gone = lib.trash.filter((entry) => confirmed.some((c) => sameEntry(c, entry)))
  lib.trash = lib.trash.filter((entry) => !gone.includes(entry))
  return { deleted: gone, kept: lib.trash }
}

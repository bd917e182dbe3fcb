import { makeCitekey } from '../keys/citekey.js'
import { NotFoundError } from '../errors.js'
import { KeySet } from '../keys/key-rules.js'
import type { Library, Summary, TrashEntry } from '../model.js'
import { findSamePaper, nextSummaryId } from '../papers/papers.js'
import { fileAttachments } from '../attachments/attachments.js'
import { takeAttachments } from '../merge/paper-into.js'

/**
 * Move summaries to the trash. A paper whose last summary goes leaves the library with it (kept in
 * the trash entry, so restore brings it back).
 */
export function moveToTrash(lib: Library, ids: readonly string[], now: Date): TrashEntry[] {
  const removing = new Set(ids)
  const removed = lib.summaries.filter((s) => removing.has(s.id))
  lib.summaries = lib.summaries.filter((s) => !removing.has(s.id))
  const stillSummarised = new Set(lib.summaries.map((s) => s.paper))
  const entries = removed.map((summary): TrashEntry => {
    const paper = stillSummarised.has(summary.paper) ? null : (lib.papers.find((p) => p.key === summary.paper) ?? null)
    if (paper) stillSummarised.add(paper.key) // only the first removed summary of a paper carries it
    return { summary, paper, deleted: now.toISOString() }
  })
  const leaving = new Set(entries.flatMap((e) => (e.paper ? [e.paper.key] : [])))
  lib.papers = lib.papers.filter((p) => !leaving.has(p.key))
  lib.trash.push(...entries)
  return entries
}

/**
 * Put a trashed summary back (the most recently deleted one with that id). Its paper comes back
 * too when the library no longer has it; ids and keys taken meanwhile are replaced by free ones.
 */
export function restoreFromTrash(lib: Library, id: string): Summary {
  const index = lib.trash.findLastIndex((e) => e.summary.id === id)
  if (index < 0) throw new NotFoundError(`Nothing in the trash has the id "${id}"`, ['See what is there with: precis trash'])
  const [entry] = lib.trash.splice(index, 1) as [TrashEntry]
  // The paper left with whichever summary of it was trashed last; it may ride on another entry.
  const paperRecord = entry.paper ?? lib.trash.find((e) => e.paper?.key === entry.summary.paper)?.paper ?? null
  const present = paperRecord ? findSamePaper(lib, paperRecord) : lib.papers.find((p) => p.key === entry.summary.paper)
  let paperKey: string
  if (present) {
    paperKey = present.key
  } else if (paperRecord) {
    // Another trashed paper's key is taken too (its files are in that key's folder); this one's own is not.
    const taken = new KeySet([
      ...lib.papers.map((p) => p.key),
      ...lib.trash.flatMap((e) => (e.paper && e.paper.key !== paperRecord.key ? [e.paper.key] : [])),
    ])
    paperKey = taken.has(paperRecord.key) ? makeCitekey(paperRecord, taken) : paperRecord.key
    lib.papers.push({ ...paperRecord, key: paperKey })
  } else {
    throw new NotFoundError(`The paper "${entry.summary.paper}" of trashed summary "${id}" is no longer in the library`)
  }
  const idFree = !lib.summaries.some((s) => s.id === entry.summary.id) && paperKey === entry.summary.paper
  const summary: Summary = { ...entry.summary, paper: paperKey, id: idFree ? entry.summary.id : nextSummaryId(lib, paperKey) }
  lib.summaries.push(summary)
  return summary
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
export function restoreWithFiles(lib: Library, id: string): { summary: Summary; files: RestoredFile[] } {
  const entry = lib.trash.findLast((e) => e.summary.id === id)
  const oldKey = entry?.summary.paper ?? ''
  const record = entry?.paper ?? lib.trash.find((e) => e.paper?.key === oldKey)?.paper ?? null
  const before = new Set(lib.papers)
  const summary = restoreFromTrash(lib, id)
  const paper = lib.papers.find((p) => p.key === summary.paper)
  if (record === null || paper === undefined || !record.attachments) return { summary, files: [] }
  const toKey = paper.key
  const moves = before.has(paper)
    ? takeAttachments(paper, record)
    : fileAttachments(record).map((file) => ({ from: file.name, to: file.name }))
  // In one folder, a file of the same name is the very file the paper records: nothing to move.
  const files = moves
    .filter((move) => !(toKey === oldKey && (move.to === move.from || move.to === null)))
    .map((move) => ({ fromKey: oldKey, name: move.from, toKey, to: move.to }))
  return { summary, files }
}

/**
 * Delete for good the trash entries `confirmed` (matched by id and time of deletion) that are still
 * in the trash: entries trashed since the person confirmed stay. Returns how many were deleted (and their ids) and kept.
 */
export function emptyTrash(lib: Library, confirmed: readonly TrashEntry[]): { deleted: number; kept: number; ids: string[] } {
  const sameEntry = (a: TrashEntry, b: TrashEntry) => a.summary.id === b.summary.id && a.deleted === b.deleted
  const gone = lib.trash.filter((entry) => confirmed.some((c) => sameEntry(c, entry)))
  lib.trash = lib.trash.filter((entry) => !gone.includes(entry))
  return { deleted: gone.length, kept: lib.trash.length, ids: gone.map((e) => e.summary.id) }
}

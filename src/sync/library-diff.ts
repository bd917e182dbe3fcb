import { sameValue } from '../core/merge/three-way.js'
import { trashId, type Library, type Paper, type Summary, type TrashEntry } from '../core/model.js'

/** A record present before and after, and the fields that differ. */
export interface Changed<T> {
  before: T
  after: T
  fields: string[]
}

/** What changed between two versions of a library, record by record. */
export interface LibraryDiff {
  summaries: { added: Summary[]; removed: Summary[]; changed: Changed<Summary>[] }
  papers: { added: Paper[]; removed: Paper[]; changed: Changed<Paper>[] }
  trash: { added: TrashEntry[]; removed: TrashEntry[] }
}

/** Counts of summaries added, changed (also through their paper) and removed: what `sync` reports. */
export interface ChangeCounts {
  added: number
  changed: number
  removed: number
}

function diffRecords<T extends object>(before: readonly T[], after: readonly T[], key: (r: T) => string) {
  const old = new Map(before.map((r) => [key(r), r]))
  const now = new Map(after.map((r) => [key(r), r]))
  const changed: Changed<T>[] = []
  for (const [k, a] of now) {
    const b = old.get(k)
    if (!b || sameValue(a, b)) continue
    // Both records' fields: an optional one removed (a paper taken out of the reading queue) changed too.
    const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
      (f) => !sameValue((a as Record<string, unknown>)[f], (b as Record<string, unknown>)[f]),
    )
    changed.push({ before: b, after: a, fields })
  }
  return { added: after.filter((r) => !old.has(key(r))), removed: before.filter((r) => !now.has(key(r))), changed }
}

export function diffLibraries(before: Library, after: Library): LibraryDiff {
  const trash = diffRecords(
    before.trash,
    after.trash,
    (e) => `${e.summary === null ? 'paper' : 'summary'}\u0000${trashId(e)}\u0000${e.deleted}`,
  )
  return {
    summaries: diffRecords(before.summaries, after.summaries, (s) => s.id),
    papers: diffRecords(before.papers, after.papers, (p) => p.key),
    trash: { added: trash.added, removed: trash.removed },
  }
}

/** True when the two versions hold the same records. */
export function isUnchanged(diff: LibraryDiff): boolean {
  const { summaries, papers, trash } = diff
  return [
    summaries.added,
    summaries.removed,
    summaries.changed,
    papers.added,
    papers.removed,
    papers.changed,
    trash.added,
    trash.removed,
  ].every((list) => list.length === 0)
}

/** The ids of the summaries a diff adds, changes (also through their paper: counted as changed) and removes. */
export function changedSummaries(diff: LibraryDiff, after: Library): { added: Set<string>; changed: Set<string>; removed: Set<string> } {
  const changedPapers = new Set(diff.papers.changed.map((c) => c.after.key))
  const added = new Set(diff.summaries.added.map((s) => s.id))
  const changed = new Set(diff.summaries.changed.map((c) => c.after.id))
  for (const s of after.summaries) if (changedPapers.has(s.paper) && !added.has(s.id)) changed.add(s.id)
  return { added, changed, removed: new Set(diff.summaries.removed.map((s) => s.id)) }
}

/** Summaries added, changed and removed; a summary whose paper changed counts as changed. */
export function countChanges(diff: LibraryDiff, after: Library): ChangeCounts {
  const { added, changed, removed } = changedSummaries(diff, after)
  return { added: added.size, changed: changed.size, removed: removed.size }
}

import type { Library } from '../core/model.js'
import { changedSummaries, type ChangeCounts, type LibraryDiff } from './library-diff.js'

/**
 * What a sync's merges brought in, each summary counted once. A sync merges again when its push was
 * refused; if HEAD was reset meanwhile (the first merge gone), the second merge brings the same
 * summaries again. So each summary is counted by whether it was in the library before the first
 * merge that touched it and whether it is in the library after the last merge.
 */
export class ReceivedSummaries {
  /** Each summary a merge touched: whether the library had it before the first of them. */
  private readonly hadBefore = new Map<string, boolean>()

  /** Notes one merge: the diff it made and the library it left. */
  merged(diff: LibraryDiff, after: Library): void {
    const { added, changed, removed } = changedSummaries(diff, after)
    for (const id of added) if (!this.hadBefore.has(id)) this.hadBefore.set(id, false)
    for (const id of [...changed, ...removed]) if (!this.hadBefore.has(id)) this.hadBefore.set(id, true)
  }

  /** The counts, against `now`: the library after the last merge. */
  counts(now: Library): ChangeCounts {
    const has = new Set(now.summaries.map((s) => s.id))
    const counts = { added: 0, changed: 0, removed: 0 }
    for (const [id, had] of this.hadBefore) {
      if (!had && has.has(id)) counts.added++
      else if (had && has.has(id)) counts.changed++
      else if (had) counts.removed++
    }
    return counts
  }
}

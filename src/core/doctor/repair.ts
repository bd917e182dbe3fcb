/**
 * `precis doctor --fix` inside the library: only repairs that lose nothing. Duplicates merge when
 * their records agree (papers here, summaries in summaries.ts), dangling references get their paper back (from the trash, or as an
 * untitled record to fill in), tags are normalised by the same rule `--tag` applies.
 */
import { tagTrouble } from './doctor.js'
import { conflictingFields, duplicatePairs, MERGED_FIELDS } from './duplicates.js'
import { mergeDuplicateSummaries } from './summaries.js'
import type { Library, Paper } from '../model.js'
import { isPlaceholder, placeholderPaper } from '../papers/placeholders.js'

/** Move everything of `duplicate` onto `keep`, which gains the details only `duplicate` had (for a placeholder, too). */
function mergeInto(lib: Library, keep: Paper, duplicate: Paper): void {
  for (const field of MERGED_FIELDS) {
    if (isPlaceholder(field, keep[field]) && !isPlaceholder(field, duplicate[field])) Object.assign(keep, { [field]: duplicate[field] })
  }
  for (const s of lib.summaries) if (s.paper === duplicate.key) s.paper = keep.key
  // Trashed summaries without their own copy of the paper would otherwise point at nothing.
  for (const e of lib.trash) if (e.paper === null && e.summary.paper === duplicate.key) e.summary.paper = keep.key
  lib.papers = lib.papers.filter((p) => p !== duplicate)
}

function mergeDuplicates(lib: Library): string[] {
  const done: string[] = []
  for (const { keep, duplicate } of duplicatePairs(lib)) {
    // Pairs were found on the library as it was: skip one whose partner an earlier merge removed.
    if (!lib.papers.includes(keep) || !lib.papers.includes(duplicate) || conflictingFields(keep, duplicate).length > 0) continue
    if (duplicate.attachments !== undefined) continue // its files would be left behind (see duplicateFindings)
    mergeInto(lib, keep, duplicate)
    done.push(`Merged ${duplicate.key} into ${keep.key}`)
  }
  return done
}

function restoreMissingPapers(lib: Library): string[] {
  const keys = new Set(lib.papers.map((p) => p.key))
  const done: string[] = []
  for (const summary of lib.summaries) {
    if (keys.has(summary.paper)) continue
    const fromTrash = lib.trash.find((e) => e.paper?.key === summary.paper)?.paper
    lib.papers.push(fromTrash ? structuredClone(fromTrash) : placeholderPaper(summary.paper, summary.created))
    keys.add(summary.paper)
    done.push(fromTrash ? `Put the paper ${summary.paper} back from the trash` : `Recreated ${summary.paper} as an untitled paper record`)
  }
  return done
}

function keepTrashRestorable(lib: Library): string[] {
  const keys = new Set([...lib.papers.map((p) => p.key), ...lib.trash.flatMap((e) => (e.paper ? [e.paper.key] : []))])
  const done: string[] = []
  for (const entry of lib.trash) {
    if (keys.has(entry.summary.paper)) continue
    entry.paper = placeholderPaper(entry.summary.paper, entry.summary.created)
    keys.add(entry.summary.paper)
    done.push(`Kept an untitled record of ${entry.summary.paper} with the trash`)
  }
  return done
}

function normaliseTags(lib: Library): string[] {
  const done: string[] = []
  for (const summary of [...lib.summaries, ...lib.trash.map((e) => e.summary)]) {
    const trouble = tagTrouble(summary.tags)
    if (!trouble?.repairable) continue
    summary.tags = trouble.repaired
    done.push(`Normalised the tags of ${summary.id}`)
  }
  return done
}

/** Apply every safe repair to `lib` in place; returns what was done, one line each. */
export function repairLibrary(lib: Library): string[] {
  return [
    ...mergeDuplicates(lib),
    ...mergeDuplicateSummaries(lib),
    ...restoreMissingPapers(lib),
    ...keepTrashRestorable(lib),
    ...normaliseTags(lib),
  ]
}

/**
 * Renamed papers in a three-way merge. Records are matched by key and id, so a paper renamed on one
 * side (`precis rekey`, `identify`) would look deleted there and added anew: with the other side's
 * edits on the old key the merge would keep both. Each side's renames are found by their traces
 * (the same paper record under a key new to that side, its old key gone, its summaries under ids
 * that followed) and applied to the base and the other side first, so the merge compares like with
 * like and the edited summary ends under the new key.
 */
import { PrecisError } from '../errors.js'
import { trashedSummaries, type Library, type Paper, type Summary } from '../model.js'
import { followKey, renamePaper } from '../papers/rename-paper.js'

const summariesOf = (lib: Library, key: string): Summary[] =>
  [...lib.summaries, ...trashedSummaries(lib.trash)].filter((s) => s.paper === key)

/** Whether `side`'s paper `renamed` is `base`'s paper `original` under a new key: added at the same time, with its summaries (same creation times) under the ids that follow the key. */
function isRenamed(base: Library, side: Library, original: Paper, renamed: Paper): boolean {
  if (renamed.added !== original.added) return false
  const created = new Map(summariesOf(side, renamed.key).map((s) => [s.id, s.created]))
  return summariesOf(base, original.key).every((s) => created.get(followKey(s.id, original.key, renamed.key)) === s.created)
}

/** The papers `side` renamed since `base`: old key → new key (only where exactly one paper fits). */
export function findRenames(base: Library, side: Library): Map<string, string> {
  const baseKeys = new Set([...base.papers, ...base.trash.flatMap((e) => (e.paper ? [e.paper] : []))].map((p) => p.key))
  const sideKeys = new Set([...side.papers, ...side.trash.flatMap((e) => (e.paper ? [e.paper] : []))].map((p) => p.key))
  const fresh = side.papers.filter((p) => !baseKeys.has(p.key))
  const renames = new Map<string, string>()
  if (fresh.length === 0) return renames
  for (const original of base.papers) {
    if (sideKeys.has(original.key)) continue
    const fits = fresh.filter((p) => isRenamed(base, side, original, p))
    if (fits.length === 1) renames.set(original.key, fits[0]!.key)
  }
  return renames
}

/** `lib` with `from` renamed to `to` when it holds `from` and can take `to`; as it was otherwise. */
function renamed(lib: Library, from: string, to: string): Library {
  try {
    return renamePaper(lib, from, to).library
  } catch (error) {
    if (error instanceof PrecisError) return lib // not there, or `to` taken on this side: matched as before
    throw error
  }
}

/**
 * The three libraries with every rename of either side applied to the base and the other side.
 * When both sides renamed one paper to different keys, ours holds (as for a paper field both
 * changed) and theirs' new key is renamed to ours'.
 */
export function alignRenames(base: Library, ours: Library, theirs: Library): [Library, Library, Library] {
  const [byOurs, byTheirs] = [findRenames(base, ours), findRenames(base, theirs)]
  for (const [from, to] of byOurs) {
    base = renamed(base, from, to)
    const theirsTo = byTheirs.get(from)
    theirs = renamed(theirs, theirsTo ?? from, to)
  }
  for (const [from, to] of byTheirs) {
    if (byOurs.has(from)) continue
    base = renamed(base, from, to)
    ours = renamed(ours, from, to)
  }
  return [base, ours, theirs]
}

/**
 * One summary recorded twice: the same text (up to line ends and trailing spaces) stored under two
 * ids, as an import made it before imports recognised a summary whose paper had been edited. What
 * `doctor --fix` keeps of such a group:
 * - the summary on an identified paper (one with a real title or an id), else the oldest;
 * - the tags of all of them, the earliest created date and the latest updated date;
 * - the summary author, when only one of them names one (two different authors: left to the person);
 * - the other copies are removed, and so is each one's paper when it was an untitled placeholder
 *   with nothing else attached (no other summary, nothing in the trash).
 * Across two identified papers, a text is only a duplicate when it is long (a short note such as
 * "TODO" recurs on many papers), and it is never merged by --fix: the papers may differ.
 */
import { trashedSummaries, type Library, type Summary } from '../model.js'
import { isUnidentifiedPaper } from '../papers/placeholders.js'
import { comparableBody, MIN_TWIN_BODY } from '../papers/summary-bodies.js'

/** Summaries holding one text: the one to keep first, and whether --fix may merge them. */
export interface SummaryTwins {
  keep: Summary
  duplicates: Summary[]
  /** Why --fix leaves them, or null when it merges them. */
  blocker: string | null
}

/** Every group of summaries that hold the same text, in library order of the first of each. */
export function duplicateSummaries(lib: Library): SummaryTwins[] {
  const papers = new Map(lib.papers.map((p) => [p.key, p]))
  const identified = (s: Summary) => {
    const paper = papers.get(s.paper)
    return paper !== undefined && !isUnidentifiedPaper(paper)
  }
  const groups = new Map<string, Summary[]>()
  for (const summary of lib.summaries) {
    const text = comparableBody(summary.body)
    if (text === '') continue
    const group = groups.get(text)
    if (group) group.push(summary)
    else groups.set(text, [summary])
  }
  const twins: SummaryTwins[] = []
  for (const [text, group] of groups) {
    if (group.length < 2) continue
    const onIdentified = new Set(group.filter(identified).map((s) => s.paper))
    if (onIdentified.size > 1 && text.length < MIN_TWIN_BODY) continue // a short note written on several papers
    const [keep, ...duplicates] = [...group].sort(
      (a, b) => Number(identified(b)) - Number(identified(a)) || a.created.localeCompare(b.created),
    )
    const authors = new Set(group.map((s) => s.by.trim()).filter((by) => by !== ''))
    const blocker =
      onIdentified.size > 1
        ? `they belong to different papers (${[...onIdentified].join(', ')}); if those are one paper, merge them first`
        : authors.size > 1
          ? `they name different authors (${[...authors].join(', ')})`
          : null
    twins.push({ keep: keep!, duplicates, blocker })
  }
  return twins
}

/** Merge each group --fix may merge; returns what was done, one line each. */
export function mergeDuplicateSummaries(lib: Library): string[] {
  const done: string[] = []
  const removed = new Set<Summary>()
  for (const { keep, duplicates, blocker } of duplicateSummaries(lib)) {
    if (blocker !== null) continue
    const all = [keep, ...duplicates]
    keep.tags = [...new Set(all.flatMap((s) => s.tags))]
    keep.created = all.map((s) => s.created).sort()[0]!
    keep.updated = all
      .map((s) => s.updated)
      .sort()
      .at(-1)!
    keep.by = all.find((s) => s.by.trim() !== '')?.by ?? keep.by
    for (const s of duplicates) removed.add(s)
    done.push(`Merged ${duplicates.map((s) => s.id).join(', ')} into ${keep.id} (the same text)`)
  }
  if (removed.size === 0) return done
  lib.summaries = lib.summaries.filter((s) => !removed.has(s))
  // A placeholder paper that only stood in for a removed copy goes with it.
  const needed = new Set([...lib.summaries, ...trashedSummaries(lib.trash)].map((s) => s.paper))
  const lone = new Set([...removed].map((s) => s.paper).filter((key) => !needed.has(key)))
  const dropped = lib.papers.filter((p) => lone.has(p.key) && isUnidentifiedPaper(p))
  if (dropped.length > 0) {
    lib.papers = lib.papers.filter((p) => !dropped.includes(p))
    done.push(
      `Removed the untitled ${dropped.length === 1 ? 'paper' : 'papers'} ${dropped.map((p) => p.key).join(', ')}, left without a summary`,
    )
  }
  return done
}

/**
 * Tags on a paper (README, Tags): a paper not yet summarised carries its own, so a queued paper can be
 * tagged. Its first summary takes them over, so tags are edited per summary from then on. A paper that
 * has summaries and tags of its own too (a sync merge, an import, a restore or a hand edit can make
 * one) lends them to each of its summaries: whatever reads tags sees them, and the next tag change
 * on one of those summaries moves them down (`settlePaperTags`).
 */
import type { Paper, PaperOutline, Summary, SummaryOutline } from '../model.js'

/** The tags of a library entry: the paper's own when it has no summary, else the summary's and the paper's. */
export function entryTags(
  paper: { readonly tags?: readonly string[] },
  summary: { readonly tags: readonly string[] } | null,
): readonly string[] {
  return shownTags(paper.tags, summary === null ? null : summary.tags)
}

/** entryTags from the lists themselves: the paper's own tags (if any) and its summary's (null: no summary). */
export function shownTags(own: readonly string[] | undefined, summaryTags: readonly string[] | null): readonly string[] {
  if (summaryTags === null) return own ?? []
  // The usual case, kept allocation-free: a summarised paper has no tags of its own.
  if (own === undefined || own.length === 0) return summaryTags
  return [...new Set([...summaryTags, ...own])]
}

/** Set a paper's own tags; an empty list removes the field (a paper without tags has none in the file). */
export function setPaperTags(paper: Paper, tags: readonly string[]): void {
  if (tags.length === 0) delete paper.tags
  else paper.tags = [...tags]
}

/**
 * A summary just written for `paper` takes over the paper's own tags (after its own, without
 * repeats), and the paper keeps none. True when there were tags to take.
 */
export function takeOverPaperTags(paper: Paper, summary: Summary): boolean {
  const own = paper.tags
  if (own === undefined) return false
  summary.tags = [...new Set([...summary.tags, ...own])]
  delete paper.tags
  return own.length > 0
}

/**
 * Move the own tags of `paper` down to each of its `summaries`, when it has some (it then keeps none):
 * a tag change on one summary must not leave the tag showing through its paper. A paper without
 * summaries keeps its own. What each summary shows stays the same, so none is stamped as updated.
 * The ids of the summaries that took a tag.
 */
export function settlePaperTags(paper: Paper, summaries: readonly Summary[]): string[] {
  const own = paper.tags
  if (own === undefined || summaries.length === 0) return []
  delete paper.tags
  const changed: string[] = []
  for (const summary of summaries) {
    const missing = own.filter((tag) => !summary.tags.includes(tag))
    if (missing.length === 0) continue
    summary.tags = [...summary.tags, ...missing]
    changed.push(summary.id)
  }
  return changed
}

/**
 * Paper key → every tag the paper shows: its summaries' (in library order), then its own, each
 * once. What a bibliography's keywords and the queue list for a paper.
 */
export function tagsByPaper(lib: {
  papers: readonly { key: string; tags?: readonly string[] }[]
  summaries: readonly { paper: string; tags: readonly string[] }[]
}): Map<string, string[]> {
  const tags = new Map<string, Set<string>>()
  const add = (key: string, list: readonly string[]) => {
    if (list.length === 0) return
    const set = tags.get(key) ?? new Set<string>()
    for (const tag of list) set.add(tag)
    tags.set(key, set)
  }
  for (const summary of lib.summaries) add(summary.paper, summary.tags)
  for (const paper of lib.papers) if (paper.tags) add(paper.key, paper.tags)
  return new Map([...tags].map(([key, set]) => [key, [...set]]))
}

/**
 * What carries the tags of each summary and of each paper without one (see `entryTags`): what `tags`
 * counts. Every save counts them, so the records themselves stand where they hold the tags shown,
 * and a library whose papers have no tags of their own is counted from its summaries as they are.
 */
export function libraryEntryTags(lib: {
  papers: readonly PaperOutline[]
  summaries: readonly SummaryOutline[]
}): readonly { readonly tags: readonly string[] }[] {
  const tagged = new Map(lib.papers.flatMap((p) => (p.tags && p.tags.length > 0 ? [[p.key, p] as const] : [])))
  if (tagged.size === 0) return lib.summaries
  const summarised = new Set(lib.summaries.map((s) => s.paper))
  const holders = lib.summaries.map((summary): { readonly tags: readonly string[] } => {
    const paper = tagged.get(summary.paper)
    return paper ? { tags: entryTags(paper, summary) } : summary
  })
  for (const [key, paper] of tagged) if (!summarised.has(key)) holders.push({ tags: entryTags(paper, null) })
  return holders
}

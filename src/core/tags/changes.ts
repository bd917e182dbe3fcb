import { UsageError } from '../errors.js'
import type { Library } from '../model.js'
import { canonicalTag, tagProblem } from './rules.js'
import { entryTags, setPaperTags, settlePaperTags } from './paper-tags.js'

/** Tags to add and tags to remove, normalised. */
export interface TagChanges {
  add: string[]
  remove: string[]
}

/** What a change does to one summary, or to a paper not yet summarised (its own tags: paper-tags.ts). */
export interface TagChange {
  /** The summary's id, or the paper's key: the entry's id, as `list` shows it. */
  id: string
  /** Tags it gains. */
  added: string[]
  /** Tags it loses. */
  removed: string[]
  /** Its tags afterwards. */
  tags: string[]
}

/** What a tag change is made to: a summary, or a paper without summaries (by its key). */
export interface TagTarget {
  kind: 'summary' | 'paper'
  id: string
  /** The tags it shows now (a summary's with its paper's own: `entryTags`). */
  tags: readonly string[]
}

/** A tag word of the command line (`+gnn`, `-todo`) normalised, or a UsageError naming the word. */
function tagOf(word: string): string {
  const tag = canonicalTag(word.slice(1))
  const problem = tagProblem(tag)
  if (problem) throw new UsageError(`Invalid tag ${JSON.stringify(word)}: ${problem}`)
  return tag
}

/**
 * Split the words of `precis tag` into handles and tag changes: `+a` adds, `-a` removes, anything
 * else is a handle. A word starting with `--` is a mistyped option, not a tag to remove; a tag both
 * added and removed is refused.
 */
export function parseTagWords(words: readonly string[]): { handles: string[]; changes: TagChanges } {
  const handles: string[] = []
  const add = new Set<string>()
  const remove = new Set<string>()
  for (const word of words) {
    if (word.startsWith('--')) throw new UsageError(`Unknown option "${word}" (see precis tag --help)`)
    if (word.startsWith('+')) add.add(tagOf(word))
    else if (word.startsWith('-')) remove.add(tagOf(word))
    else handles.push(word)
  }
  const both = [...add].filter((tag) => remove.has(tag))
  if (both.length > 0) throw new UsageError(`The tag "${both[0]}" is both added and removed`)
  return { handles, changes: { add: [...add], remove: [...remove] } }
}

/** The change `changes` makes to one summary or paper, or null when it already has those tags. */
export function planTagChange(target: { id: string; tags: readonly string[] }, changes: TagChanges): TagChange | null {
  const removed = target.tags.filter((tag) => changes.remove.includes(tag))
  const kept = target.tags.filter((tag) => !changes.remove.includes(tag))
  const added = changes.add.filter((tag) => !kept.includes(tag))
  if (added.length === 0 && removed.length === 0) return null
  return { id: target.id, added, removed, tags: [...kept, ...added] }
}

/** The changes `changes` makes to these targets, leaving out those it does not change. */
export function planTagChanges(targets: readonly { id: string; tags: readonly string[] }[], changes: TagChanges): TagChange[] {
  return targets.flatMap((target) => planTagChange(target, changes) ?? [])
}

/**
 * Apply `changes` to these targets as they are in `lib` now (those still there), stamping each
 * changed summary as updated. A paper that gained a summary since it was chosen is changed through
 * its summaries, as `tag <key>` would now; a summary's paper first hands its own tags down
 * (`settlePaperTags`), so a tag removed from the summary does not show through the paper. Returns what changed.
 */
export function applyTagChanges(
  lib: Library,
  targets: readonly Pick<TagTarget, 'kind' | 'id'>[],
  changes: TagChanges,
  now: Date,
): TagChange[] {
  const made: TagChange[] = []
  const summaryIds = new Set<string>()
  // Looked up by key once, not searched for each target: a query can tag every paper of a large library.
  const papers = new Map(lib.papers.map((paper) => [paper.key, paper]))
  const summariesOf = new Map<string, Library['summaries']>()
  for (const summary of lib.summaries) {
    const others = summariesOf.get(summary.paper)
    if (others) others.push(summary)
    else summariesOf.set(summary.paper, [summary])
  }
  for (const target of targets) {
    if (target.kind === 'summary') {
      summaryIds.add(target.id)
      continue
    }
    const paper = papers.get(target.id)
    if (!paper) continue
    const summaries = summariesOf.get(paper.key) ?? []
    if (summaries.length > 0) {
      for (const summary of summaries) summaryIds.add(summary.id)
      continue
    }
    const change = planTagChange({ id: paper.key, tags: paper.tags ?? [] }, changes)
    if (!change) continue
    setPaperTags(paper, change.tags)
    made.push(change)
  }
  const settled = new Set(lib.summaries.flatMap((s) => (summaryIds.has(s.id) ? [s.paper] : [])))
  for (const key of settled) {
    const paper = papers.get(key)
    if (paper) settlePaperTags(paper, summariesOf.get(key) ?? [])
  }
  for (const summary of lib.summaries) {
    if (!summaryIds.has(summary.id)) continue
    const change = planTagChange(summary, changes)
    if (!change) continue
    summary.tags = change.tags
    summary.updated = now.toISOString()
    made.push(change)
  }
  return made
}

/** The targets the entries stand for: each summary, or the paper of an entry without one. */
export function tagTargets(
  entries: readonly {
    id: string
    paper: { key: string; tags?: readonly string[] }
    summary: { id: string; tags: readonly string[] } | null
  }[],
): TagTarget[] {
  return entries.map(({ paper, summary }) =>
    summary === null
      ? { kind: 'paper', id: paper.key, tags: paper.tags ?? [] }
      : { kind: 'summary', id: summary.id, tags: entryTags(paper, summary) },
  )
}

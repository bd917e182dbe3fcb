import { UsageError } from '../errors.js'
import type { Library, Summary } from '../model.js'
import { canonicalTag, tagProblem } from './rules.js'

/** Tags to add and tags to remove, normalised. */
export interface TagChanges {
  add: string[]
  remove: string[]
}

/** What a change does to one summary. */
export interface TagChange {
  /** The summary's id. */
  id: string
  /** Tags it gains. */
  added: string[]
  /** Tags it loses. */
  removed: string[]
  /** Its tags afterwards. */
  tags: string[]
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

/** The change `changes` makes to one summary, or null when it already has those tags. */
export function planTagChange(summary: Pick<Summary, 'id' | 'tags'>, changes: TagChanges): TagChange | null {
  const removed = summary.tags.filter((tag) => changes.remove.includes(tag))
  const kept = summary.tags.filter((tag) => !changes.remove.includes(tag))
  const added = changes.add.filter((tag) => !kept.includes(tag))
  if (added.length === 0 && removed.length === 0) return null
  return { id: summary.id, added, removed, tags: [...kept, ...added] }
}

/** The changes `changes` makes to these summaries, leaving out those it does not change. */
export function planTagChanges(summaries: readonly Pick<Summary, 'id' | 'tags'>[], changes: TagChanges): TagChange[] {
  return summaries.flatMap((summary) => planTagChange(summary, changes) ?? [])
}

/**
 * Apply `changes` to the summaries with these ids (those still in the library), stamping each
 * changed one as updated. Returns what changed.
 */
export function applyTagChanges(lib: Library, ids: readonly string[], changes: TagChanges, now: Date): TagChange[] {
  const wanted = new Set(ids)
  const made: TagChange[] = []
  for (const summary of lib.summaries) {
    if (!wanted.has(summary.id)) continue
    const change = planTagChange(summary, changes)
    if (!change) continue
    summary.tags = change.tags
    summary.updated = now.toISOString()
    made.push(change)
  }
  return made
}

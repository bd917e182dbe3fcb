/**
 * Each tag the entries show (entryTags) with the entries showing it: what a `tag:` filter reads from
 * an index instead of every entry's tags. `list tag:ml/gnn` then decodes no list of tags and tests
 * the few distinct tags, not each entry's. Entries are named by a key: a summary's index, or for a
 * paper without a summary, the summaries' count plus its paper's index (so every entry has one).
 */
import { shownTags } from '../tags/paper-tags.js'
import { tagMatches } from '../tags/rules.js'

export interface TaggedEntries {
  /** The distinct tags the entries show, each once. */
  readonly tags: readonly string[]
  /**
   * The entries of tag `t` are `keys[starts[t]]` to `keys[starts[t + 1]]` (excluded): `starts` has
   * one more value than `tags`. Read from an index, they are checked when used (entriesTagged).
   */
  readonly starts: ArrayLike<number>
  readonly keys: ArrayLike<number>
  /** How many summaries there are: a key at or past it is a paper's, that many after its index. */
  readonly summaries: number
  /** How many papers there are: keys are below `summaries + papers`. */
  readonly papers: number
}

/** The entry key of a sortedPairs pair [summary index or -1, paper index]. */
const entryKey = (summaries: number, summary: number, paper: number) => (summary >= 0 ? summary : summaries + paper)

/**
 * The tagged entries of a library whose papers' own tags are `own` and summaries' tags `tags` (an
 * outline's columns), and whose entries are `pairs` (sortedPairs, in any order).
 */
export function taggedEntriesOf(
  own: readonly (readonly string[] | undefined)[],
  tags: readonly (readonly string[])[],
  pairs: ArrayLike<number>,
): TaggedEntries {
  const summaries = tags.length
  const byTag = new Map<string, number[]>()
  for (let i = 0; i < pairs.length; i += 2) {
    const [summary, paper] = [pairs[i]!, pairs[i + 1]!]
    const key = entryKey(summaries, summary, paper)
    for (const tag of shownTags(own[paper], summary >= 0 ? tags[summary]! : null)) {
      const keys = byTag.get(tag)
      if (keys) keys.push(key)
      else byTag.set(tag, [key])
    }
  }
  const starts = [0]
  const keys: number[] = []
  for (const list of byTag.values()) {
    for (const key of list) keys.push(key)
    starts.push(keys.length)
  }
  return { tags: [...byTag.keys()], starts, keys, summaries, papers: own.length }
}

/**
 * For each entry key, 1 when the entry shows a tag `tag:wanted` matches (tagMatches); null when the
 * lists of those tags are not what taggedEntriesOf makes (the caller then reads every entry's tags).
 */
export function entriesTagged(tagged: TaggedEntries, wanted: string): Uint8Array | null {
  const { tags, starts, keys } = tagged
  const size = tagged.summaries + tagged.papers
  const marks = new Uint8Array(size)
  for (let t = 0; t < tags.length; t++) {
    if (!tagMatches(tags[t]!, wanted)) continue
    const [from, to] = [starts[t]!, starts[t + 1]!]
    if (!(Number.isSafeInteger(from) && Number.isSafeInteger(to) && from >= 0 && from <= to && to <= keys.length)) return null
    for (let i = from; i < to; i++) {
      const key = keys[i]!
      if (!(key >= 0 && key < size)) return null
      marks[key] = 1
    }
  }
  return marks
}

/**
 * Every paper's own tags and every summary's as numbers: each distinct tag once, and each record's
 * tags as their numbers, in the order the record lists them. What `related` weighs tags by: an index
 * keeps them, so a read at 100,000 summaries decodes no list of tags per record (a JSON column of
 * 100,000 arrays) and compares numbers, not strings.
 */

export interface TagLists {
  /** The distinct tags, each once, numbered by their place here. */
  readonly names: readonly string[]
  /**
   * Row r's tags are `ids[starts[r]]` to `ids[starts[r + 1]]` (excluded), in the record's order: the
   * rows are the summaries', in the library's order, then each paper's own (none for a paper without).
   * `starts` has one more value than the rows.
   */
  readonly starts: ArrayLike<number>
  readonly ids: ArrayLike<number>
  /** How many summaries there are: paper p's own tags are row `summaries + p`. */
  readonly summaries: number
  /** How many papers there are. */
  readonly papers: number
}

/** The tag lists of a library whose papers' own tags are `own` and summaries' tags `tags` (an outline's columns). */
export function tagListsOf(own: readonly (readonly string[] | undefined)[], tags: readonly (readonly string[])[]): TagLists {
  const numbers = new Map<string, number>()
  const starts = new Uint32Array(tags.length + own.length + 1)
  const ids: number[] = []
  const add = (row: number, list: readonly string[] | undefined) => {
    if (list)
      for (const tag of list) {
        let id = numbers.get(tag)
        if (id === undefined) numbers.set(tag, (id = numbers.size))
        ids.push(id)
      }
    starts[row + 1] = ids.length
  }
  for (let s = 0; s < tags.length; s++) add(s, tags[s])
  for (let p = 0; p < own.length; p++) add(tags.length + p, own[p])
  return { names: [...numbers.keys()], starts, ids: Uint32Array.from(ids), summaries: tags.length, papers: own.length }
}

/**
 * Whether `lists` is what tagListsOf makes for `summaries` summaries and `papers` papers: one start
 * per row and one more, from 0, never decreasing, the last at the end of the ids, and every id a
 * tag's. One loop over the numbers, nothing allocated: a list read from a file is checked so.
 */
export function areTagLists(lists: TagLists, summaries: number, papers: number): boolean {
  const { names, starts, ids } = lists
  if (lists.summaries !== summaries || lists.papers !== papers || starts.length !== summaries + papers + 1) return false
  if (starts[0] !== 0 || starts[starts.length - 1] !== ids.length) return false
  // `>>> 0` keeps a whole number from 0 to 2^32 - 1 as it is: anything else is not what a file of 32-bit numbers holds.
  for (let r = 1; r < starts.length; r++) if (!(starts[r]! >>> 0 === starts[r] && starts[r]! >= starts[r - 1]!)) return false
  for (let i = 0; i < ids.length; i++) if (!(ids[i]! >>> 0 === ids[i] && ids[i]! < names.length)) return false
  return true
}

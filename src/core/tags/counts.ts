/** A tag and how many entries (summaries, and papers not yet summarised) it reaches. */
export interface TagCount {
  /** The full tag, e.g. `ml/gnn`; also a parent no summary carries itself (`ml` when only `ml/gnn` is used). */
  tag: string
  /** Summaries tagged with it or with a tag below it: what `tag:<tag>` finds. */
  count: number
  /** Summaries tagged with exactly this tag. */
  own: number
}

/** A tag in the hierarchy, with the tags right below it. */
export interface TagNode extends TagCount {
  /** The last segment of the tag (`gnn` for `ml/gnn`). */
  name: string
  children: TagNode[]
}

export type TagSort = 'count' | 'name'

/** `ml/gnn/mpnn` → `ml`, `ml/gnn`, `ml/gnn/mpnn`. */
export function tagPath(tag: string): string[] {
  const segments = tag.split('/')
  return segments.map((_, i) => segments.slice(0, i + 1).join('/'))
}

/** Every tag these entries carry (see `entryTags`), and every parent of one, with counts; sorted by name. */
export function countTags(summaries: readonly { readonly tags: readonly string[] }[]): TagCount[] {
  const counts = new Map<string, TagCount>()
  const entry = (tag: string) => counts.get(tag) ?? counts.set(tag, { tag, count: 0, own: 0 }).get(tag)!
  // Each distinct tag is split once: a library repeats a few hundred tags over all its summaries.
  const paths = new Map<string, string[]>()
  const pathOf = (tag: string) => paths.get(tag) ?? paths.set(tag, tagPath(tag)).get(tag)!
  for (const { tags } of summaries) {
    if (tags.length === 0) continue
    // A summary tagged `ml` and `ml/gnn` counts once for `ml`.
    const reached = new Set<string>()
    for (const tag of tags) for (const step of pathOf(tag)) reached.add(step)
    for (const tag of reached) entry(tag).count++
    for (const tag of tags.length === 1 ? tags : new Set(tags)) entry(tag).own++
  }
  return sortTagCounts([...counts.values()], 'name')
}

function byName(a: TagCount, b: TagCount): number {
  return a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0
}

/** Most used first (ties by name), or by name. Code-point order, so the result does not depend on the locale. */
export function sortTagCounts<T extends TagCount>(counts: readonly T[], order: TagSort): T[] {
  return [...counts].sort(order === 'count' ? (a, b) => b.count - a.count || byName(a, b) : byName)
}

/** The counts as a forest of top-level tags, siblings sorted by `order`. */
export function tagTree(counts: readonly TagCount[], order: TagSort): TagNode[] {
  const nodes = new Map<string, TagNode>()
  for (const count of counts) nodes.set(count.tag, { ...count, name: count.tag.slice(count.tag.lastIndexOf('/') + 1), children: [] })
  const roots: TagNode[] = []
  for (const node of nodes.values()) {
    const cut = node.tag.lastIndexOf('/')
    const parent = cut === -1 ? undefined : nodes.get(node.tag.slice(0, cut))
    ;(parent ? parent.children : roots).push(node)
  }
  const sortDeep = (list: TagNode[]): TagNode[] => sortTagCounts(list, order).map((n) => ({ ...n, children: sortDeep(n.children) }))
  return sortDeep(roots)
}

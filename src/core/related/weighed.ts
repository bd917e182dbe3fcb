import { NO_PLACES, type PaperTable } from './paper-table.js'

/**
 * What related weighs of every paper against the paper `target` of `table`: for each distinct tag
 * (and parent) and each paper cited, ln(1 + n / papers having it), as rarity over every paper's set
 * gives it; and which papers share a tag or a citation with the target, or cite it. One pass over
 * the columns, a mark per paper: no set is made for a paper sharing nothing.
 */
export function weighed(table: PaperTable, target: number, targetTags: ReadonlySet<string>, targetCites: ReadonlySet<string>) {
  const { count, first, summaryAt, keys } = table
  const { names, starts, ids: tagRows, summaries } = table.tags
  const citedKeys = table.source.citedKeys
  const targetKey = keys[target]!
  // Each distinct value numbered, with the papers counted (once each: `seen` holds the last paper counted).
  const tagIds = new Map<string, number>()
  // Each tag's ids (itself and its parents), by its number in table.tags.
  const tagIdsOf: (number[] | undefined)[] = new Array<number[] | undefined>(names.length)
  const tagCounts: number[] = []
  const tagSeen: number[] = []
  // Whether each tag (or parent) numbered is one of the target's: found once, not looked up at every use.
  const tagInTarget: boolean[] = []
  const citeIds = new Map<string, number>()
  const citeCounts: number[] = []
  const citeSeen: number[] = []
  const sharesTag = new Uint8Array(count)
  // Each paper's tag ids in the order tagsOf adds them (first seen first): paper p's are tagList[tagStart[p]] to tagList[tagStart[p + 1]].
  const tagStart = new Int32Array(count + 1)
  const tagList: number[] = []
  const sharesCite = new Uint8Array(count)
  const citesTarget = new Uint8Array(count)
  const tagIdsOfTag = (name: number) => {
    let ids = tagIdsOf[name]
    if (ids) return ids
    ids = []
    for (const step of table.pathOf(names[name]!)) {
      let id = tagIds.get(step)
      if (id === undefined) {
        tagIds.set(step, (id = tagCounts.length))
        tagCounts.push(0)
        tagSeen.push(-1)
        tagInTarget.push(targetTags.has(step))
      }
      ids.push(id)
    }
    tagIdsOf[name] = ids
    return ids
  }
  // Paper p's tags of row `row` of table.tags.
  const countTags = (p: number, row: number) => {
    for (let t = starts[row]!; t < starts[row + 1]!; t++) {
      const ids = tagIdsOfTag(tagRows[t]!)
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!
        if (tagSeen[id] === p) continue
        tagSeen[id] = p
        tagCounts[id]!++
        tagList.push(id)
        if (tagInTarget[id]) sharesTag[p] = 1
      }
    }
  }
  for (let p = 0; p < count; p++) {
    countTags(p, summaries + p)
    for (let k = first[p]!; k < first[p + 1]!; k++) {
      const s = summaryAt[k]!
      countTags(p, s)
      const cited = citedKeys[s] ?? NO_PLACES
      for (let c = 0; c < cited.length; c++) {
        const key = cited[c]!
        let id = citeIds.get(key)
        if (id === undefined) {
          citeIds.set(key, (id = citeCounts.length))
          citeCounts.push(0)
          citeSeen.push(-1)
        }
        if (citeSeen[id] !== p) {
          citeSeen[id] = p
          citeCounts[id]!++
        }
        if (key === targetKey) citesTarget[p] = 1
        if (sharesCite[p] === 0 && targetCites.has(key)) sharesCite[p] = 1
      }
    }
    tagStart[p + 1] = tagList.length
  }
  const n = table.count
  const weights = (ids: Map<string, number>, counts: number[]) =>
    new Map([...ids].map(([value, id]) => [value, Math.log(1 + n / counts[id]!)]))
  const tagWeight = weights(tagIds, tagCounts)
  const tagScore = tagScorer(
    [...targetTags].map((tag) => tagIds.get(tag)!),
    Float64Array.from(tagCounts, (c) => Math.log(1 + n / c)),
    tagStart,
    Int32Array.from(tagList),
  )
  return { tagWeight, tagScore, citeWeight: weights(citeIds, citeCounts), sharesTag, sharesCite, citesTarget }
}

/**
 * overlapScore of the target's tags (`target`, as ids in the order of its set) and paper p's (ids
 * `list[start[p]]` to `list[start[p + 1]]`, in the order of its set), `weight` each id's: the same
 * additions in the same order (the target's weights, then those of p's tags it lacks), so the same
 * score to the bit, with no set made. For a paper sharing a tag with the target.
 */
function tagScorer(target: readonly number[], weight: Float64Array, start: Int32Array, list: Int32Array): (p: number) => number {
  const inTarget = new Uint8Array(weight.length)
  let targetUnion = 0
  for (const id of target) {
    inTarget[id] = 1
    targetUnion += weight[id]!
  }
  const seen = new Int32Array(weight.length).fill(-1)
  return (p) => {
    const from = start[p]!
    const to = start[p + 1]!
    for (let i = from; i < to; i++) seen[list[i]!] = p
    let shared = 0
    for (let i = 0; i < target.length; i++) if (seen[target[i]!] === p) shared += weight[target[i]!]!
    let union = targetUnion
    for (let i = from; i < to; i++) if (inTarget[list[i]!] === 0) union += weight[list[i]!]!
    return union > 0 ? shared / union : 0
  }
}

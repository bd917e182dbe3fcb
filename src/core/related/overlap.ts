/** Weighted Jaccard: the weight of what both share over the weight of what either has. */
export function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>, weight: Map<string, number>): { score: number; shared: string[] } {
  if (!sharesAny(a, b)) return NOTHING_SHARED
  let shared = 0
  let union = 0
  const common: string[] = []
  for (const value of new Set([...a, ...b])) {
    const w = weight.get(value) ?? 0
    union += w
    if (a.has(value) && b.has(value)) {
      shared += w
      common.push(value)
    }
  }
  return { score: union > 0 ? shared / union : 0, shared: common }
}

/** What two papers sharing nothing share (most pairs: one answer for all, never changed). */
const NOTHING_SHARED: { score: number; shared: string[] } = { score: 0, shared: [] }

/**
 * overlap's score, with nothing made: the weights added in the order overlap adds them (those of
 * `a`, then those of `b` not in `a`), so the sums are the same to the last bit.
 */
export function overlapScore(a: ReadonlySet<string>, b: ReadonlySet<string>, weight: Map<string, number>): number {
  if (!sharesAny(a, b)) return 0
  let shared = 0
  let union = 0
  for (const value of a) {
    const w = weight.get(value) ?? 0
    union += w
    if (b.has(value)) shared += w
  }
  for (const value of b) if (!a.has(value)) union += weight.get(value) ?? 0
  return union > 0 ? shared / union : 0
}

function sharesAny(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size > b.size) return sharesAny(b, a)
  for (const value of a) if (b.has(value)) return true
  return false
}

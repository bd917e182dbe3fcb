/** Edit distance with adjacent transpositions (optimal string alignment), for "did you mean" lists. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1
  const cols = b.length + 1
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1)
      d[i]![j] = best
    }
  }
  return d[a.length]![b.length]!
}

/**
 * Whether editDistance(a, b) ≤ 1 (one letter inserted, deleted or replaced, or two neighbours
 * swapped), without its table: typo correction asks it of thousands of words.
 */
export function withinOneEdit(a: string, b: string): boolean {
  const short = a.length <= b.length ? a : b
  const long = short === a ? b : a
  if (long.length - short.length > 1) return false
  let i = 0
  while (i < short.length && short[i] === long[i]) i++
  if (i === long.length) return true // the same
  if (short.length < long.length) return short.slice(i) === long.slice(i + 1)
  return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
}

/**
 * Up to `limit` candidates close to `wanted`: those containing it or sharing its start first,
 * then by edit distance, keeping only plausible ones (distance at most a third of the length, min 2).
 */
export function closest(wanted: string, candidates: readonly string[], limit: number): string[] {
  const target = wanted.toLowerCase()
  const allowed = Math.max(2, Math.floor(target.length / 3))
  return [...new Set(candidates)]
    .map((candidate) => {
      const lower = candidate.toLowerCase()
      const related = lower.includes(target) || target.includes(lower) || lower.slice(0, 4) === target.slice(0, 4)
      return { candidate, distance: related ? 0 : editDistance(target, lower) }
    })
    .filter((c) => c.distance <= allowed)
    .sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate))
    .slice(0, limit)
    .map((c) => c.candidate)
}

// The three rows of the table editDistance fills (row i is made from rows i − 1 and i − 2), kept
// between calls and grown as needed: "did you mean" compares a name with every one of a library's.
let rows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)]

/**
 * Edit distance with adjacent transpositions (optimal string alignment, over UTF-16 code units), for
 * "did you mean" lists; `most + 1` once it is more than `most`, which the caller then only compares
 * with `most`. A cell farther than `most` from the diagonal is at least that far, so only the band
 * around it is filled, and a row whose every cell is more than `most` ends the comparison: no later
 * row has a smaller cell.
 */
export function editDistance(a: string, b: string, most = Infinity): number {
  const bound = Math.min(most, Math.max(a.length, b.length))
  const beyond = bound + 1
  if (Math.abs(a.length - b.length) > bound) return beyond
  if (rows[0]!.length <= b.length) rows = rows.map(() => new Int32Array(2 * (b.length + 1)))
  let [before, previous, current] = rows as [Int32Array, Int32Array, Int32Array]
  for (let j = 0; j <= b.length; j++) previous[j] = j <= bound ? j : beyond
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - bound)
    const to = Math.min(b.length, i + bound)
    // Left of the band: the first column, or a cell too far from the diagonal.
    current[from - 1] = from === 1 ? i : beyond
    let rowLeast = current[from - 1]!
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1))
        best = Math.min(best, before[j - 2]! + 1)
      current[j] = best
      if (best < rowLeast) rowLeast = best
    }
    // Right of the band, read by the next row as the cell above.
    if (to < b.length) current[to + 1] = beyond
    if (rowLeast > bound) return beyond
    ;[before, previous, current] = [previous, current, before]
  }
  return Math.min(previous[b.length]!, beyond)
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
  // Only the plausible ones are kept as they are met: a library has hundreds of thousands of names.
  const near: { candidate: string; distance: number }[] = []
  for (const candidate of new Set(candidates)) {
    const lower = candidate.toLowerCase()
    const related = lower.includes(target) || target.includes(lower) || lower.slice(0, 4) === target.slice(0, 4)
    const distance = related ? 0 : editDistance(target, lower, allowed)
    if (distance <= allowed) near.push({ candidate, distance })
  }
  return near
    .sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate))
    .slice(0, limit)
    .map((c) => c.candidate)
}

/**
 * A snippet's window is widened to take whole any formula it cuts (up to a bound), so that the
 * formula can be shown rendered, as `show` does, rather than as a broken piece of TeX.
 */

// Display math ($$ … $$, \[ … \]), \( … \), and inline $ … $ that is not money (as hasMath reads it).
const MATH = /\$\$[^$]{1,400}?\$\$|\\\[[\s\S]{1,400}?\\\]|\\\([\s\S]{1,400}?\\\)|\$(?=\S)(?:[^$\n\\]|\\.){1,400}?(?<=\S)\$(?!\d)/g

/** [start, end) widened so that neither end falls inside a formula of `body`. */
export function wholeFormulas(body: string, start: number, end: number): { start: number; end: number } {
  if (!body.includes('$') && !body.includes('\\')) return { start, end }
  let from = start
  let to = end
  MATH.lastIndex = Math.max(0, start - 420)
  for (let match = MATH.exec(body); match && match.index < end; match = MATH.exec(body)) {
    const last = match.index + match[0].length
    if (match.index < start && last > start) from = match.index
    if (match.index < end && last > end) to = last
  }
  return { start: from, end: to }
}

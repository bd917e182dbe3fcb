/**
 * The parts of a Markdown body where `@word` and `\cite{...}` are not citations: code (fenced
 * blocks and inline spans) and math (`$...$`, `$$...$$`, `\(...\)`, `\[...\]`, environments).
 * A light scan rather than a Markdown parse: citations are found on every `show`, `related` and
 * `cites:` search, over whole libraries, and these few constructs are all that matter here.
 */

/** A half-open range [start, end) of the body. */
export type Span = readonly [start: number, end: number]

const FENCE = /^ {0,3}(`{3,}|~{3,})/gm
// Openers of math. Inline `$...$` is read as search-docs reads it (the currency guard: `$5 and $10`
// is text): the opening $ is followed by a non-space, the closing one follows a non-space and no digit follows it.
const MATH_OPENER = /\$\$|\\\(|\\\[|\\begin\{([a-z]+\*?)\}|\$/g
const INLINE_MATH = /\$(?=\S)(?:[^$\n\\]|\\.){1,400}?(?<=\S)\$(?!\d)/y
const CLOSERS: ReadonlyMap<string, string> = new Map([
  ['$$', '$$'],
  ['\\(', '\\)'],
  ['\\[', '\\]'],
])
const BACKTICKS = /`+/g

/** Fenced code blocks: from an opening fence line to the closing one (or the end of the body). */
function fencedBlocks(body: string): Span[] {
  const spans: Span[] = []
  let open: { marker: string; start: number } | null = null
  for (const line of body.matchAll(FENCE)) {
    const fence = line[1]!
    if (open === null) open = { marker: fence, start: line.index }
    else if (fence[0] === open.marker[0] && fence.length >= open.marker.length) {
      const end = body.indexOf('\n', line.index)
      spans.push([open.start, end < 0 ? body.length : end])
      open = null
    }
  }
  if (open) spans.push([open.start, body.length])
  return spans
}

/** Sort spans and merge the overlapping ones (math may contain a code span), for binary search. */
function merged(spans: Span[]): Span[] {
  const sorted = spans.sort((a, b) => a[0] - b[0])
  const result: [number, number][] = []
  for (const [start, end] of sorted) {
    const last = result.at(-1)
    if (last && start <= last[1]) last[1] = Math.max(last[1], end)
    else result.push([start, end])
  }
  return result
}

/** Whether `index` falls inside one of `spans` (sorted, disjoint). */
export function inSpans(spans: readonly Span[], index: number): boolean {
  let low = 0
  let high = spans.length - 1
  while (low <= high) {
    const mid = (low + high) >> 1
    const [start, end] = spans[mid]!
    if (index < start) high = mid - 1
    else if (index >= end) low = mid + 1
    else return true
  }
  return false
}

/** Inline code: a run of backticks up to the next run of the same length (an unmatched run is literal). */
function codeSpans(body: string, blocks: readonly Span[]): Span[] {
  const runs = [...body.matchAll(BACKTICKS)].filter((run) => !inSpans(blocks, run.index))
  // For each run, the index of the next run of the same length: one pass from the end.
  const nextSame = new Array<number>(runs.length).fill(-1)
  const seen = new Map<number, number>()
  for (let i = runs.length - 1; i >= 0; i--) {
    const length = runs[i]![0].length
    nextSame[i] = seen.get(length) ?? -1
    seen.set(length, i)
  }
  const spans: Span[] = []
  for (let i = 0; i < runs.length; i++) {
    const close = nextSame[i]!
    if (close < 0) continue
    spans.push([runs[i]!.index, runs[close]!.index + runs[i]![0].length])
    i = close
  }
  return spans
}

/** Math spans outside `code`. A closer that is missing once is missing for every later opener: not searched again. */
function mathSpans(body: string, code: readonly Span[]): Span[] {
  const spans: Span[] = []
  const missing = new Set<string>()
  const opener = new RegExp(MATH_OPENER)
  for (let match = opener.exec(body); match; match = opener.exec(body)) {
    const start = match.index
    if (inSpans(code, start) || escaped(body, start)) continue
    let end = -1
    if (match[0] === '$') {
      INLINE_MATH.lastIndex = start
      if (INLINE_MATH.test(body)) end = INLINE_MATH.lastIndex
    } else {
      const closer = match[1] === undefined ? CLOSERS.get(match[0])! : `\\end{${match[1]}}`
      const close = missing.has(closer) ? -1 : body.indexOf(closer, opener.lastIndex)
      if (close < 0) missing.add(closer)
      else end = close + closer.length
    }
    if (end < 0) continue
    spans.push([start, end])
    opener.lastIndex = end
  }
  return spans
}

/** Every code and math span of `body`: sorted by start and disjoint. Math inside code is code. */
export function protectedSpans(body: string): Span[] {
  // Cheap look-ups first: most bodies have no code at all.
  const blocks = body.includes('```') || body.includes('~~~') ? fencedBlocks(body) : []
  const code = body.includes('`') ? merged([...blocks, ...codeSpans(body, blocks)]) : blocks
  return merged([...code, ...mathSpans(body, code)])
}

/** Whether the character at `index` is escaped by an odd run of backslashes (`\$` is a dollar sign). */
export function escaped(text: string, index: number): boolean {
  let slashes = 0
  while (index - slashes > 0 && text[index - slashes - 1] === '\\') slashes++
  return slashes % 2 === 1
}

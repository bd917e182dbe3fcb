/**
 * Finding the prose in Markdown source: everything outside fenced code blocks, indented code
 * blocks and code spans. Math protection and figure-URL repair work on prose only, before marked
 * parses the text, so `$` in code stays a dollar and a URL in code stays as typed.
 *
 * This follows CommonMark closely enough for real summaries (fences inside quotes and list items,
 * backtick runs of any length, backslash escapes); exotic edge cases fall on the side of "prose".
 */

// Applied to a line after its block-quote markers are removed. Each pattern has one way to match
// any text, so hostile lines (`> > > > ...` 10,000 times) cannot make the regex engine backtrack.
const QUOTE_MARKERS = /^(?:[ \t]*>)*/
const FENCE_OPEN = /^[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)*(`{3,}(?=[^`]*$)|~{3,})/
const FENCE_CLOSE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/
const LIST_ITEM = /^[ \t]{0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/

interface Line {
  /** The line without its block-quote markers. */
  body: string
  quoted: boolean
  blank: boolean
}

function readLine(line: string): Line {
  const markers = QUOTE_MARKERS.exec(line)?.[0] ?? ''
  const body = line.slice(markers.length)
  return { body, quoted: markers !== '', blank: body.trim() === '' }
}

/** Four columns of indentation (after a quote marker and its optional space) make code. */
function isIndented({ body, quoted }: Line): boolean {
  return (quoted ? /^[ \t]?(?: {4}|\t)/ : /^(?: {4}|\t)/).test(body)
}

/** Returns `markdown` with `edit` applied to each run of prose; code is passed through unchanged. */
export function mapProse(markdown: string, edit: (prose: string) => string): string {
  const lines = markdown.split('\n')
  const out: string[] = []
  let prose: string[] = []
  let fence: string | null = null
  let inList = false
  let previousBlank = true
  let previousIndentedCode = false
  const flush = () => {
    if (prose.length > 0) out.push(mapOutsideCodeSpans(prose.join('\n'), edit))
    prose = []
  }
  for (const text of lines) {
    const line = readLine(text)
    if (fence !== null) {
      out.push(text)
      const close = FENCE_CLOSE.exec(line.body)?.[1]
      if (close && close[0] === fence[0] && close.length >= fence.length) fence = null
      continue
    }
    const open = FENCE_OPEN.exec(line.body)?.[1]
    const indentedCode: boolean = !line.blank && !inList && isIndented(line) && (previousBlank || previousIndentedCode)
    if (open || indentedCode || line.blank) {
      flush()
      out.push(text)
      if (open) fence = open
    } else {
      prose.push(text)
    }
    if (LIST_ITEM.test(line.body)) inList = true
    else if (!line.blank && previousBlank && !/^[ \t]/.test(line.body)) inList = false
    previousBlank = line.blank
    previousIndentedCode = indentedCode
  }
  flush()
  return out.join('\n')
}

const ESCAPE_OR_BACKTICK = /[\\`]/g

/** Applies `edit` to the text between code spans of one paragraph-sized block. */
function mapOutsideCodeSpans(block: string, edit: (prose: string) => string): string {
  // Run lengths known to have no closing run after some position: without this, many unmatched
  // runs would each scan to the end of the block (quadratic on hostile input).
  const noCloserAfter = new Map<number, number>()
  let out = ''
  let start = 0
  let i = 0
  while (i < block.length) {
    // Only escapes and backticks matter here: go straight to the next one.
    ESCAPE_OR_BACKTICK.lastIndex = i
    const next = ESCAPE_OR_BACKTICK.exec(block)
    if (next === null) break
    i = next.index
    if (block[i] === '\\') {
      i += 2
      continue
    }
    let runEnd = i
    while (block[runEnd] === '`') runEnd++
    const length = runEnd - i
    const end = runEnd >= (noCloserAfter.get(length) ?? Infinity) ? -1 : closingRun(block, runEnd, length)
    if (end < 0) {
      noCloserAfter.set(length, Math.min(noCloserAfter.get(length) ?? Infinity, runEnd))
      i = runEnd
      continue
    }
    out += edit(block.slice(start, i)) + block.slice(i, end)
    start = i = end
  }
  return out + edit(block.slice(start))
}

/** Index just past the next backtick run of exactly `length`, or -1. */
function closingRun(text: string, from: number, length: number): number {
  let i = text.indexOf('`', from)
  while (i >= 0) {
    let j = i
    while (text[j] === '`') j++
    if (j - i === length) return j
    i = text.indexOf('`', j)
  }
  return -1
}

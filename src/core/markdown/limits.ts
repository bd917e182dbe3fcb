/**
 * Limits that keep pathological Markdown away from marked, which is recursive and in places
 * super-linear. Measured with marked 18.2.1 on Node 20: nested lists cost ~40 ms at depth 100,
 * 1.4 s at 500, 15 s at 1,000 and run out of memory at 3,000; block quotes, `- - - x` and
 * `***...x...***` overflow the stack at 3,000 levels; 1,000 unclosed `*a ` emphasis openers in one
 * paragraph take ~0.25 s, 3,000 take 2.4 s and then overflow; 1 MB of ordinary summary text takes
 * ~0.35 s, 5 MB ~1.8 s, and 20 MB overflows the stack. Past these limits the text is shown plain,
 * in the terminal (`show`, `browse`) and in the HTML export alike (renderWithinLimits).
 */
export const MAX_BODY_CHARS = 1_000_000
/** Formulas converted in one summary (temml: ~0.1 ms each to text, ~1 ms to MathML); the rest are shown as written. */
export const MAX_CONVERTED_SPANS = 5000
export const MAX_NESTING = 100
export const MAX_EMPHASIS_OPENERS = 500

const CONTAINER_PREFIX = /^[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$))[ \t]?/
// A delimiter run not preceded by a letter, digit or another delimiter, followed by a non-space.
const EMPHASIS_OPENER = /(?<![\p{L}\p{N}*_~])([*_~]+)(?=[^\s*_~])/gu

/**
 * `render()`, or `fallback(problem)` when `markdown` is past the limits or the renderer fails
 * anyway: the limits are estimates, and a stack overflow they missed must not fail the command.
 */
export function renderWithinLimits<T>(markdown: string, render: () => T, fallback: (problem: string) => T): T {
  const problem = tooLarge(markdown) ?? tooComplex(markdown)
  if (problem) return fallback(problem)
  try {
    return render()
  } catch {
    return fallback('could not be formatted')
  }
}

/** The one line said above a summary shown as plain text, for `problem` from renderWithinLimits. */
export function plainTextNotice(problem: string): string {
  return `[precis: this summary ${problem}; showing it as plain text]`
}

/** Why `markdown` is too large to format, or null. Checked first: it is the cheap one. */
function tooLarge(markdown: string): string | null {
  if (markdown.length <= MAX_BODY_CHARS) return null
  // The limit is on characters, not bytes, and is said so (as the BibTeX limits are).
  return `is too large to format (${markdown.length.toLocaleString('en-US')} characters, limit ${MAX_BODY_CHARS.toLocaleString('en-US')})`
}

/** Why `markdown` should not be given to marked (nesting, emphasis), or null. */
function tooComplex(markdown: string): string | null {
  if (deepestNesting(markdown) > MAX_NESTING) return `nests lists or quotes more than ${MAX_NESTING} levels deep`
  for (const block of markdown.split(/\n[ \t]*\n/)) {
    let openers = 0
    for (const match of block.matchAll(EMPHASIS_OPENER)) openers += (match[1] as string).length
    if (openers > MAX_EMPHASIS_OPENERS) {
      return `has ${openers} emphasis markers in one paragraph (limit ${MAX_EMPHASIS_OPENERS})`
    }
  }
  return null
}

/**
 * The deepest container nesting any line opens (`>` and list markers, plus list indentation),
 * counted up to just past MAX_NESTING.
 */
function deepestNesting(markdown: string): number {
  let deepest = 0
  for (const line of markdown.split('\n')) {
    let rest = line
    let depth = 0
    let match: RegExpExecArray | null
    while ((match = CONTAINER_PREFIX.exec(rest)) !== null && match[0] !== '') {
      const indent = /^[ \t]*/.exec(rest)?.[0].length ?? 0
      depth += 1 + (rest[indent] === '>' ? 0 : Math.floor(indent / 2))
      rest = rest.slice(match[0].length)
      if (depth > MAX_NESTING) return depth
    }
    deepest = Math.max(deepest, depth)
  }
  return deepest
}

/**
 * The text as it is, without trailing space. Not wrapped: wrapping lines made of thousands of
 * markers or spaces is itself slow, and a terminal or pager wraps long lines anyway.
 */
export function plainText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
}

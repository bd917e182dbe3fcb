/**
 * Help text fitted to the terminal: prose is wrapped at word boundaries (never inside a word),
 * example command lines stay whole so they can be copied, and the two-column lists keep their
 * description column on the lines they wrap onto.
 */
// Measured here rather than through render/: start-up (which prints help) loads no renderer.
import displayWidth from 'fast-string-width'

/** Help is laid out for this width when the output is not a terminal. */
export const DEFAULT_HELP_WIDTH = 80

/** A line that heads a section (`Examples:`, `Options:`); its own paragraph. */
const HEADING = /^\S.*:$/
/** An example: a command line to copy, never broken. */
const EXAMPLE = /^\s*(?:\$ )?precis(?:\s|$)/
/** The start of a line's text column: after the indent, or after a term and two spaces (`  --tag <tag>  add a tag`). */
const HANGING = /^(\s*\S+(?: \S+)*? {2,})\S/

/** `text` fitted to `width` columns. */
export function wrapHelp(text: string, width: number): string {
  const lines = joinParagraphs(text.split('\n'))
  let inExamples = false
  return lines
    .map((line) => {
      if (HEADING.test(line)) inExamples = /^Examples?:$/.test(line)
      else if (line.trim() === '') inExamples = false
      if (inExamples || EXAMPLE.test(line) || displayWidth(line) <= width) return line
      return wrapLine(line, width)
    })
    .join('\n')
}

/**
 * Unindented prose that the source broke across lines becomes one line per paragraph, so a
 * wide terminal gets full lines and a narrow one no orphaned words; headings, indented lines
 * and examples keep their own lines.
 */
function joinParagraphs(lines: readonly string[]): string[] {
  const joined: string[] = []
  for (const line of lines) {
    const previous = joined[joined.length - 1]
    if (previous !== undefined && isProse(previous) && !HEADING.test(previous) && isProse(line))
      joined[joined.length - 1] = `${previous} ${line}`
    else joined.push(line)
  }
  return joined
}

function isProse(line: string): boolean {
  return /^\S/.test(line) && !EXAMPLE.test(line) && !/^(?:Usage|Examples?):/.test(line)
}

/** Greedy word wrap; continuation lines start at the line's text column. A word wider than the room stays whole. */
function wrapLine(line: string, width: number): string {
  const indent = /^\s*/.exec(line)![0]
  const term = HANGING.exec(line)?.[1]
  // A term too wide to leave room beside it: the text continues under the term instead.
  const hanging = term !== undefined && displayWidth(term) <= width / 2 ? term : indent
  const pad = ' '.repeat(displayWidth(hanging))
  const words = line.slice(hanging.length).split(/ +/).filter(Boolean)
  const out: string[] = []
  let current = hanging
  let empty = true
  for (const word of words) {
    const candidate = empty ? current + word : `${current} ${word}`
    if (!empty && displayWidth(candidate) > width) {
      out.push(current)
      current = pad + word
    } else current = candidate
    empty = false
  }
  out.push(current)
  return out.join('\n')
}

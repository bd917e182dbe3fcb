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

/** The least room a description keeps beside its term; with less, it goes on the lines below the term. */
const MIN_TEXT_WIDTH = 20
/** How much further than its term a description set below the term is indented. */
const BELOW_INDENT = '    '

/**
 * A line wrapped at word boundaries. A two-column line (`  --tag <tag>  add a tag`) keeps its text
 * column on the lines it wraps onto; where the term leaves too little room, the text goes below it.
 */
function wrapLine(line: string, width: number): string {
  const indent = /^\s*/.exec(line)![0]
  const term = HANGING.exec(line)?.[1]
  if (term === undefined) return wrapWords(line.slice(indent.length), indent, width)
  if (width - displayWidth(term) >= MIN_TEXT_WIDTH) return wrapWords(line.slice(term.length), term, width)
  return `${term.trimEnd()}\n${wrapWords(line.slice(term.length), indent + BELOW_INDENT, width)}`
}

/** Greedy word wrap of `text` after `first`; continuation lines start at its width. A word wider than the room stays whole. */
function wrapWords(text: string, first: string, width: number): string {
  const pad = ' '.repeat(displayWidth(first))
  const out: string[] = []
  let current = first
  let empty = true
  for (const word of text.split(/ +/).filter(Boolean)) {
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

/**
 * Values hidden from @retorquere/bibtex-parser, whose LaTeX reader costs 100–300 kB/s of CPU (a
 * title of 10,000 words: 1.5–3.4 s). Values precis never reads go to it empty. Values too long to
 * be stored go to it as a placeholder that comes back as the value's text as written, white space
 * runs as one space: the record check then refuses the record with its own message, wherever the
 * value lands (a crossref child's fields included). The count it gives is the parse's for text
 * without LaTeX in one paragraph; for LaTeX, that of the text as written. Plain values (no LaTeX,
 * isPlainText) go to it as such a placeholder too: for them, that text is exactly what the parse gives;
 * so do the plain runs inside values with LaTeX (bibtex-plain-runs.ts), without braces.
 */
import type { SpareValues } from './bibtex-limits.js'
import { markupToText } from './bibtex-text.js'

/** The text for the parser, and how to put the hidden values back into what it gives. */
export interface HiddenValues {
  text: string
  /** `value` with each placeholder replaced by the text it stands for. */
  restore: (value: string) => string
  /** The length `value` has once restored, without building it. */
  restoredLength: (value: string) => number
}

export function hideValues(text: string, { unread, tooLong, plain, runs }: SpareValues): HiddenValues {
  // A character of Unicode's private use area: the parser keeps it as a letter, and a placeholder of
  // three or four characters costs it next to nothing.
  let marker = '\uE000'
  while (text.includes(marker)) marker += '\uE000' // placeholders the input cannot forge
  const standIns: string[] = []
  const placeholder = (literal: string) => `${marker}${standIns.push(markupToText(literal)) - 1}${marker}`
  const hidden = [
    ...unread.map((span) => ({ ...span, with: () => '{}' })),
    ...[...tooLong, ...plain].map((span) => ({ ...span, with: () => `{${placeholder(span.literal)}}` })),
    ...runs.map((span) => ({ ...span, with: () => placeholder(span.literal) })),
  ].sort((a, b) => a.start - b.start)
  const pieces: string[] = []
  let at = 0
  for (const span of hidden) {
    pieces.push(text.slice(at, span.start), span.with())
    at = span.end
  }
  pieces.push(text.slice(at))
  const placeholders = new RegExp(`${marker}(\\d+)${marker}`, 'g')
  const standIn = (n: string) => standIns[Number(n)]!
  return {
    text: pieces.join(''),
    restore: (value) => (standIns.length === 0 ? value : value.replace(placeholders, (_m, n: string) => standIn(n))),
    restoredLength: (value) => {
      let length = value.length
      if (standIns.length > 0) for (const [match, n] of value.matchAll(placeholders)) length += standIn(n!).length - match.length
      return length
    },
  }
}

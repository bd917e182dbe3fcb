/**
 * A faster way for marked to read runs of plain text, giving the tokens marked itself would.
 * marked's GFM text rule stops before anything that may start an e-mail autolink: at every space
 * or punctuation mark it scans the next word for an `@`, which made this one regular expression
 * the largest single cost of a long HTML export. Here the run ends where marked's rule would end it
 * but for its e-mail and `mailto:`/`xmpp:` stops, found by one search instead of a try at every
 * character; that run is taken only when no `@`, `mailto:` or `xmpp:` is near enough for those
 * stops to have applied, else marked's own rule reads the text.
 */
import type { Tokens, TokenizerThis } from 'marked'

/** marked 18.2.1's GFM text rule (a test checks it is still marked's). */
export const MARKED_TEXT_RULE =
  "^(?:[^a-zA-Z0-9](?=(?:mailto|xmpp):)|(`+|~+|[^`~])(?:(?=[`~])|(?= {2,}\\n)|(?=[a-zA-Z0-9.!#$%&'*+\\/=?_`{\\|}~-]+@)|[\\s\\S]*?(?:(?=[\\\\<!\\[`*~_]|\\b_|[hH][tT][tT][pP][sS]?|[fF][tT][pP]:\\/\\/|(?<![^\\s*_~(])www\\.|$)|[^ ](?= {2,}\\n)|[^a-zA-Z0-9](?=(?:mailto|xmpp):)|[^a-zA-Z0-9.!#$%&'*+\\/=?_`{\\|}~-](?=[a-zA-Z0-9.!#$%&'*+\\/=?_`{\\|}~-]+@))))"

// Where that rule, without its e-mail and mailto:/xmpp: alternatives, ends a run: before a
// character that may start markup or an autolink, or after the character before a hard break
// (captured). Searched for directly rather than tried at every character, as the rule is.
const STOP = /[\\<![`*~_]|[hH][tT][tT][pP]|[fF][tT][pP]:\/\/|(?<![^\s*_~(])www\.|([^ ])(?= {2,}\n)/g
const CODE_OR_STRIKE_RUN = /`+|~+/y
const HARD_BREAK = / {2,}\n/y
// Characters of an e-mail address's local part, as marked's rule has them.
const EMAIL_RUN = /[a-zA-Z0-9.!#$%&'*+/=?_`{|}~-]*/y

/** The length of the run the rule matches at the start of `src` (not empty), but for its e-mail stops. */
function runLength(src: string): number {
  // The first character, or a whole run of backticks or tildes.
  CODE_OR_STRIKE_RUN.lastIndex = 0
  const first = CODE_OR_STRIKE_RUN.test(src) ? CODE_OR_STRIKE_RUN.lastIndex : 1
  HARD_BREAK.lastIndex = first
  if (src[first] === '`' || src[first] === '~' || HARD_BREAK.test(src)) return first
  STOP.lastIndex = first
  const stop = STOP.exec(src)
  if (stop === null) return src.length
  return stop[1] === undefined ? stop.index : stop.index + 1
}

/** A tokenizer override for marked: the text token, or false to let marked's own rule read it. */
export function plainText(this: TokenizerThis, src: string): Tokens.Text | false {
  if (src === '') return false
  const raw = src.slice(0, runLength(src))
  // Every e-mail stop looks from a position inside the match through a run of address characters
  // to an `@`; the mailto: stops look 7 characters past one.
  EMAIL_RUN.lastIndex = raw.length
  EMAIL_RUN.exec(src)
  if (src.slice(0, EMAIL_RUN.lastIndex + 1).includes('@')) return false
  const near = src.slice(0, raw.length + 8)
  if (near.includes('mailto:') || near.includes('xmpp:')) return false
  // marked rewrites numeric character references in text: leave those runs to it.
  if (raw.includes('&#')) return false
  const escaped = this.lexer.state.inRawBlock
  return { type: 'text', raw, text: raw, escaped }
}

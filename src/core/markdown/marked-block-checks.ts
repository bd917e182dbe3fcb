/**
 * Cheap checks before marked's costliest block rules, for text they cannot match: a setext heading
 * needs an underline (`===` or `---` on its own line) before the paragraph's first blank line, a
 * table needs its second line to begin as a delimiter row (`|`, `:` or `-`), and after at most three
 * spaces an HTML block begins with `<`, a block quote with `>` and a link definition with `[`. Where
 * the check cannot rule the rule out, marked's own rule decides, so the tokens are marked's. The
 * rules are tried at every block: in a long HTML export the first two were about a tenth of the
 * time, and in a `show` (one process, one summary) running these large expressions at all, each
 * compiled on first use, was half of marked's lexing.
 */
import type { Tokens, TokenizerThis } from 'marked'

// marked's paragraph content cannot cross a line that is blank or only white space.
const BLANK_LINE = /\n\s*?\n/
// How far to look for that blank line: past it marked decides (a paragraph can end sooner, at a
// heading or a list, so looking to the end of every paragraph could read a long body many times).
const LOOK_AHEAD = 4096
const UNDERLINE = /\n {0,3}(?:=+|-+)[ \t]*(?:\n|$)/
const DELIMITER_ROW_START = /^ {0,3}[|:-]/
const HTML_BLOCK_START = /^ {0,3}</
const QUOTE_START = /^ {0,3}>/
const DEFINITION_START = /^ {0,3}\[/

/** Undefined when `src` cannot start with a setext heading; false lets marked's rule decide. */
export function setextHeading(this: TokenizerThis, src: string): Tokens.Heading | false | undefined {
  const ahead = src.slice(0, LOOK_AHEAD)
  const blank = BLANK_LINE.exec(ahead)
  if (blank === null && src.length > LOOK_AHEAD) return false
  return UNDERLINE.test(blank === null ? ahead : ahead.slice(0, blank.index + 1)) ? false : undefined
}

/** Undefined when `src` cannot start with a table; false lets marked's rule decide. */
export function table(this: TokenizerThis, src: string): Tokens.Table | false | undefined {
  const newline = src.indexOf('\n')
  return newline >= 0 && DELIMITER_ROW_START.test(src.slice(newline + 1, newline + 5)) ? false : undefined
}

/** Undefined when `src` cannot start with an HTML block; false lets marked's rule decide. */
export function htmlBlock(this: TokenizerThis, src: string): Tokens.HTML | false | undefined {
  return HTML_BLOCK_START.test(src) ? false : undefined
}

/** Undefined when `src` cannot start with a block quote; false lets marked's rule decide. */
export function blockquote(this: TokenizerThis, src: string): Tokens.Blockquote | false | undefined {
  return QUOTE_START.test(src) ? false : undefined
}

/** Undefined when `src` cannot start with a link definition; false lets marked's rule decide. */
export function definition(this: TokenizerThis, src: string): Tokens.Def | false | undefined {
  return DEFINITION_START.test(src) ? false : undefined
}

/**
 * The stretches of a LaTeX value that need no LaTeX reading: runs of plain words (isPlainText)
 * outside braces and away from commands. The parser's LaTeX reader costs about the same for every
 * character, whatever it is (7–15 µs here), so an abstract with a single `\%` cost as much as one
 * that is LaTeX throughout; behind a placeholder of a few characters (bibtex-hidden-values.ts) its
 * plain words cost next to nothing. What the parser gives for such a run is its text, white space
 * runs as one space: held to the parser by a property test.
 */
import { isPlainText } from './bibtex-text.js'

/** Where a run lies in its value: `value.slice(start, end)`. */
export interface PlainRun {
  start: number
  end: number
}

// Shorter runs are left to the parser: the placeholder itself costs a few characters.
const MIN_RUN_LENGTH = 16
// A command may take the words after it as its arguments (`\emph word`, `\frac a b`, `\href{url} word`,
// `\\ [2pt]`): words this close after one are read by the parser. The parser's commands seen take a
// word or a character of each of the next two; three leaves a margin.
const ARGUMENT_WORDS = 3
// Commands after which the parser no longer reads a value word by word: an environment (verbatim
// among them), verbatim arguments that may be delimited by any character.
const WHOLE_VALUE_COMMANDS = new Set(['begin', 'verb', 'lstinline', 'mintinline', 'url', 'path'])
const COMMAND_NAME = /[a-zA-Z]+/y
const PARAGRAPH_BREAK = /[\r\n][ \t]*[\r\n]/

/** The plain runs of `value` (a literal as written, its math hidden), none when it holds a comment or environment. */
export function plainRuns(value: string): PlainRun[] {
  const runs: PlainRun[] = []
  let run: PlainRun | undefined
  const endRun = () => {
    if (run && run.end - run.start >= MIN_RUN_LENGTH) runs.push(run)
    run = undefined
  }
  let depth = 0
  let wordsSinceCommand = ARGUMENT_WORDS
  let at = 0
  while (at < value.length) {
    const spaceStart = at
    while (at < value.length && isSpace(value[at]!)) at++
    if (PARAGRAPH_BREAK.test(value.slice(spaceStart, at))) endRun()
    if (at === value.length) break
    const start = at
    const depthBefore = depth
    let command = false
    while (at < value.length && !isSpace(value[at]!)) {
      const ch = value[at]!
      if (ch === '\\') {
        COMMAND_NAME.lastIndex = at + 1
        const name = COMMAND_NAME.exec(value)?.[0]
        if (name !== undefined && WHOLE_VALUE_COMMANDS.has(name)) return []
        command = true
        at += 1 + (name?.length ?? 1) // a control word, or a control symbol (`\%`, `\ `)
        continue
      }
      if (ch === '%') return [] // a comment: the parser drops the rest of the line
      if (ch === '{') depth++
      else if (ch === '}') depth--
      at++
    }
    // Inside braces the words may be a command's argument, read as the command reads it (the parser knows
    // hundreds): only words outside them are hidden.
    if (depthBefore === 0 && depth === 0 && wordsSinceCommand >= ARGUMENT_WORDS && isPlainText(value.slice(start, at))) {
      if (run) run.end = at
      else run = { start, end: at }
    } else endRun()
    wordsSinceCommand = command ? 0 : wordsSinceCommand + 1
  }
  endRun()
  return runs
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r'
}

import type { Context } from '../context.js'
import { UsageError } from '../core/errors.js'
import { firstPaperProblem, type PaperFields } from '../core/records/field-rules.js'
import { jsonForTerminal } from '../core/text/sanitize.js'

/** True when we may ask the person: a terminal on stdin and stderr, and no `--no-input`. */
export function canPrompt(ctx: Context): boolean {
  return ctx.globals.input && ctx.io.stdinIsTTY && ctx.io.stderrIsTTY
}

/** A message for the person on stderr, unless `--quiet`. */
export function inform(ctx: Context, message: string): void {
  if (!ctx.globals.quiet) ctx.io.err(message.endsWith('\n') ? message : message + '\n')
}

/**
 * Stable JSON on stdout (`--json`). JSON.stringify leaves C1 controls and bidi overrides raw; the
 * sanitizer writes them as `\uXXXX`, a JSON escape with the same meaning: still exact data
 * (jsonForTerminal: the sanitizer's bytes, its regex run only where there is something to change).
 */
export function printJson(ctx: Context, value: unknown): void {
  ctx.io.out(jsonForTerminal(JSON.stringify(value, null, 2) + '\n'))
}

/** Items of a JSON list written per piece: a list of every entry at 100,000 entries is some 80 MB of text. */
const ITEMS_PER_PIECE = 500

/**
 * printJson of `items.map(record)`, the same bytes, written some hundreds of items at a time: each
 * piece's items as JSON.stringify lays out an array's (`[\n` + items joined by `,\n` + `\n]`),
 * sanitised on its own (the sanitizer changes single characters).
 */
export function printJsonList<T>(ctx: Context, items: readonly T[], record: (item: T) => unknown): void {
  if (items.length === 0) return ctx.io.out('[]\n')
  for (let start = 0; start < items.length; start += ITEMS_PER_PIECE) {
    const end = Math.min(items.length, start + ITEMS_PER_PIECE)
    const json = JSON.stringify(items.slice(start, end).map(record), null, 2)
    const inner = json.slice(2, json.length - 2) // the items, without the piece's own `[\n` and `\n]`
    ctx.io.out(jsonForTerminal((start === 0 ? '[\n' : ',\n') + inner + (end === items.length ? '\n]\n' : '')))
  }
}

/**
 * Ask for confirmation before a destructive step: in a terminal ask; otherwise require `--yes`.
 * Returns false when the person says no.
 */
export async function confirmOrRequireYes(ctx: Context, yes: boolean, question: string): Promise<boolean> {
  if (yes) return true
  if (!canPrompt(ctx)) throw new UsageError(`${question.replace(/\?$/, '')}: pass --yes to confirm when not interactive`)
  return ctx.prompter.confirm({ name: 'confirm', message: question, default: false })
}

/** Authors typed on one line, separated by semicolons (how the prompts ask for them). */
export function splitAuthors(line: string): string[] {
  return line
    .split(';')
    .map((a) => a.trim())
    .filter(Boolean)
}

/**
 * `input` when every field can be stored. The prompts check each answer as it is typed; this
 * holds whatever the prompter, before anything is saved.
 */
export function storableAnswers<T extends Partial<PaperFields>>(input: T): T {
  const problem = firstPaperProblem(input)
  if (problem) throw new UsageError(`The answer cannot be stored: ${problem}`)
  return input
}

/**
 * How an import's plan and outcome read: one line per paper or summary for `--dry-run`, and a one-line
 * tally for the message after a real import, and the fields an import changed, as `old → new`.
 * Values are shown sanitised and shortened (render/value-text.ts); the command sanitises the rest.
 */
import type { MergeAction, Outcome } from '../../core/merge/import-merge.js'
import { valueText } from '../../render/value-text.js'
import type { ImportProblem } from '../../core/merge/imported-records.js'

const OUTCOMES: readonly Outcome[] = ['added', 'updated', 'unchanged', 'skipped']

/** Longest value shown in a change line: enough to recognise a title, not a whole abstract. */
const CHANGE_VALUE_LENGTH = 60

/**
 * `added     paper    gilmer2017neural  notes/a.md`, with the differing fields of a conflict, each
 * on a line of its own as `old → new`.
 */
export function planLines(actions: readonly MergeAction[]): string {
  // Not Math.max(...lengths): spread as arguments, a few hundred thousand records overflow the stack.
  const width = Math.min(
    40,
    actions.reduce((widest, action) => Math.max(widest, action.id.length), 0),
  )
  return actions
    .map((action) => {
      const differs = action.differences ? `  (differs: ${action.differences.join(', ')})` : ''
      return [
        `${action.outcome.padEnd(9)} ${action.kind.padEnd(7)}  ${action.id.padEnd(width)}  ${action.origin}${differs}`,
        ...changeLines(action),
      ].join('\n')
    })
    .map((line) => line + '\n')
    .join('')
}

/** What an import changed, one line per field (`  title: old → new`), for the updated records only. */
export function updateLines(actions: readonly MergeAction[]): string {
  return actions
    .filter((action) => action.outcome === 'updated' && action.changes)
    .map((action) => [`updated ${action.kind} ${action.id}`, ...changeLines(action)].join('\n') + '\n')
    .join('')
}

function changeLines(action: MergeAction): string[] {
  return (action.changes ?? []).map(
    ({ field, before, after }) => `    ${field}: ${valueText(before, CHANGE_VALUE_LENGTH)} → ${valueText(after, CHANGE_VALUE_LENGTH)}`,
  )
}

/** "2 papers added, 1 updated; 5 summaries added, 3 unchanged" (kinds and outcomes with none left out). */
export function tally(actions: readonly MergeAction[]): string {
  const parts = (['paper', 'summary'] as const).flatMap((kind) => {
    const mine = actions.filter((a) => a.kind === kind)
    const counts = OUTCOMES.map((outcome) => [outcome, mine.filter((a) => a.outcome === outcome).length] as const).filter(([, n]) => n > 0)
    if (counts.length === 0) return []
    const noun = (n: number) => (kind === 'paper' ? (n === 1 ? 'paper' : 'papers') : n === 1 ? 'summary' : 'summaries')
    return [counts.map(([outcome, n], i) => (i === 0 ? `${n} ${noun(n)} ${outcome}` : `${n} ${outcome}`)).join(', ')]
  })
  return parts.length > 0 ? parts.join('; ') : 'nothing to import'
}

/** One line per problem: `file, entry: reason` (a reason that names its file already stands alone). */
export function problemLines(problems: readonly ImportProblem[]): string[] {
  return problems.map((problem) => (problem.reason.startsWith(problem.origin) ? problem.reason : `${problem.origin}: ${problem.reason}`))
}

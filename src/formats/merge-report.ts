/**
 * How an import's plan and outcome read: one line per paper or summary for `--dry-run`, and a one-line
 * tally for the message after a real import. Plain text; the command sanitises it for a terminal.
 */
import type { MergeAction, Outcome } from '../core/merge.js'
import type { ImportProblem } from './records.js'

const OUTCOMES: readonly Outcome[] = ['added', 'updated', 'unchanged', 'skipped']

/** `added     paper    gilmer2017neural  notes/a.md`, with the differing fields of a conflict. */
export function planLines(actions: readonly MergeAction[]): string {
  const width = Math.min(40, Math.max(0, ...actions.map((a) => a.id.length)))
  return actions
    .map((action) => {
      const differs = action.differences ? `  (differs: ${action.differences.join(', ')})` : ''
      return `${action.outcome.padEnd(9)} ${action.kind.padEnd(7)}  ${action.id.padEnd(width)}  ${action.origin}${differs}`
    })
    .map((line) => line + '\n')
    .join('')
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

/**
 * The reading queue (README, The reading queue): a paper's reading state and priority, how they
 * change, and the order the queue is read in. A paper stores a state once someone sets one; a paper
 * without one counts as read when it has a summary (it was summarised before the queue existed, or
 * added with its summary) and is in no state otherwise (imported, or added alone with --no-summary).
 */
import { UsageError } from '../errors.js'
import { DEFAULT_PRIORITY, MAX_PRIORITY, MIN_PRIORITY, type Paper, type ReadingState } from '../model.js'

/** What the queue needs of a paper (an outline or a whole record). */
export type QueuedPaper = Pick<Paper, 'key' | 'added' | 'state' | 'priority'>

/** The state a paper is in: its own, else read when it has a summary, else none (null). */
export function readingState(paper: Pick<Paper, 'state'>, summarised: boolean): ReadingState | null {
  return paper.state ?? (summarised ? 'read' : null)
}

/** Whether the paper is in the queue: still to read, or being read. */
export function isQueued(paper: Pick<Paper, 'state'>): boolean {
  return paper.state === 'to-read' || paper.state === 'reading'
}

/** `text` as a priority (a whole number from MIN_PRIORITY, read first, to MAX_PRIORITY); UsageError naming `what` otherwise. */
export function parsePriority(text: string, what: string): number {
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN
  if (Number.isSafeInteger(n) && n >= MIN_PRIORITY && n <= MAX_PRIORITY) return n
  throw new UsageError(`${what} takes a whole number from ${MIN_PRIORITY} (read first) to ${MAX_PRIORITY} (read last), not "${text}"`)
}

/**
 * What a queue command does to a paper: `add` puts it in the queue to read (again), `start` marks
 * it being read, `done` read, `drop` takes its state away; `priority` sets (a number) or removes
 * (null) the priority of a queued paper and leaves it where it is otherwise (undefined).
 */
export type QueueAction =
  { kind: 'add' | 'start' | 'done' | 'drop'; priority?: number | null } | { kind: 'priority'; priority: number | null }

/** The paper's state and priority after `action`, or a UsageError's message when the action makes no sense for it. */
export function queueTransition(
  paper: Pick<Paper, 'state' | 'priority'>,
  action: QueueAction,
): { state: ReadingState | undefined; priority: number | undefined } | string {
  const keep = (priority: number | null | undefined, current: number | undefined) =>
    priority === undefined ? current : (priority ?? undefined)
  switch (action.kind) {
    case 'add':
      return { state: 'to-read', priority: keep(action.priority, paper.priority) }
    case 'start':
      return { state: 'reading', priority: keep(action.priority, paper.priority) }
    case 'done':
      if (action.priority != null) return 'a paper that is read has no priority'
      return { state: 'read', priority: undefined }
    case 'drop':
      if (action.priority != null) return 'a paper out of the queue has no priority'
      return { state: undefined, priority: undefined }
    case 'priority':
      if (!isQueued(paper)) return 'only a paper to read or being read has a priority (precis queue add puts it in the queue)'
      return { state: paper.state, priority: action.priority ?? undefined }
  }
}

/** Write a transition's outcome into `paper` (fields that end unset are removed, so the file stays as it was written). */
export function applyTransition(paper: Paper, next: { state: ReadingState | undefined; priority: number | undefined }): boolean {
  const changed = paper.state !== next.state || paper.priority !== next.priority
  if (next.state === undefined) delete paper.state
  else paper.state = next.state
  if (next.priority === undefined) delete paper.priority
  else paper.priority = next.priority
  return changed
}

/**
 * A summary was written for `paper` (`precis add`): a paper to read or being read is now read, and
 * leaves the queue with its priority. One with no state, or read, stays as it is. Returns whether it changed.
 */
export function summaryWritten(paper: Paper): boolean {
  if (!isQueued(paper)) return false
  return applyTransition(paper, { state: 'read', priority: undefined })
}

/** The paper's priority for ordering: its own, else DEFAULT_PRIORITY. */
export const effectivePriority = (paper: Pick<Paper, 'priority'>): number => paper.priority ?? DEFAULT_PRIORITY

/**
 * The queue in reading order: the papers to read or being read, by priority (1 first; none counts
 * as DEFAULT_PRIORITY), then oldest added first, then by key.
 */
export function queueOrder<P extends QueuedPaper>(papers: readonly P[]): P[] {
  return papers
    .filter(isQueued)
    .sort(
      (a, b) =>
        effectivePriority(a) - effectivePriority(b) ||
        Date.parse(a.added) - Date.parse(b.added) ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    )
}

import { plural } from '../core/text/plural-count.js'
import type { LibraryDiff } from './library-diff.js'

/** A commit message: one line that says what happened, and the full lists when that line had to shorten them. */
export interface CommitMessage {
  subject: string
  body: string
}

const NAMES_IN_SUBJECT = 3

/** Lines of a message body listing changes: a bulk change of 100,000 summaries says how many more there were. */
export const MAX_BODY_LINES = 1000

/** The first `max` lines, then one that counts the rest. */
export function cutLines(lines: readonly string[], max = MAX_BODY_LINES): string[] {
  if (lines.length <= max) return [...lines]
  return [...lines.slice(0, max - 1), `… and ${lines.length - (max - 1)} more`]
}

/** Ids, tags and messages come from outside: a line break or control character would forge message lines. */
export function cleanMessage(text: string): string {
  // eslint-disable-next-line no-control-regex -- a control character in a commit message would forge lines
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
}

function nameList(names: readonly string[]): string {
  const shown = names.slice(0, NAMES_IN_SUBJECT).map(cleanMessage).join(', ')
  return names.length > NAMES_IN_SUBJECT ? `${shown} and ${names.length - NAMES_IN_SUBJECT} more` : shown
}

/** `+a -b` for the tags added and removed. */
function tagDelta(before: readonly string[], after: readonly string[]): string {
  const added = after.filter((t) => !before.includes(t)).map((t) => `+${cleanMessage(t)}`)
  const removed = before.filter((t) => !after.includes(t)).map((t) => `-${cleanMessage(t)}`)
  return [...added, ...removed].join(' ')
}

/** The edits: tag-only changes as `tag x +a -b`, the rest as `edit x (fields)`. */
function describeEdits(diff: LibraryDiff, full: string[]): string[] {
  const edits = new Map<string, Set<string>>()
  const note = (name: string, fields: readonly string[]) => {
    const set = edits.get(name) ?? new Set<string>()
    for (const field of fields) if (field !== 'updated') set.add(field)
    edits.set(name, set)
  }
  for (const c of diff.summaries.changed) note(c.after.id, c.fields)
  for (const c of diff.papers.changed) note(c.after.key, c.fields)
  if (edits.size === 0) return []
  const tagOnly = [...edits.values()].every((fields) => fields.size === 1 && fields.has('tags'))
  if (tagOnly) {
    const deltas = diff.summaries.changed.map((c) => tagDelta(c.before.tags, c.after.tags))
    full.push(...diff.summaries.changed.map((c, i) => `tag ${cleanMessage(c.after.id)} ${deltas[i]}`))
    if (deltas.length === 1) return [`tag ${cleanMessage(diff.summaries.changed[0]!.after.id)} ${deltas[0]}`]
    const same = deltas.every((d) => d === deltas[0])
    return [same ? `tags ${deltas[0]} (${deltas.length} summaries)` : `tag ${plural(deltas.length, 'summary', 'summaries')}`]
  }
  const lines = [...edits].map(([name, fields]) => `edit ${cleanMessage(name)}${fields.size > 0 ? ` (${[...fields].join(', ')})` : ''}`)
  full.push(...lines)
  return lines.length === 1 ? lines : [`edit ${nameList([...edits.keys()])}`]
}

/**
 * What a change did, as a commit message: `add gilmer2017neural`, `rm x`, `restore x`,
 * `edit x (title, body)`, `tags +graph -ml (12 summaries)`, `empty trash (3 summaries)`.
 * Null when nothing changed.
 */
export function describeChange(diff: LibraryDiff): CommitMessage | null {
  const parts: string[] = []
  const full: string[] = []
  const listed = (verb: string, names: string[]) => {
    if (names.length === 0) return
    parts.push(`${verb} ${nameList(names)}`)
    full.push(...names.map((n) => `${verb} ${cleanMessage(n)}`))
  }
  // A restored summary keeps its id, or comes back under a new one (its own was taken meanwhile)
  // with its text and time of writing: either way a restore, and its trash entry no purge.
  const untrashed = diff.trash.removed.map((e) => e.summary)
  const restoredFrom = new Map(
    diff.summaries.added.flatMap((s) => {
      const entry =
        untrashed.find((t) => t.id === s.id) ?? untrashed.find((t) => t.created === s.created && t.body === s.body && t.by === s.by)
      return entry ? [[s.id, entry.id] as const] : []
    }),
  )
  const trashed = new Set(diff.trash.added.map((e) => e.summary.id))
  const added = diff.summaries.added.map((s) => s.id)
  const removed = diff.summaries.removed.map((s) => s.id)
  listed(
    'add',
    added.filter((id) => !restoredFrom.has(id)),
  )
  listed(
    'restore',
    added.filter((id) => restoredFrom.has(id)),
  )
  listed(
    'rm',
    removed.filter((id) => trashed.has(id)),
  )
  listed(
    'delete',
    removed.filter((id) => !trashed.has(id)),
  )
  parts.push(...describeEdits(diff, full))
  const summarised = new Set([...diff.summaries.added, ...diff.summaries.removed].map((s) => s.paper))
  listed(
    'add paper',
    diff.papers.added.map((p) => p.key).filter((k) => !summarised.has(k)),
  )
  listed(
    'delete paper',
    diff.papers.removed.map((p) => p.key).filter((k) => !summarised.has(k)),
  )
  const restoredIds = new Set(restoredFrom.values())
  const purged = diff.trash.removed.filter((e) => !restoredIds.has(e.summary.id)).length
  if (purged > 0) parts.push(`empty trash (${plural(purged, 'summary', 'summaries')})`)
  if (parts.length === 0) return diff.trash.added.length > 0 ? { subject: 'update the trash', body: '' } : null
  const subject = parts.join('; ')
  const body = full.length > 1 && full.join('; ') !== subject ? cutLines(full).join('\n') : ''
  return { subject, body }
}

import { plural } from '../core/text/plural-count.js'
import { describeEntries } from '../core/records/trash.js'
import { trashedSummaries } from '../core/model.js'
import type { LibraryDiff } from './library-diff.js'
import { pushAll } from '../core/lists.js'

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
    // Summaries, and papers not yet summarised, which carry tags of their own.
    const changed = [
      ...diff.summaries.changed.map((c) => ({ name: c.after.id, delta: tagDelta(c.before.tags, c.after.tags) })),
      ...diff.papers.changed.map((c) => ({ name: c.after.key, delta: tagDelta(c.before.tags ?? [], c.after.tags ?? []) })),
    ]
    pushAll(
      full,
      changed.map((c) => `tag ${cleanMessage(c.name)} ${c.delta}`),
    )
    if (changed.length === 1) return [`tag ${cleanMessage(changed[0]!.name)} ${changed[0]!.delta}`]
    const papers = diff.papers.changed.length
    const what =
      papers === 0
        ? plural(changed.length, 'summary', 'summaries')
        : papers === changed.length
          ? plural(papers, 'paper')
          : plural(changed.length, 'entry', 'entries')
    const same = changed.every((c) => c.delta === changed[0]!.delta)
    return [same ? `tags ${changed[0]!.delta} (${what})` : `tag ${what}`]
  }
  const lines = [...edits].map(([name, fields]) => `edit ${cleanMessage(name)}${fields.size > 0 ? ` (${[...fields].join(', ')})` : ''}`)
  pushAll(full, lines)
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
    pushAll(
      full,
      names.map((n) => `${verb} ${cleanMessage(n)}`),
    )
  }
  // A restored summary keeps its id, or comes back under a new one (its own was taken meanwhile)
  // with its text and time of writing: either way a restore, and its trash entry no purge.
  const untrashed = trashedSummaries(diff.trash.removed)
  const restoredFrom = new Map(
    diff.summaries.added.flatMap((s) => {
      const entry =
        untrashed.find((t) => t.id === s.id) ?? untrashed.find((t) => t.created === s.created && t.body === s.body && t.by === s.by)
      return entry ? [[s.id, entry.id] as const] : []
    }),
  )
  const trashed = new Set(trashedSummaries(diff.trash.added).map((s) => s.id))
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
  pushAll(parts, describeEdits(diff, full))
  const summarised = new Set([...diff.summaries.added, ...diff.summaries.removed].map((s) => s.paper))
  // Papers trashed alone (they had no summary), and back from the trash: under their key, or a new one with the record's time of adding.
  const papersOut = diff.trash.removed.flatMap((e) => (e.summary === null ? [e.paper] : []))
  const papersIn = new Set(diff.trash.added.flatMap((e) => (e.summary === null ? [e.paper.key] : [])))
  const restoredPapers = new Map(
    diff.papers.added.flatMap((p) => {
      const record = papersOut.find((r) => r.key === p.key) ?? papersOut.find((r) => r.added === p.added && r.title === p.title)
      return record ? [[p.key, record.key] as const] : []
    }),
  )
  const addedPapers = diff.papers.added.map((p) => p.key).filter((k) => !summarised.has(k))
  listed(
    'add paper',
    addedPapers.filter((k) => !restoredPapers.has(k)),
  )
  listed(
    'restore paper',
    addedPapers.filter((k) => restoredPapers.has(k)),
  )
  const removedPapers = diff.papers.removed.map((p) => p.key).filter((k) => !summarised.has(k))
  listed(
    'rm paper',
    removedPapers.filter((k) => papersIn.has(k)),
  )
  listed(
    'delete paper',
    removedPapers.filter((k) => !papersIn.has(k)),
  )
  const restoredIds = new Set(restoredFrom.values())
  const restoredKeys = new Set(restoredPapers.values())
  const purged = diff.trash.removed.filter((e) => (e.summary === null ? !restoredKeys.has(e.paper.key) : !restoredIds.has(e.summary.id)))
  if (purged.length > 0) parts.push(`empty trash (${describeEntries(purged)})`)
  if (parts.length === 0) return diff.trash.added.length > 0 ? { subject: 'update the trash', body: '' } : null
  const subject = parts.join('; ')
  const body = full.length > 1 && full.join('; ') !== subject ? cutLines(full).join('\n') : ''
  return { subject, body }
}

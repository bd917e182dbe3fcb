import { ConflictError, NotFoundError } from '../errors.js'
import { applyFieldChanges, collidingFields, diffFields, type FieldChange } from './field-changes.js'
import type { Library, Paper, Summary } from '../model.js'
import { applyTagChanges, type TagChanges } from '../tags/changes.js'

/** Paper fields an edit may set. */
export const PAPER_FIELDS = ['title', 'authors', 'year', 'venue', 'arxiv', 'doi', 'url'] as const
/** Summary fields an edit may set. */
export const SUMMARY_FIELDS = ['by', 'tags', 'body'] as const

export type PaperField = (typeof PAPER_FIELDS)[number]
export type SummaryField = (typeof SUMMARY_FIELDS)[number]
/** Paper fields set by flags. */
export type PaperEdit = Partial<Pick<Paper, PaperField>>
/** Summary fields set by flags. */
export type SummaryEdit = Partial<Pick<Summary, SummaryField>>

/** Every field an edit may set, with its value: what the editor document holds, or the records with flags applied. */
export interface EditFields {
  paper: Pick<Paper, PaperField>
  summary: Pick<Summary, SummaryField>
}

/** The records as they were when editing began. */
export interface EditBase {
  paper: Paper
  summary: Summary
}

/** What an edit changes, field by field, each from the stored value it began at. */
export interface EditChanges {
  paper: FieldChange<Paper, PaperField>[]
  summary: FieldChange<Summary, SummaryField>[]
}

/** Tags are a set: tags added and removed meanwhile survive an edit that changed others. */
const SET_FIELDS: ReadonlySet<keyof Summary> = new Set(['tags'])

const pick = <R, F extends keyof R>(record: R, fields: readonly F[]) =>
  Object.fromEntries(fields.map((field) => [field, record[field]])) as Pick<R, F>

/** The editable fields of the records, as stored. */
export function fieldsOf(base: EditBase): EditFields {
  return { paper: pick(base.paper, PAPER_FIELDS), summary: pick(base.summary, SUMMARY_FIELDS) }
}

/** The edit from `start` (the fields as the person was shown them) to `edited`, beginning at the stored `base`. */
export function diffEdit(base: EditBase, start: EditFields, edited: EditFields): EditChanges {
  return {
    paper: diffFields(base.paper, start.paper, edited.paper, PAPER_FIELDS),
    summary: diffFields(base.summary, start.summary, edited.summary, SUMMARY_FIELDS),
  }
}

/**
 * What field flags change on the stored records: the fields they set, and the tags as operations.
 * The tag change runs from the list without the added tags (and with the removed ones) to the list
 * with them, so `--tag x` leaves x on the summary even when someone removed it meanwhile.
 */
export function editFromFlags(
  base: EditBase,
  flags: { paper: PaperEdit; summary: Omit<SummaryEdit, 'tags'>; addTags: readonly string[]; removeTags: readonly string[] },
): EditChanges {
  const tags = base.summary.tags
  const withoutAdded = [...tags, ...flags.removeTags.filter((tag) => !tags.includes(tag))].filter((tag) => !flags.addTags.includes(tag))
  const kept = tags.filter((tag) => !flags.removeTags.includes(tag))
  const withAdded = [...kept, ...flags.addTags.filter((tag) => !kept.includes(tag))]
  const from = { paper: base.paper, summary: { ...base.summary, tags: withoutAdded } }
  const start = fieldsOf(from)
  return diffEdit(from, start, {
    paper: { ...start.paper, ...flags.paper },
    summary: { ...start.summary, ...flags.summary, tags: withAdded },
  })
}

/** Refuse an edit of `handle` when fields it changes were changed meanwhile too (their names given). */
function refuseCollisions(handle: string, fields: readonly PropertyKey[]): void {
  if (fields.length === 0) return
  const colliding = fields.map(String)
  throw new ConflictError(
    `"${handle}" was changed by someone else while you were editing (${colliding.join(', ')}); your edit was not applied`,
    colliding,
    [`See it as it is now with: precis show ${handle}`],
  )
}

/**
 * Apply an edit to summary `id` and its paper as they are now (inside the lock): fields the edit
 * does not change keep their current values, tags combine with tags changed meanwhile, and a field
 * someone else changed meanwhile to another value refuses the whole edit (ConflictError, nothing
 * changed; the caller keeps the person's text). Returns the summary and whether anything changed.
 */
export function applyEdit(lib: Library, id: string, changes: EditChanges, now: Date): { summary: Summary; changed: boolean } {
  const summary = lib.summaries.find((s) => s.id === id)
  if (!summary) throw new NotFoundError(`The summary "${id}" is no longer in the library`)
  const paper = lib.papers.find((p) => p.key === summary.paper)
  if (!paper) throw new NotFoundError(`The paper "${summary.paper}" of summary "${id}" is missing (run precis doctor)`)
  refuseCollisions(id, [...collidingFields(paper, changes.paper), ...collidingFields(summary, changes.summary, SET_FIELDS)])
  const paperChanged = applyFieldChanges(paper, changes.paper)
  const summaryChanged = applyFieldChanges(summary, changes.summary, SET_FIELDS)
  const changed = paperChanged || summaryChanged
  if (changed) summary.updated = now.toISOString()
  return { summary, changed }
}

/**
 * Apply field changes to paper `key` as it is now (inside the lock); a field someone else changed
 * meanwhile to another value refuses them all (ConflictError naming what was `doing`). Returns the paper.
 */
export function applyPaperChanges(lib: Library, key: string, changes: readonly FieldChange<Paper>[], doing: string): Paper {
  const paper = lib.papers.find((p) => p.key === key)
  if (!paper) throw new NotFoundError(`The paper "${key}" is no longer in the library`)
  const colliding = collidingFields(paper, changes).map(String)
  if (colliding.length > 0) {
    throw new ConflictError(`"${key}" was changed by someone else while ${doing} (${colliding.join(', ')}); nothing was changed`, colliding)
  }
  applyFieldChanges(paper, changes)
  return paper
}

/** The editable fields of a paper without summaries: its own, and its own tags (core/tags/paper-tags.ts). */
export interface PaperAloneFields {
  paper: Pick<Paper, PaperField>
  tags: string[]
}

/** What an edit of a paper without summaries changes: fields from the stored values they began at, and its tags as a set. */
export interface PaperAloneChanges {
  paper: FieldChange<Paper, PaperField>[]
  tags: TagChanges
}

/** The editable fields of a paper without summaries, as stored. */
export function paperFieldsOf(paper: Paper): PaperAloneFields {
  return { paper: pick(paper, PAPER_FIELDS), tags: [...(paper.tags ?? [])] }
}

/** The edit of a paper alone from `start` (the fields as the person was shown them) to `edited`, beginning at the stored `paper`. */
export function diffPaperEdit(paper: Paper, start: PaperAloneFields, edited: PaperAloneFields): PaperAloneChanges {
  return {
    paper: diffFields(paper, start.paper, edited.paper, PAPER_FIELDS),
    tags: { add: edited.tags.filter((tag) => !start.tags.includes(tag)), remove: start.tags.filter((tag) => !edited.tags.includes(tag)) },
  }
}

/** What field flags change on a paper alone: the fields they set, and the tags as operations (`--tag x` leaves x on). */
export function paperEditFromFlags(
  paper: Paper,
  flags: { paper: PaperEdit; addTags: readonly string[]; removeTags: readonly string[] },
): PaperAloneChanges {
  const start = pick(paper, PAPER_FIELDS)
  return {
    paper: diffFields(paper, start, { ...start, ...flags.paper }, PAPER_FIELDS),
    tags: { add: [...flags.addTags], remove: flags.removeTags.filter((tag) => !flags.addTags.includes(tag)) },
  }
}

/**
 * Apply an edit to paper `key`, which had no summary when the edit began, as it is now (inside the
 * lock), by the rule of `applyEdit`: fields the edit does not change keep their current values, a
 * field someone else changed meanwhile to another value refuses the whole edit (ConflictError,
 * nothing changed), and tags combine with those changed meanwhile. A summary written meanwhile took
 * the paper's tags over, so the tag change goes to its summaries, as `tag <key>` would now; they are
 * stamped as updated when a paper field changes too, as a summary's edit is (sync dates a paper's
 * fields by its summaries). Returns the paper and whether anything changed.
 */
export function applyPaperEdit(lib: Library, key: string, changes: PaperAloneChanges, now: Date): { paper: Paper; changed: boolean } {
  const paper = lib.papers.find((p) => p.key === key)
  if (!paper) throw new NotFoundError(`The paper "${key}" is no longer in the library`)
  refuseCollisions(key, collidingFields(paper, changes.paper))
  const paperChanged = applyFieldChanges(paper, changes.paper)
  if (paperChanged) for (const summary of lib.summaries) if (summary.paper === key) summary.updated = now.toISOString()
  const tagged = changes.tags.add.length + changes.tags.remove.length > 0
  const tagsChanged = tagged && applyTagChanges(lib, [{ kind: 'paper', id: key }], changes.tags, now).length > 0
  return { paper, changed: paperChanged || tagsChanged }
}

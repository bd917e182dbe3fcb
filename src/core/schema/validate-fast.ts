import {
  LIBRARY_FORMAT,
  LIBRARY_VERSION,
  MAX_PRIORITY,
  MIN_PRIORITY,
  READING_STATES,
  type Attachment,
  type Library,
  type Paper,
  type Summary,
  type TrashEntry,
} from '../model.js'
import { tagProblem } from '../tags/rules.js'
import { attachmentRecord, attachmentsProblem } from '../attachments/attachments.js'

// The library's rules, checked by hand on every read. zod (src/core/schema/zod.ts) states the
// same rules and stays the reference: it explains what is wrong when this check says no, and a
// test holds the two to the same verdicts. Written by hand because zod took about as long as
// JSON.parse itself on a 10,000-summary library (~0.7 s) and cost ~200 ms to import on every run;
// these plain loops take a few milliseconds. A record that holds exactly the known fields, in file
// order, is returned as it is: copying every record of a large library doubled the garbage of a read.

/** Paper fields in the order the file keeps them. */
export const PAPER_FIELDS = [
  'key',
  'title',
  'authors',
  'year',
  'venue',
  'arxiv',
  'category',
  'doi',
  'url',
  'abstract',
  'added',
  'state',
  'priority',
  'tags',
  'attachments',
] as const satisfies readonly (keyof Paper)[]
/** Paper fields a record may lack (each came after the others, and a record without one stays without it). */
const OPTIONAL_PAPER_FIELDS: ReadonlySet<string> = new Set([
  'category',
  'state',
  'priority',
  'tags',
  'attachments',
] satisfies (keyof Paper)[])
/** Summary fields in the order the file keeps them. */
export const SUMMARY_FIELDS = ['id', 'paper', 'by', 'body', 'tags', 'created', 'updated'] as const satisfies readonly (keyof Summary)[]
/** Trash entry fields in the order the file keeps them. */
export const TRASH_FIELDS = ['summary', 'paper', 'deleted'] as const satisfies readonly (keyof TrashEntry)[]

// zod's ISO datetime with offsets (z.iso.datetime({ offset: true })): calendar-valid dates, seconds required.
const DATE =
  '(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))'
const TIMESTAMP = new RegExp(`^${DATE}T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d)))$`)

type Fields = Record<string, unknown>

const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value)
const isText = (value: unknown): value is string => typeof value === 'string'
const isOptionalText = (value: unknown): value is string | null => value === null || typeof value === 'string'
const isTimestamp = (value: unknown): value is string => typeof value === 'string' && TIMESTAMP.test(value)
const isSized = (value: unknown, max: number): value is string => typeof value === 'string' && value.length >= 1 && value.length <= max
const isState = (value: unknown): value is Paper['state'] => (READING_STATES as readonly unknown[]).includes(value)
const isPriority = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= MIN_PRIORITY && value <= MAX_PRIORITY
const isYear = (value: unknown): value is number | null =>
  value === null || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= 9999)

function isTextList(value: unknown, itemOk: (item: string) => boolean = () => true): value is string[] {
  if (!Array.isArray(value)) return false
  for (const item of value) if (typeof item !== 'string' || !itemOk(item)) return false
  return true
}

/** Tag verdicts already reached: a library repeats a few hundred tags across all its summaries. */
const goodTags = new Set<string>()
function isGoodTag(tag: string): boolean {
  if (goodTags.has(tag)) return true
  if (tagProblem(tag) !== null) return false
  if (goodTags.size < 10_000) goodTags.add(tag) // bounded: a hostile file may hold millions of tags
  return true
}

const NONE: ReadonlySet<string> = new Set()

/**
 * Whether `value` is a plain object whose own keys are exactly `fields` in that order (those in
 * `optional` may be missing), so it can stand for the record as it is: no `__proto__` key, nothing unknown.
 */
function hasExactly(value: Fields, fields: readonly string[], optional = NONE): boolean {
  if (Object.getPrototypeOf(value) !== Object.prototype) return false
  let i = 0
  for (const key in value) {
    while (i < fields.length && key !== fields[i] && optional.has(fields[i]!)) i++
    if (key !== fields[i] || !Object.hasOwn(value, key)) return false
    i++
  }
  while (i < fields.length && optional.has(fields[i]!)) i++
  return i === fields.length
}

/** The attachments as stored (the list itself when every item holds exactly its known fields). */
function attachmentList(list: Attachment[]): Attachment[] {
  const exact = list.every((item) => hasExactly(item, item.kind === 'file' ? FILE_FIELDS : LINK_FIELDS))
  return exact ? list : list.map(attachmentRecord)
}
const FILE_FIELDS = ['kind', 'name', 'sha256', 'size', 'added']
const LINK_FIELDS = ['kind', 'url', 'added']

/** The paper in `value` (known fields only, in file order), or null when it breaks a rule. */
export function checkPaper(value: unknown): Paper | null {
  if (!isRecord(value)) return null
  const { key, title, authors, year, venue, arxiv, category, doi, url, abstract, added, state, priority, tags, attachments } = value
  if (!isSized(key, 200) || !isText(title) || !isTextList(authors) || !isYear(year)) return null
  if (!isOptionalText(venue) || !isOptionalText(arxiv) || !isOptionalText(doi) || !isOptionalText(url)) return null
  if (!isOptionalText(abstract) || !isTimestamp(added)) return null
  if (category !== undefined && !isOptionalText(category)) return null
  if ((state !== undefined && !isState(state)) || (priority !== undefined && !isPriority(priority))) return null
  if (tags !== undefined && !isTextList(tags, isGoodTag)) return null
  if (attachments !== undefined && attachmentsProblem(attachments, isTimestamp) !== null) return null
  const files = attachments === undefined ? undefined : attachmentList(attachments as Attachment[])
  if (files === attachments && hasExactly(value, PAPER_FIELDS, OPTIONAL_PAPER_FIELDS)) return value as unknown as Paper
  // The optional fields came later than the others: a record without one stays without it.
  return {
    key,
    title,
    authors: [...authors],
    year,
    venue,
    arxiv,
    ...(category === undefined ? {} : { category }),
    doi,
    url,
    abstract,
    added,
    ...(state === undefined ? {} : { state }),
    ...(priority === undefined ? {} : { priority }),
    ...(tags === undefined ? {} : { tags: [...tags] }),
    ...(files === undefined ? {} : { attachments: files }),
  }
}

/** The summary in `value` (known fields only, in file order), or null when it breaks a rule. */
export function checkSummary(value: unknown): Summary | null {
  if (!isRecord(value)) return null
  const { id, paper, by, body, tags, created, updated } = value
  if (!isSized(id, 210) || !isSized(paper, Infinity) || !isText(by) || !isText(body)) return null
  if (!isTextList(tags, isGoodTag) || !isTimestamp(created) || !isTimestamp(updated)) return null
  if (hasExactly(value, SUMMARY_FIELDS)) return value as unknown as Summary
  return { id, paper, by, body, tags: [...tags], created, updated }
}

/** A trash entry: a summary (with its paper when it was the last one), or a paper trashed alone (`summary` null). */
export function checkTrashEntry(value: unknown): TrashEntry | null {
  if (!isRecord(value) || !isTimestamp(value.deleted)) return null
  const paper = value.paper === null ? null : checkPaper(value.paper)
  if (paper === null && value.paper !== null) return null
  if (value.summary === null) {
    if (paper === null) return null // an entry holding nothing
    const same = paper === value.paper && hasExactly(value, TRASH_FIELDS)
    return same ? (value as unknown as TrashEntry) : { summary: null, paper, deleted: value.deleted }
  }
  const summary = checkSummary(value.summary)
  if (!summary) return null
  const same = summary === value.summary && paper === value.paper && hasExactly(value, TRASH_FIELDS)
  return same ? (value as unknown as TrashEntry) : { summary, paper, deleted: value.deleted }
}

/** The checked items of the list `value` (the list itself when every item stood as it was), or null. */
function checkList<T>(value: unknown, check: (item: unknown) => T | null): T[] | null {
  if (!Array.isArray(value)) return null
  let copy: T[] | undefined // made at the first item that had to be rebuilt
  for (let i = 0; i < value.length; i++) {
    const item = check(value[i])
    if (item === null) return null
    if (item !== value[i]) copy ??= value.slice(0, i) as T[]
    if (copy) copy.push(item)
  }
  return copy ?? (value as T[])
}

/**
 * The library in `value` holding only the known fields (records with `__proto__` or stray keys
 * are rebuilt without them; the others are kept), or null when any rule is broken. Duplicate keys and ids are not
 * checked here (see `validateLibrary`).
 */
export function checkLibrary(value: unknown): Library | null {
  if (!isRecord(value) || value.format !== LIBRARY_FORMAT || value.version !== LIBRARY_VERSION) return null
  const papers = checkList(value.papers, checkPaper)
  const summaries = papers && checkList(value.summaries, checkSummary)
  const trash = summaries && checkList(value.trash, checkTrashEntry)
  if (!papers || !summaries || !trash) return null
  return { format: LIBRARY_FORMAT, version: LIBRARY_VERSION, papers, summaries, trash }
}

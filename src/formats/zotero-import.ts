/**
 * Zotero's JSON, in the two shapes people export:
 * - Zotero's own item JSON (the web API's `/items` reply, or the items alone): an array of items,
 *   each its fields or `{ key, data: { ...fields } }`; a note is an item of type `note` whose
 *   `parentItem` names the item it belongs to. Its collections are named by key only, so they give
 *   no tags; the items' own tags do.
 * - Better BibTeX's JSON export (`{ config, collections, items }`): items carry their `notes` and
 *   `citationKey`, and `collections` names each collection and its parent, so an item in
 *   "Thesis › Chapter 2" gets the tag `thesis/chapter-2`.
 * Fields read: `citationKey` (or "Citation Key:" in `extra`), `title`, `creators` (the item type's
 * primary role are the authors, every other role is kept), `date`, the publication title of the item
 * type, `DOI` (or "DOI:" in `extra`), `url`, `archiveID`/`extra`/`url` for the arXiv id,
 * `abstractNote`, `dateAdded`, tags, notes (HTML, made Markdown) and collections. Attachments are
 * left out. Values of the wrong type are ignored; values are read by name only (`__proto__` is data).
 */
import { DataError } from '../core/errors.js'
import { literalName } from '../core/papers/author-names.js'
import { parseJsonText } from '../core/text/input.js'
import type { ImportProblem, ImportRecord, ImportResult } from '../core/merge/imported-records.js'
import { bibliographicRecord, extraFields, personName, yearOf, type ItemNote, type RoledCreator } from './bibliographic-record.js'
import { readTimestamp } from './fields.js'
import { htmlNoteToMarkdown } from './html-note.js'

type Item = Record<string, unknown>

/** Roles that are an item's authors: `author`, and the primary role of types without one. */
const PRIMARY_ROLES = new Set([
  'author',
  'artist',
  'cartographer',
  'director',
  'inventor',
  'interviewee',
  'performer',
  'podcaster',
  'presenter',
  'programmer',
  'sponsor',
])
/** Where each item type keeps its venue, in the order they are tried. */
const VENUE_FIELDS = [
  'publicationTitle',
  'proceedingsTitle',
  'bookTitle',
  'conferenceName',
  'websiteTitle',
  'blogTitle',
  'forumTitle',
  'repository',
  'university',
  'institution',
]
const SKIPPED_TYPES = new Set(['note', 'attachment', 'annotation'])
/** Deepest collection nesting followed; a loop of parents ends here too. */
const MAX_COLLECTION_DEPTH = 32

function own(item: Item, name: string): unknown {
  return Object.hasOwn(item, name) ? item[name] : undefined
}

function isItem(value: unknown): value is Item {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function text(item: Item, name: string): string | null {
  const value = own(item, name)
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return typeof value === 'string' && value.trim() !== '' ? value : null
}

/** The item's fields: the item itself, or its `data` (the web API's shape). */
function fieldsOf(item: Item): Item {
  const data = own(item, 'data')
  return isItem(data) && typeof own(data, 'itemType') === 'string' ? data : item
}

/** Whether parsed JSON is Zotero's: items with `itemType`, bare or under `data`, or Better BibTeX's `{ items }`. */
export function isZoteroJson(value: unknown): boolean {
  if (isItem(value))
    return (
      Array.isArray(own(value, 'items')) &&
      (isItem(own(value, 'config')) ||
        (own(value, 'items') as unknown[]).some((i) => isItem(i) && typeof fieldsOf(i).itemType === 'string'))
    )
  return Array.isArray(value) && value.length > 0 && value.every((i) => isItem(i) && typeof own(fieldsOf(i), 'itemType') === 'string')
}

/** Read Zotero's or Better BibTeX's JSON; `source` names it in problems. */
export function readZoteroJson(input: string, source: string): ImportResult {
  const value = parseJsonText(input, source)
  if (!isZoteroJson(value)) throw new DataError(`${source} is not a Zotero or Better BibTeX JSON export (no items with an itemType)`)
  const items = (Array.isArray(value) ? value : (own(value as Item, 'items') as unknown[])).map((i) => (isItem(i) ? fieldsOf(i) : null))
  const collections =
    isItem(value) && isItem(own(value, 'collections')) ? collectionPaths(own(value, 'collections') as Item) : new Map<string, string>()
  const memberships =
    isItem(value) && isItem(own(value, 'collections'))
      ? collectionMembers(own(value, 'collections') as Item, collections)
      : new Map<string, string[]>()
  const childNotes = new Map<string, ItemNote[]>()
  for (const item of items) {
    const parent = item && own(item, 'itemType') === 'note' ? text(item, 'parentItem') : null
    if (parent !== null)
      childNotes.set(
        parent,
        [...(childNotes.get(parent) ?? []), noteOf(item!, text(item!, 'note'))].filter((n): n is ItemNote => n !== null),
      )
  }
  const records: ImportRecord[] = []
  const problems: ImportProblem[] = []
  items.forEach((item, i) => {
    const origin = `${source}, item ${i + 1}`
    if (item === null) return problems.push({ origin, reason: 'is not a Zotero item (an object)' })
    if (SKIPPED_TYPES.has(String(own(item, 'itemType')))) return
    const key = text(item, 'key')
    const id = text(item, 'itemID')
    const inCollections = [
      ...new Set([...stringList(own(item, 'collections')).map((k) => collections.get(k)), ...(memberships.get(id ?? '') ?? [])]),
    ]
    const notes = [...embeddedNotes(item), ...(key === null ? [] : (childNotes.get(key) ?? []))]
    records.push(
      zoteroRecord(
        item,
        origin,
        notes,
        inCollections.filter((c): c is string => c !== undefined),
      ),
    )
  })
  return { records, problems }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' || typeof v === 'number').map(String) : []
}

/** Each collection key → its path of names from the top ("Thesis/Chapter 2"), as Better BibTeX describes them. */
function collectionPaths(collections: Item): Map<string, string> {
  const paths = new Map<string, string>()
  for (const key of Object.keys(collections)) {
    const names: string[] = []
    let at: unknown = own(collections, key)
    for (let depth = 0; isItem(at) && depth < MAX_COLLECTION_DEPTH; depth++) {
      const name = text(at, 'name')
      if (name !== null) names.unshift(name.replaceAll('/', '-'))
      const parent = own(at, 'parent')
      at = typeof parent === 'string' ? own(collections, parent) : undefined
    }
    if (names.length > 0) paths.set(key, names.join('/'))
  }
  return paths
}

/** Item id → the paths of the collections that list it in their `items`. */
function collectionMembers(collections: Item, paths: ReadonlyMap<string, string>): Map<string, string[]> {
  const members = new Map<string, string[]>()
  for (const key of Object.keys(collections)) {
    const collection = own(collections, key)
    const path = paths.get(key)
    if (!isItem(collection) || path === undefined) continue
    for (const id of stringList(own(collection, 'items'))) members.set(id, [...(members.get(id) ?? []), path])
  }
  return members
}

/** A note: HTML as Markdown, with its dates when they read as dates. */
function noteOf(item: Item, html: string | null): ItemNote | null {
  if (html === null) return null
  const date = (name: string) => {
    const read = readTimestamp(own(item, name), name)
    return read.ok ? read.value : null
  }
  return { body: htmlNoteToMarkdown(html), created: date('dateAdded'), updated: date('dateModified') }
}

/** Better BibTeX's notes, on the item: HTML strings or note objects. */
function embeddedNotes(item: Item): ItemNote[] {
  const notes = own(item, 'notes')
  if (!Array.isArray(notes)) return []
  return notes
    .map((note) => (typeof note === 'string' ? noteOf({}, note) : isItem(note) ? noteOf(note, text(note, 'note')) : null))
    .filter((note): note is ItemNote => note !== null)
}

function zoteroCreators(item: Item): RoledCreator[] {
  const creators = own(item, 'creators')
  if (!Array.isArray(creators)) return []
  return creators.filter(isItem).map((creator) => {
    const part = (name: string) => (typeof own(creator, name) === 'string' ? (own(creator, name) as string) : undefined)
    const whole = part('name')
    const name = whole?.trim() ? literalName(whole.trim()) : personName({ family: part('lastName'), given: part('firstName') })
    return { role: part('creatorType') ?? 'author', name }
  })
}

function zoteroRecord(item: Item, origin: string, notes: ItemNote[], collections: string[]): ImportRecord {
  const tags = Array.isArray(own(item, 'tags'))
    ? (own(item, 'tags') as unknown[]).map((tag) => (typeof tag === 'string' ? tag : isItem(tag) ? text(tag, 'tag') : null))
    : []
  const added = readTimestamp(own(item, 'dateAdded'), 'dateAdded')
  const { fields } = extraFields(text(item, 'extra'))
  const extraField = (name: string) => fields.get(name) ?? null
  return bibliographicRecord({
    origin,
    key: text(item, 'citationKey') ?? extraField('citation key'),
    title: text(item, 'title'),
    creators: zoteroCreators(item),
    isAuthor: (role) => PRIMARY_ROLES.has(role),
    year: yearOf(text(item, 'date')),
    venue: VENUE_FIELDS.map((field) => text(item, field)).find((value) => value !== null) ?? null,
    arxiv: [text(item, 'archiveID'), extraField('arxiv'), text(item, 'number'), text(item, 'url')].filter(
      (v) => v === null || /arxiv/i.test(v) || /^\d{4}\.\d{4,5}/.test(v),
    ),
    doi: text(item, 'DOI') ?? extraField('doi'),
    url: text(item, 'url'),
    abstract: text(item, 'abstractNote'),
    added: added.ok ? added.value : null,
    notes,
    keywords: [...tags.filter((tag): tag is string => tag !== null), ...collections],
    formatName: 'Zotero',
  })
}

/**
 * CSL-JSON import: an array of CSL items (the schema of citation-style-language/schema, as Zotero,
 * Better BibTeX, Pandoc and Mendeley write it), or one item alone. `citation-key` (CSL 1.0.2), else
 * `id`, is the key; `author` the authors, every other name variable kept by role; `annote` (reader's
 * notes; precis's and Pandoc's BibTeX `annote`) and the free text of `note` become summaries, `keyword`
 * tags. The arXiv id is read where exports put it: `archive` arXiv with `archive_location`, `number`
 * or a `note` line "arXiv: <id>" (Zotero's Extra), an arXiv URL or DOI. Values of the wrong type are
 * ignored, as is any key not named here (`__proto__` included: values are only read by name).
 */
import { DataError } from '../core/errors.js'
import { literalName } from '../core/papers/author-names.js'
import { parseJsonText } from '../core/text/input.js'
import type { ImportProblem, ImportRecord, ImportResult } from '../core/merge/imported-records.js'
import { bibliographicRecord, extraFields, personName, yearOf, type RoledCreator } from './bibliographic-record.js'
import { splitSummaries } from './bibtex.js'

/** CSL's name variables, in the order they are kept; `author` is the paper's authors. */
const NAME_VARIABLES = [
  'author',
  'editor',
  'translator',
  'container-author',
  'collection-editor',
  'editorial-director',
  'composer',
  'director',
  'illustrator',
  'interviewer',
  'original-author',
  'recipient',
  'reviewed-author',
  'chair',
  'compiler',
  'contributor',
  'curator',
  'executive-producer',
  'guest',
  'host',
  'narrator',
  'organizer',
  'performer',
  'producer',
  'script-writer',
  'series-creator',
]

/** Item types whose publisher is where the work appeared (a preprint server), not a book's publisher. */
const PUBLISHED_BY_VENUE = new Set(['article', 'manuscript', 'post', 'preprint'])

type Item = Record<string, unknown>

/** A property the item has itself (never one from the prototype, whatever the file names). */
function own(item: Item, name: string): unknown {
  return Object.hasOwn(item, name) ? item[name] : undefined
}

function text(item: Item, name: string): string | null {
  const value = own(item, name)
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return typeof value === 'string' && value.trim() !== '' ? value : null
}

function isItem(value: unknown): value is Item {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Read CSL-JSON; `source` names it in problems. Throws DataError when it is not a CSL item or an array of them. */
export function readCslJson(text: string, source: string): ImportResult {
  const value = parseJsonText(text, source)
  const items = Array.isArray(value) ? value : isItem(value) ? [value] : null
  if (items === null) throw new DataError(`${source} is not CSL-JSON: expected an array of items`)
  const records: ImportRecord[] = []
  const problems: ImportProblem[] = []
  items.forEach((item, i) => {
    const origin = `${source}, item ${i + 1}`
    if (!isItem(item)) problems.push({ origin, reason: 'is not a CSL item (an object)' })
    else records.push(cslRecord(item, origin))
  })
  return { records, problems }
}

/** The creators of every name variable, by role. */
function creators(item: Item): RoledCreator[] {
  const found: RoledCreator[] = []
  for (const role of NAME_VARIABLES) {
    const names = own(item, role)
    if (!Array.isArray(names)) continue
    for (const name of names) if (isItem(name)) found.push({ role, name: cslPersonName(name) })
  }
  return found
}

/** A CSL name as precis stores it: "Given Family", or a `literal` whole. */
export function cslPersonName(name: Item): string {
  const part = (key: string) => (typeof own(name, key) === 'string' ? (own(name, key) as string) : undefined)
  const literal = part('literal')
  if (literal?.trim()) return literalName(literal.trim())
  const particle = [part('dropping-particle'), part('non-dropping-particle')].filter(Boolean).join(' ')
  const family = part('family')
  if (family?.trim() && !part('given')?.trim() && !particle) return literalName(family.trim()) // one name, "Plato"
  return personName({ family, given: part('given'), particle, suffix: part('suffix') })
}

/** The year of `issued`: `date-parts`, else `raw` or `literal`, else a string. */
function issuedYear(item: Item): number | null {
  const issued = own(item, 'issued')
  if (!isItem(issued)) return yearOf(issued)
  const parts = own(issued, 'date-parts')
  if (Array.isArray(parts) && Array.isArray(parts[0])) return yearOf(typeof parts[0][0] === 'string' ? parts[0][0] : parts[0][0])
  return yearOf(own(issued, 'raw') ?? own(issued, 'literal'))
}

/**
 * Notes: `annote` split at the export's summary break, then the free text of `note`. Both are plain
 * text in CSL (Zotero's `note` is its Extra field; `annote` comes from BibTeX or precis), kept exactly.
 */
function notes(annote: string | null, rest: string): string[] {
  return [...(annote === null ? [] : splitSummaries(annote)), ...(rest === '' ? [] : [rest])]
}

function cslRecord(item: Item, origin: string): ImportRecord {
  const { fields, rest } = extraFields(text(item, 'note'))
  const type = text(item, 'type') ?? ''
  const archive = text(item, 'archive')
  const keyword = text(item, 'keyword')
  const number = text(item, 'number') ?? ''
  const doi = text(item, 'DOI') ?? ''
  return bibliographicRecord({
    origin,
    key: text(item, 'citation-key') ?? fields.get('citation key') ?? text(item, 'id'),
    title: text(item, 'title'),
    creators: creators(item),
    isAuthor: (role) => role === 'author',
    year: issuedYear(item),
    venue: text(item, 'container-title') ?? (PUBLISHED_BY_VENUE.has(type) ? text(item, 'publisher') : null),
    arxiv: [
      archive !== null && /^arxiv$/i.test(archive.trim()) ? text(item, 'archive_location') : null,
      /^arxiv:/i.test(number) ? number : null,
      fields.get('arxiv'),
      text(item, 'URL'),
      /^10\.48550\/arxiv\./i.test(doi) ? doi.slice('10.48550/arxiv.'.length) : null,
    ],
    doi: text(item, 'DOI') ?? fields.get('doi') ?? null,
    url: text(item, 'URL'),
    abstract: text(item, 'abstract'),
    added: null,
    notes: notes(text(item, 'annote'), rest).map((body) => ({ body, created: null, updated: null })),
    keywords: keyword === null ? [] : keyword.split(/\s*[,;]\s*/),
    formatName: 'CSL-JSON',
  })
}

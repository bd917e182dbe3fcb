/**
 * What CSL-JSON, RIS and Zotero's JSON share once read: an item with creators in roles, notes and
 * tags, made into an import record. Creators whose role is author (or the item's own primary role:
 * a film's director, a program's programmer) are the paper's authors. precis has no place for
 * other roles (editors, translators, series editors): they are kept, role by role, in a summary of
 * their own, so an import never drops them silently. Each note becomes a summary with the item's
 * tags; an item without notes is a paper alone, the tags its own (or its creators' summary's).
 */
import { normalizeArxivId, normalizeDoi } from '../core/papers/identifiers.js'
import { displayName } from '../core/papers/author-names.js'
import { tagFromKeyword } from '../core/tags/rules.js'
import type { ImportRecord, ImportedSummary } from '../core/merge/imported-records.js'

/** A creator as the input names it: `role` as the format spells it (`editor`, `A2`, `seriesEditor`). */
export interface RoledCreator {
  role: string
  /** "Given Family", or a name stored whole in braces. */
  name: string
}

/** A note from the input, as Markdown. */
export interface ItemNote {
  body: string
  created: string | null
  updated: string | null
}

export interface BibliographicItem {
  origin: string
  key: string | null
  title: string | null
  /** Creators in their order; `isAuthor` says which roles are the paper's authors. */
  creators: RoledCreator[]
  isAuthor: (role: string) => boolean
  year: number | null
  venue: string | null
  /** Candidates for the arXiv id, the DOI: the first that reads as one is taken. */
  arxiv: Array<string | null | undefined>
  doi: string | null
  url: string | null
  abstract: string | null
  added: string | null
  notes: ItemNote[]
  /** Keywords, collections: made into tags (the nearest valid tag each, as the BibTeX import does). */
  keywords: string[]
  /** The format's name for the summary of other creators: "RIS", "CSL-JSON". */
  formatName: string
}

/** The first candidate that is an arXiv id, normalised. */
function firstArxivId(candidates: ReadonlyArray<string | null | undefined>): string | null {
  for (const candidate of candidates) {
    const id = candidate ? normalizeArxivId(candidate.trim().replace(/^arxiv:\s*/i, 'arXiv:')) : null
    if (id) return id
  }
  return null
}

/**
 * Keywords as tags. Keywords are written for other programs (`Machine Learning`, `methods//survey`,
 * a sentence), so each becomes the nearest valid tag rather than a reason to refuse the item; one
 * with nothing a tag can hold is left out.
 */
export function keywordTags(keywords: readonly string[]): string[] {
  return [...new Set(keywords.map(tagFromKeyword).filter((tag): tag is string => tag !== null))]
}

/** The summary that keeps creators precis does not model, or null when there are none. */
function otherCreatorsNote(creators: readonly RoledCreator[], formatName: string): string | null {
  if (creators.length === 0) return null
  const byRole = new Map<string, string[]>()
  for (const { role, name } of creators) byRole.set(role, [...(byRole.get(role) ?? []), displayName(name)])
  const lines = [...byRole].map(([role, names]) => `- ${role}: ${names.join('; ')}`)
  return `Creators other than the authors, kept from the ${formatName} import:\n\n${lines.join('\n')}\n`
}

/** The import record for `item`. */
export function bibliographicRecord(item: BibliographicItem): ImportRecord {
  const named = item.creators.filter((creator) => creator.name.trim() !== '')
  const others = named.filter((creator) => !item.isAuthor(creator.role))
  const tags = keywordTags(item.keywords)
  const summaries: ImportedSummary[] = item.notes
    .filter((note) => note.body.trim() !== '')
    .map((note) => ({ id: null, by: '', body: note.body, tags, created: note.created, updated: note.updated }))
  const creatorsNote = otherCreatorsNote(others, item.formatName)
  // The tags go on the notes; without notes, on the creators' summary, else they are the paper's own.
  const creatorsTags = summaries.length === 0 ? tags : []
  if (creatorsNote !== null) summaries.push({ id: null, by: '', body: creatorsNote, tags: creatorsTags, created: null, updated: null })
  const paperTags = summaries.length === 0 && tags.length > 0 ? { tags } : {}
  const doi = item.doi?.trim() || null
  return {
    origin: item.origin,
    paper: {
      key: citationKeyOrNull(item.key),
      title: item.title?.trim() || item.key?.trim() || 'Untitled',
      authors: named.filter((creator) => item.isAuthor(creator.role)).map((creator) => creator.name),
      year: item.year,
      venue: item.venue?.trim() || null,
      arxiv: firstArxivId(item.arxiv),
      doi: doi ? (normalizeDoi(doi) ?? doi) : null,
      url: item.url?.trim() || null,
      abstract: item.abstract?.trim() ? item.abstract : null,
      added: item.added,
      ...paperTags,
    },
    summaries,
  }
}

/** A year from a date written any way (`2017`, `2017-05-03`, `May 2017`), or null. */
export function yearOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 10000) return value
  const digits = typeof value === 'string' ? /(?:^|\D)(\d{4})(?!\d)/.exec(value)?.[1] : undefined
  return digits === undefined ? null : Number(digits)
}

/** "Given Family" from a name's parts (CSL's and Zotero's), particles in place; "Family, Suffix, Given" when there is a suffix. */
export function personName(parts: { family?: string; given?: string; particle?: string; suffix?: string }): string {
  const family = [parts.particle, parts.family]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ')
  const given = parts.given?.trim() ?? ''
  if (parts.suffix?.trim()) return [family, parts.suffix.trim(), given].filter(Boolean).join(', ')
  return [given, family].filter(Boolean).join(' ')
}

/**
 * The "Key: value" lines Zotero keeps in Extra (CSL `note`, RIS `N1`) for fields an item type lacks
 * (`arXiv: 1704.01212`, `Citation Key: gilmer2017neural`, `DOI: ...`), and the free text left, which
 * is a note. Also reads Zotero's "arXiv:1810.04805 [cs]" line.
 */
export function extraFields(text: string | null): { fields: Map<string, string>; rest: string } {
  const fields = new Map<string, string>()
  if (text === null) return { fields, rest: '' }
  const rest: string[] = []
  for (const line of text.split(/\r?\n/)) {
    const field = /^(arxiv|citation key|doi|tex\.[\w-]+|original-date|status|zscc)\s*:\s*(.*)$/i.exec(line.trim())
    if (field) fields.set(field[1]!.toLowerCase(), field[2]!.trim().replace(/\s+\[[\w.-]+\]$/, ''))
    else rest.push(line)
  }
  return { fields, rest: rest.join('\n').trim() }
}

/** A key from another program that can be a citation key: not an address (`http://zotero.org/...`) nor a bare number. */
export function citationKeyOrNull(key: string | null | undefined): string | null {
  const trimmed = key?.trim() ?? ''
  return trimmed === '' || trimmed.includes('://') || /^\d+$/.test(trimmed) ? null : trimmed
}

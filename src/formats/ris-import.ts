/**
 * RIS import, by a small strict reader of our own. The npm RIS readers (astrocite-ris, citation.js's
 * plugin) turn RIS into CSL with their own mappings, dropping what they do not map (roles, notes),
 * and bring a grammar runtime or a plugin system for a format of one rule: a line is a tag of two
 * characters (a capital, then a capital or digit), two spaces, a hyphen and the value; `TY` opens a
 * record and `ER` closes it. A line without a tag inside a record continues the value before it
 * (Zotero and precis write long notes and abstracts so). Text before the first record and between
 * records may only be blank; anything else, or a record `ER` never closes, is a problem naming its line.
 *
 * Fields (RIS specification, and what Zotero, EndNote and Mendeley write): `ID` the key; `TI`/`T1`
 * the title; `AU`/`A1` authors, `A2` (editors, a book's or a conference's), `A3` (series editors),
 * `A4` (translators) and `ED` kept by role; `PY`/`Y1`/`DA` the year; `T2`, `JF`, `JO`, `JA`, `J2`,
 * `BT` the venue; `DO`, `UR`; `AN` or an arXiv URL the arXiv id; `AB`/`N2` the abstract; each `N1`
 * a summary (Zotero writes notes as HTML: made Markdown); `KW` tags.
 */
import { DataError } from '../core/errors.js'
import { literalName } from '../core/papers/author-names.js'
import type { ImportProblem, ImportRecord, ImportResult } from '../core/merge/imported-records.js'
import { bibliographicRecord, extraFields, yearOf, type RoledCreator } from './bibliographic-record.js'
import { htmlNoteToMarkdown, looksLikeHtml } from './html-note.js'

const LINE = /^([A-Z][A-Z0-9]) {1,2}-(?: (.*)|)$/
/** Preprints and unpublished works, whose publisher (`PB`: arXiv, bioRxiv) is where they appeared. */
const PREPRINT_TYPES = new Set(['PREP', 'UNPB', 'GEN', 'EJOUR'])
const CREATOR_TAGS = new Set(['AU', 'A1', 'A2', 'A3', 'A4', 'ED'])
const ROLES: Record<string, string> = {
  AU: 'author',
  A1: 'author',
  A2: 'editor (A2)',
  A3: 'series editor (A3)',
  A4: 'translator (A4)',
  ED: 'editor',
}

/** Whether `text` starts as RIS does: blank lines, then a `TY  - ` line. */
export function looksLikeRis(text: string): boolean {
  return /^\s*TY {1,2}- ?\S/.test(text)
}

/** One record's fields in order; values of a tag given several times are all kept. */
type Fields = Array<[string, string]>

/** Read a RIS file; `source` names it in problems (`refs.ris, record 2 (line 14)`). */
export function readRis(text: string, source: string): ImportResult {
  const lines = text.split(/\r\n|\r|\n/)
  const records: ImportRecord[] = []
  const problems: ImportProblem[] = []
  let current: { fields: Fields; line: number } | null = null
  let count = 0
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/^\uFEFF/, '')
    const tagged = LINE.exec(line.trimEnd())
    if (current === null) {
      if (tagged?.[1] === 'TY') current = { fields: [['TY', tagged[2]?.trim() ?? '']], line: i + 1 }
      else if (line.trim() !== '')
        problems.push({ origin: `${source}, line ${i + 1}`, reason: 'text outside a record (a record starts with a TY line)' })
      continue
    }
    if (tagged?.[1] === 'ER') {
      count++
      records.push(risRecord(current.fields, `${source}, record ${count} (line ${current.line})`))
      current = null
    } else if (tagged?.[1] === 'TY') {
      problems.push({
        origin: `${source}, line ${current.line}`,
        reason: `the record is not closed by an ER line before the next TY at line ${i + 1}`,
      })
      current = { fields: [['TY', tagged[2]?.trim() ?? '']], line: i + 1 }
    } else if (tagged) current.fields.push([tagged[1]!, tagged[2] ?? ''])
    else current.fields[current.fields.length - 1]![1] += `\n${line}` // a value of several lines
  }
  if (current !== null) problems.push({ origin: `${source}, line ${current.line}`, reason: 'the record is not closed by an ER line' })
  if (records.length === 0 && !problems.some((p) => p.reason.includes('ER line')))
    throw new DataError(`${source} holds no RIS record (a record starts with a TY line)`)
  return { records, problems }
}

/** A RIS name ("Family, Given", "Family, Given, Suffix", or one name) as precis stores it. */
export function risPersonName(value: string): string {
  const parts = value.split(',').map((part) => part.trim())
  if (parts.length === 1) return parts[0]!.includes(' ') ? parts[0]! : literalName(parts[0]!)
  const [family, given, ...suffix] = parts
  if (suffix.length > 0 && suffix.join('') !== '') return [family, suffix.join(', '), given].filter(Boolean).join(', ')
  return [given, family].filter(Boolean).join(' ')
}

function risRecord(fields: Fields, origin: string): ImportRecord {
  const all = (...tags: string[]) =>
    fields.filter(([tag, value]) => tags.includes(tag) && value.trim() !== '').map(([, value]) => value.trim())
  const first = (...tags: string[]): string | null => {
    for (const tag of tags) {
      const found = all(tag)[0]
      if (found !== undefined) return found
    }
    return null
  }
  const oneLine = (value: string | null) => (value === null ? null : value.replace(/\s*\n\s*/g, ' '))
  const type = first('TY') ?? ''
  const creators: RoledCreator[] = fields
    .filter(([tag, value]) => CREATOR_TAGS.has(tag) && value.trim() !== '')
    .map(([tag, value]) => ({ role: ROLES[tag]!, name: risPersonName(oneLine(value)!) }))
  const urls = all('UR', 'L2')
  // Zotero writes an item's Extra as a note: a note of only "arXiv: ..." and "Citation Key: ..." lines is fields.
  const notes = all('N1').map((note) => {
    const extra = looksLikeHtml(note) ? null : extraFields(note)
    return extra !== null && extra.rest === '' ? extra : { fields: new Map<string, string>(), rest: note }
  })
  const extra = (name: string) => notes.map((note) => note.fields.get(name)).find((value) => value !== undefined) ?? null
  return bibliographicRecord({
    origin,
    key: first('ID') ?? extra('citation key'),
    title: oneLine(first('TI', 'T1', 'CT') ?? (type === 'BOOK' ? first('BT') : null)),
    creators,
    isAuthor: (role) => role === 'author',
    year: yearOf(first('PY', 'Y1', 'DA')),
    venue: oneLine(first('T2', 'JF', 'JO', 'JA', 'J2', ...(type === 'BOOK' ? [] : ['BT']), ...(PREPRINT_TYPES.has(type) ? ['PB'] : []))),
    arxiv: [extra('arxiv') ?? '', ...all('AN'), ...urls, ...all('DO').map((doi) => doi.replace(/^10\.48550\/arxiv\./i, ''))].filter(
      (v) => /arxiv/i.test(v) || /^\d{4}\.\d{4,5}/.test(v),
    ),
    doi: first('DO') ?? extra('doi'),
    url: urls[0] ?? null,
    abstract: first('AB', 'N2'),
    added: null,
    notes: notes.map((note) => ({ body: htmlNoteToMarkdown(note.rest), created: null, updated: null })),
    keywords: all('KW').flatMap((keyword) => keyword.split(/\n/)),
    formatName: 'RIS',
  })
}

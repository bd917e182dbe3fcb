/**
 * BibTeX import with @retorquere/bibtex-parser (the parser behind Better BibTeX for Zotero): each
 * entry becomes a paper; its `annote` (or else `note`) becomes the paper's summary, tagged with the
 * entry's keywords. Entries the parser could not read are problems naming the entry.
 */
import { FieldMode, parse, type Creator, type Entry } from '@retorquere/bibtex-parser'
import { normalizeArxivId, normalizeDoi } from '../core/identifiers.js'
import { convertLatexValues, PARSE_OPTIONS, type LatexValue, type TextKind } from './bibtex-text.js'
import { readTags } from './fields.js'
import type { ImportProblem, ImportRecord, ImportResult } from './records.js'

// Fields read verbatim by the parser, then turned into text or Markdown by convertLatexValues,
// which keeps their math and angle brackets.
const CONVERTED: ReadonlyMap<string, TextKind> = new Map([
  ['title', 'title'],
  ['journal', 'title'],
  ['journaltitle', 'title'],
  ['booktitle', 'title'],
  ['annote', 'markdown'],
  ['note', 'markdown'],
  ['abstract', 'markdown'],
])

/** Read a `.bib` file; `source` names it in problems (`refs.bib, entry gilmer2017neural`). */
export function readBibtex(text: string, source: string): ImportResult {
  const library = parse(text, { ...PARSE_OPTIONS, verbatimFields: [...FieldMode.verbatim, ...CONVERTED.keys()] })
  const problems: ImportProblem[] = library.errors.map((error) => ({
    origin: entryOrigin(source, /^@\s*\w+\s*[{(]\s*([^,\s]*)/.exec(error.input ?? '')?.[1]),
    reason: error.error,
  }))
  const entries = library.entries.filter((entry) => entry.input !== '') // '' marks an entry that failed
  const jobs = entries.flatMap((entry, index) =>
    [...CONVERTED].flatMap(([name, kind]) => {
      const tex = entry.fields[name]
      return typeof tex === 'string' ? [{ index, name, value: { tex, kind } satisfies LatexValue }] : []
    }),
  )
  const converted = convertLatexValues(jobs.map((job) => job.value))
  const texts = entries.map(() => new Map<string, string>())
  const failures = new Map<number, string>()
  jobs.forEach((job, i) => {
    const text = converted.texts[i]
    if (text === null || text === undefined) failures.set(job.index, `${job.name}: ${converted.errors.get(i) ?? 'unreadable'}`)
    else texts[job.index]!.set(job.name, text)
  })
  const records: ImportRecord[] = []
  entries.forEach((entry, index) => {
    const origin = entryOrigin(source, entry.key)
    const tags = readTags(entry.fields.keywords ?? [])
    const failure = failures.get(index) ?? (tags.ok ? null : tags.reason)
    if (failure !== null) problems.push({ origin, reason: failure })
    else records.push(toRecord(entry, origin, texts[index]!, tags.ok ? tags.value : []))
  })
  return { records, problems }
}

function toRecord(entry: Entry, origin: string, texts: Map<string, string>, tags: string[]): ImportRecord {
  const text = (name: string) => texts.get(name) || null
  const verbatim = (name: string) => (entry.fields[name] as string | undefined)?.trim() || null
  const doi = verbatim('doi')
  const note = text('annote') ?? text('note')
  return {
    origin,
    paper: {
      key: entry.key || null,
      title: text('title') ?? (entry.key || 'Untitled'),
      authors: (entry.fields.author ?? []).map(creatorName).filter((name) => name !== ''),
      year: year(verbatim('year') ?? verbatim('date')),
      venue: text('journal') ?? text('journaltitle') ?? text('booktitle'),
      arxiv: arxivId(entry),
      doi: doi ? (normalizeDoi(doi) ?? doi) : null,
      url: verbatim('url'),
      abstract: text('abstract'),
      added: null,
    },
    summaries: note ? [{ id: null, by: '', body: note, tags, created: null, updated: null }] : [],
  }
}

/** "Given von Family" as people write names; "von Family, Jr., Given" when there is a suffix. */
function creatorName(creator: Creator): string {
  if (creator.name) return creator.name
  const family = [creator.prefix, creator.lastName].filter(Boolean).join(' ')
  if (creator.suffix) return [family, creator.suffix, creator.firstName].filter(Boolean).join(', ')
  return [creator.firstName, family].filter(Boolean).join(' ')
}

function year(value: string | null): number | null {
  const digits = value ? /\b(\d{4})\b/.exec(value)?.[1] : undefined
  return digits === undefined ? null : Number(digits)
}

/** The arXiv id from `eprint` (when the archive is arXiv or unnamed), an arXiv URL, or an "arXiv:" venue. */
function arxivId(entry: Entry): string | null {
  const field = (name: string) => entry.fields[name] as string | undefined
  const archive = (field('archiveprefix') ?? field('eprinttype') ?? 'arxiv').toLowerCase()
  const eprint = field('eprint')
  const url = field('url')
  const venue = /arxiv:\s*(\S+)/i.exec(field('journal') ?? '')?.[1]
  return (
    (eprint && archive === 'arxiv' ? normalizeArxivId(eprint) : null) ??
    (url ? normalizeArxivId(url) : null) ??
    (venue ? normalizeArxivId(venue) : null)
  )
}

function entryOrigin(source: string, key: string | undefined): string {
  return key ? `${source}, entry ${key}` : source
}

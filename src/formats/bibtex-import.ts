/**
 * BibTeX import with @retorquere/bibtex-parser (the parser behind Better BibTeX for Zotero): each
 * entry becomes a paper; its `annote` (or else `note`) becomes the paper's summary, or its summaries
 * when it holds the export's SUMMARY_BREAK paragraph, each tagged with the entry's keywords (an entry
 * without a note is a paper alone, and the keywords are its own tags). LaTeX
 * is turned into text, math kept (bibtex-text.ts). Entries the parser could not read are problems
 * naming the entry.
 */
import { parse, type Creator, type Entry } from '@retorquere/bibtex-parser'
import { literalName } from '../core/papers/author-names.js'
import { normalizeArxivId, normalizeDoi } from '../core/papers/identifiers.js'
import { runWithDefaultSignals } from '../platform/interrupt.js'
import { FIELD_LIMITS } from '../core/records/field-rules.js'
import { hideValues } from './bibtex-hidden-values.js'
import { checkBibtexExpansion, checkParsedSize } from './bibtex-limits.js'
import { composeLetters, markupToMarkdown, markupToText, protectSpans } from './bibtex-text.js'
import { splitSummaries } from './bibtex.js'
import { keywordTags } from './bibliographic-record.js'
import type { ImportProblem, ImportRecord, ImportResult } from '../core/merge/imported-records.js'

/** How precis asks the parser to read LaTeX: as written, no case changed. */
export const PARSE_OPTIONS = {
  sentenceCase: false,
  english: false,
  caseProtection: false,
  // Unknown commands are dropped and their arguments kept as text: `\foo{bar}` → `bar`.
  unsupported: () => '',
} as const

/** The fields a paper's title is made of (chapterTitle), and those its venue is taken from, the first with text. */
const TITLE_FIELDS = ['title', 'chapter']
const VENUE_FIELDS = ['journal', 'journaltitle', 'booktitle']

/** The fields toRecord reads as text or Markdown: a plain value of them is not parsed (isPlainText). */
export const TEXT_FIELDS: ReadonlySet<string> = new Set([...TITLE_FIELDS, ...VENUE_FIELDS, 'abstract', 'annote', 'note'])

/**
 * The fields toRecord reads (as text, as written, as names or as a list), and those the parser reads
 * itself (a `crossref`, from whose entry the title, booktitle, journaltitle and author are inherited;
 * the language).
 */
const READ_FIELDS: ReadonlySet<string> = new Set([
  ...TEXT_FIELDS,
  ...['author', 'year', 'date', 'doi', 'url', 'eprint', 'archiveprefix', 'eprinttype', 'keywords'],
  ...['crossref', 'langid', 'hyphenation', 'language'],
])

/**
 * The most characters the text of each field can be stored with, wherever toRecord puts it: a title
 * may also become a venue (whose limit is lower), and a crossref child inherits a parent's title as
 * its booktitle.
 */
const STORED_LIMITS: ReadonlyMap<string, number> = new Map([
  ...TITLE_FIELDS.map((field) => [field, FIELD_LIMITS.title] as const),
  ...VENUE_FIELDS.map((field) => [field, FIELD_LIMITS.venue] as const),
  ['abstract', FIELD_LIMITS.abstract],
])

/**
 * Read a `.bib` file; `source` names it in problems (`refs.bib, entry gilmer2017neural`). Throws
 * DataError when its macros or crossrefs would expand past the limits of bibtex-limits.ts.
 */
export function readBibtex(text: string, source: string): ImportResult {
  // A Windows line end is one line break: the parser reads `\r\n` as two, a paragraph in a note.
  const spans = protectSpans(text.replace(/\r\n?/g, '\n'))
  const hidden = hideValues(
    spans.text,
    checkBibtexExpansion(spans.text, source, {
      restore: spans.restore,
      reads: (field) => READ_FIELDS.has(field),
      storedLimit: (field) => STORED_LIMITS.get(field),
      readsAsText: (field) => TEXT_FIELDS.has(field),
    }),
  )
  const restore = (value: string) => spans.restore(hidden.restore(value))
  // The parser reads every value as LaTeX: hiding the values precis never reads halves the parse of a
  // Zotero or DBLP export, and hiding the plain ones (an abstract without LaTeX) saves most of the rest.
  // It is one synchronous call: Ctrl-C must end it.
  const library = runWithDefaultSignals(() => parse(hidden.text, PARSE_OPTIONS))
  checkParsedSize(library.entries, source, text.length, hidden.restoredLength)
  const problems: ImportProblem[] = library.errors.map((error) => ({
    origin: entryOrigin(source, /^@\s*\w+\s*[{(]\s*([^,\s]*)/.exec(restore(error.input ?? ''))?.[1]),
    reason: readableReason(restore(error.error)),
  }))
  const records: ImportRecord[] = []
  // The parser lists an entry it could not read with empty input; its error is reported above.
  for (const entry of library.entries.filter((e) => e.input !== '')) {
    const origin = entryOrigin(source, restore(entry.key))
    records.push(toRecord(entry, origin, keywordTags((entry.fields.keywords ?? []).map(restore)), restore))
  }
  return { records, problems }
}

function toRecord(entry: Entry, origin: string, tags: string[], restore: (value: string) => string): ImportRecord {
  const raw = (name: string) => {
    const value = entry.fields[name]
    return typeof value === 'string' && value.trim() !== '' ? value : null
  }
  const text = (name: string) => (raw(name) === null ? null : restore(markupToText(raw(name)!)) || null)
  const markdown = (name: string) => (raw(name) === null ? null : restore(markupToMarkdown(raw(name)!)) || null)
  const verbatim = (name: string) => (raw(name) === null ? null : restore(raw(name)!.trim()))
  const firstText = (names: readonly string[]) => names.reduce<string | null>((found, name) => found ?? text(name), null)
  const doi = verbatim('doi')
  const note = markdown('annote') ?? markdown('note')
  const key = restore(entry.key)
  const summaries = note === null ? [] : splitSummaries(note)
  return {
    origin,
    paper: {
      key: key || null,
      title: chapterTitle(text('title'), text('chapter')) ?? (key || 'Untitled'),
      authors: (entry.fields.author ?? []).map((creator) => composeLetters(restore(creatorName(creator)))).filter((name) => name !== ''),
      year: year(verbatim('year') ?? verbatim('date')),
      venue: firstText(VENUE_FIELDS) ?? (text('chapter') === null ? null : text('title')),
      arxiv: arxivId(verbatim),
      doi: doi ? (normalizeDoi(doi) ?? doi) : null,
      url: verbatim('url'),
      abstract: markdown('abstract'),
      added: null,
      ...(summaries.length === 0 && tags.length > 0 && { tags }),
    },
    summaries: summaries.map((body) => ({ id: null, by: '', body, tags, created: null, updated: null })),
  }
}

/**
 * The title of a chapter given as `title` (the book) and `chapter` (@inbook): the chapter's own title,
 * with the book as venue, or, for a numbered chapter, the book's title with the number. Without it,
 * every chapter of a book would be the book, and all of them one paper.
 */
function chapterTitle(title: string | null, chapter: string | null): string | null {
  if (chapter === null) return title
  // A number (`3`, `1.2`, a Roman `IV`) names the chapter's place, not its subject.
  if (/^(?:\d+(?:\.\d+)*|[IVXLC]+)$/.test(chapter.trim())) return title === null ? null : `${title}, chapter ${chapter.trim()}`
  return chapter
}

/**
 * "Given von Family" as people write names; "von Family, Jr., Given" when there is a suffix. A name
 * braced whole (`{ATLAS Collaboration}`, `{Hen Dotan, Nripan Mathews}`) stays one name.
 */
function creatorName(creator: Creator): string {
  if (creator.name?.trim()) return literalName(creator.name.trim())
  const family = [creator.prefix, creator.lastName].filter(Boolean).join(' ')
  if (creator.suffix) return [family, creator.suffix, creator.firstName].filter(Boolean).join(', ')
  return [creator.firstName, family].filter(Boolean).join(' ')
}

function year(value: string | null): number | null {
  const digits = value ? /\b(\d{4})\b/.exec(value)?.[1] : undefined
  return digits === undefined ? null : Number(digits)
}

/** The arXiv id from `eprint` (when the archive is arXiv or unnamed), an arXiv URL, or an "arXiv:" venue. */
function arxivId(field: (name: string) => string | null): string | null {
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

/**
 * The parser's message for an entry it could not read. Its LaTeX reader recurses; the brace limit
 * keeps deep nesting away from it, but should it still overflow, the reason is said as such.
 */
function readableReason(message: string): string {
  return /^Maximum call stack size exceeded/.test(message) ? 'the entry nests too deeply to be read' : message
}

function entryOrigin(source: string, key: string | undefined): string {
  return key ? `${source}, entry ${key}` : source
}

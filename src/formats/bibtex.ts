/**
 * BibTeX export: one entry per paper, keyed by the paper key, typed from the venue. Every field value
 * is built by src/formats/latex.ts, so braces are balanced whatever the library holds.
 */
import { KeySet } from '../core/keys/key-rules.js'
import type { Library, Paper } from '../core/model.js'
import { bibtexAuthors } from './bibtex-names.js'
import { escapeLatex, latexNote, latexText, latexTitle, latexVenue } from './latex.js'
import { paperKeywords, paperNotes } from './keywords.js'

/**
 * The paragraph between two summaries in one `annote`: a Markdown thematic break, which reference
 * managers show as a divider. Importing splits an `annote` or `note` at it, so a note with a
 * paragraph of just `* * *` comes back as several summaries.
 */
export const SUMMARY_BREAK = '* * *'

/** The summaries in a note: its text split at each paragraph that is just SUMMARY_BREAK (a note is Markdown with paragraphs apart by one blank line). */
export function splitSummaries(note: string): string[] {
  const summaries: string[][] = [[]]
  for (const paragraph of note.split('\n\n')) {
    if (paragraph.trim() === SUMMARY_BREAK) summaries.push([])
    else summaries[summaries.length - 1]!.push(paragraph)
  }
  return summaries.map((paragraphs) => paragraphs.join('\n\n').trim()).filter((body) => body !== '')
}

/** The BibTeX entry types precis writes. */
export type EntryType = 'article' | 'inproceedings' | 'incollection' | 'misc'

const CONFERENCE =
  /\b(proceedings|conference|workshop|symposium|advances in neural information processing|icml|neurips|nips|iclr|cvpr|iccv|eccv|acl|emnlp|naacl|coling|aaai|ijcai|kdd|sigir|siggraph|www|uai|aistats|colt|corl|icra|iros|interspeech|icassp|miccai)\b/i
const BOOK = /\b(lecture notes|chapter|handbook|book|lectures)\b/i
const PREPRINT = /^\s*(arxiv|corr|preprint)\b/i

/**
 * The entry type for a paper: conference venues (by name or well-known acronym) are `inproceedings`,
 * book-like venues (lecture notes, handbooks) `incollection`, other venues journals (`article`);
 * without a venue, or with only arXiv as venue, a `misc` (arXiv preprints carry `eprint`).
 */
export function entryType(paper: Pick<Paper, 'venue'>): EntryType {
  const venue = paper.venue?.trim() ?? ''
  if (venue === '' || PREPRINT.test(venue)) return 'misc'
  if (CONFERENCE.test(venue)) return 'inproceedings'
  if (BOOK.test(venue)) return 'incollection'
  return 'article'
}

/**
 * A citation key for each paper that both BibTeX and Pandoc accept. A key that is one already
 * (every key precis makes) is written as it is, so keys survive a round trip; only keys with
 * other characters are repaired, to letters, digits and `_:.-/`
 * (starting and ending with a letter, digit or `_`), away from every other key ignoring case.
 * Two keys that differ only in case stay as they are: a library no longer takes such a pair, and
 * `doctor` names one it already holds.
 */
export function citationKeys(papers: readonly Pick<Paper, 'key'>[]): Map<string, string> {
  const keys = new Map<string, string>()
  const used = new KeySet(papers.map((p) => p.key))
  for (const { key } of papers) {
    const base =
      key
        .normalize('NFC')
        .replace(/[^\p{L}\p{N}_:.\-/]+/gu, '_')
        .replace(/^[^\p{L}\p{N}_]+|[^\p{L}\p{N}_]+$/gu, '') || 'paper'
    if (base === key) {
      keys.set(key, key) // already a citation key: never renamed
      continue
    }
    let candidate = base
    for (let n = 2; used.has(candidate); n++) candidate = `${base}_${n}`
    used.add(candidate)
    keys.set(key, candidate)
  }
  return keys
}

/**
 * One entry. `keywords` are the paper's tags (its summaries' and its own); `notes`, the summaries' bodies to
 * write into `annote` (none: no `annote`).
 */
export function paperToBibtex(paper: Paper, citeKey: string, keywords: readonly string[] = [], notes: readonly string[] = []): string {
  const annote = notes
    .filter((note) => note.trim() !== '')
    .map(latexNote)
    .join(`\n\n${SUMMARY_BREAK}\n\n`)
  const type = entryType(paper)
  // Venues keep their capitals too: Pandoc and some styles sentence-case unprotected text.
  const venue = paper.venue && type !== 'misc' ? latexVenue(paper.venue) : null
  const arxiv = paper.arxiv?.trim() || null
  const fields: Array<[string, string | null]> = [
    ['author', paper.authors.length > 0 ? bibtexAuthors(paper.authors) : null],
    ['title', latexTitle(paper.title)],
    [type === 'article' ? 'journal' : 'booktitle', venue],
    ['year', paper.year === null ? null : String(paper.year)],
    ['doi', paper.doi ? verbatim(paper.doi) : null],
    ['url', paper.url ? verbatim(paper.url) : null],
    ['eprint', arxiv ? verbatim(arxiv) : null],
    ['archivePrefix', arxiv ? 'arXiv' : null],
    // The primary category arXiv reported; old-style ids also name their archive (`math/0501234`).
    ['primaryClass', arxiv ? verbatim(paper.category ?? (arxiv.includes('/') ? arxiv.split('/')[0]! : '')) || null : null],
    ['keywords', keywords.length > 0 ? escapeLatex(keywords.join(', ')) : null],
    ['abstract', paper.abstract ? latexText(paper.abstract) : null],
    ['annote', annote || null],
  ]
  const body = fields.filter(([, value]) => value !== null && value !== '').map(([name, value]) => `  ${name} = {${value}},`)
  return `@${type}{${citeKey},\n${body.join('\n')}\n}\n`
}

/** How a library is written as BibTeX. */
export interface BibtexOptions {
  /** Each paper's summaries go into its `annote`, in library order, SUMMARY_BREAK between them. */
  withSummaries?: boolean
  /** The citation keys (citationKeys) of a whole export written a part at a time; by default those of `lib`'s papers. */
  keys?: ReadonlyMap<string, string>
}

/** A `.bib` file with every paper of `lib`, keywords gathered from each paper's summaries and its own tags. */
export function libraryToBibtex(lib: Library, options: BibtexOptions = {}): string {
  const keys = options.keys ?? citationKeys(lib.papers)
  const tags = paperKeywords(lib)
  const notes = options.withSummaries ? paperNotes(lib) : new Map<string, string[]>()
  return lib.papers.map((paper) => paperToBibtex(paper, keys.get(paper.key)!, tags.get(paper.key), notes.get(paper.key))).join('\n')
}

/**
 * Identifiers and URLs are read verbatim by biblatex and the url package, so they are not escaped;
 * only what could end the field or break the line is percent-encoded.
 */
function verbatim(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters in a verbatim field are percent-encoded
  return value.trim().replace(/[{}\\\s\u0000-\u001f\u007f]/g, encodeURIComponent)
}

/**
 * RIS export (the tagged format of the RIS specification, as Zotero, EndNote and Mendeley write it):
 * one record per paper, `ID` the paper key. Names are "Family, Given, Suffix" (the spec's form),
 * split as the BibTeX export splits them. The venue is `T2` (the secondary title, where Zotero writes
 * a publication title), and `JO` too for a journal. RIS has no arXiv field: the id is the accession
 * number `AN` ("arXiv:<id>"), where precis's reader looks for it.
 */
import { literalNameText } from '../core/papers/author-names.js'
import type { Library, Paper } from '../core/model.js'
import { citationKeys, entryType, type EntryType } from './bibtex.js'
import { splitName } from './bibtex-names.js'
import { paperKeywords, paperNotes } from './keywords.js'

const RIS_TYPES: Record<EntryType, string> = { article: 'JOUR', inproceedings: 'CONF', incollection: 'CHAP', misc: 'GEN' }

/** One name as RIS writes it: "Family, Given" or "Family, Given, Suffix"; a name stored whole as it is. */
export function risName(name: string): string {
  const literal = literalNameText(name)
  if (literal !== null) return literal
  const { family, given, suffix } = splitName(name)
  if (suffix !== '') return `${family}, ${given}, ${suffix}` // the given place stays, even empty, so the suffix is read as one
  return given === '' ? family : `${family}, ${given}`
}

// eslint-disable-next-line no-control-regex -- control characters cannot be in a RIS line
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/g

/** A value on one line: RIS values end at the line's end, so line breaks inside become spaces. */
function oneLine(value: string): string {
  return value
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(CONTROL, ' ')
    .trim()
}

/**
 * A value of several lines: the first after the tag, the rest as lines of their own, which readers
 * (Zotero's, precis's) join back with line breaks. A line that would read as a tag gets a space before it.
 */
function continued(value: string): string {
  return value
    .trim()
    .split(/\r?\n/)
    .map((line) => line.replace(CONTROL, ' '))
    .map((line, i) => (i > 0 && /^[A-Z][A-Z0-9] {2}-/.test(line) ? ` ${line}` : line))
    .join('\n')
}

/** The record for one paper; `id` is its citation key, `keywords` its tags (its summaries' and its own), `notes` the summaries' bodies (an `N1` each). */
export function paperToRis(paper: Paper, id: string, keywords: readonly string[] = [], notes: readonly string[] = []): string {
  const type = entryType(paper)
  const arxiv = paper.arxiv?.trim() || null
  const lines: Array<[string, string | null]> = [
    ['TY', arxiv && type === 'misc' ? 'UNPB' : RIS_TYPES[type]],
    ['ID', id],
    ['TI', paper.title],
    ...paper.authors.filter((name) => name.trim() !== '').map((name): [string, string] => ['AU', risName(name)]),
    ['PY', paper.year === null ? null : String(paper.year)],
    ['T2', paper.venue],
    ['JO', type === 'article' ? paper.venue : null],
    ['DO', paper.doi],
    ['UR', paper.url],
    ['AN', arxiv ? `arXiv:${arxiv}` : null],
    ...keywords.map((tag): [string, string] => ['KW', tag]),
  ]
  const body = lines.filter(([, value]) => value !== null && oneLine(value) !== '').map(([tag, value]) => `${tag}  - ${oneLine(value!)}`)
  const abstract = paper.abstract?.trim() ? [`AB  - ${continued(paper.abstract)}`] : []
  const noteLines = notes.filter((note) => note.trim() !== '').map((note) => `N1  - ${continued(note)}`)
  return [...body, ...abstract, ...noteLines, 'ER  - '].join('\n') + '\n'
}

/** A `.ris` file with every paper of `lib`, IDs as the BibTeX export keys them; `withSummaries`: their bodies as notes. */
export function libraryToRis(lib: Library, withSummaries = false, keys: ReadonlyMap<string, string> = citationKeys(lib.papers)): string {
  const keywords = paperKeywords(lib)
  const notes = withSummaries ? paperNotes(lib) : new Map<string, string[]>()
  return lib.papers.map((paper) => paperToRis(paper, keys.get(paper.key)!, keywords.get(paper.key), notes.get(paper.key))).join('\n')
}

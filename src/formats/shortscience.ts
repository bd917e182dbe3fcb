/**
 * ShortScience imports: a page as copied from the site (summaries separated by `[link]` lines, with
 * `![]() |` debris from its images and buttons) and the site's CSV export (`paperid,text`). Every
 * summary is tagged `shortscience` and its text kept exactly.
 *
 * A page carries no paper metadata. Each of its summaries gets a paper keyed `untitled-<hash>` and
 * titled "Untitled ShortScience summary <hash>", the hash taken from the text (line ends and
 * trailing spaces aside): stable, so importing the same page again finds the same papers, and
 * distinct, so two pages never share a paper by accident (a first sentence or a position number
 * would do neither). `precis identify` later finds the real paper and gives it its real key. When the text names exactly one arXiv
 * id or DOI, that is taken as the paper's, so it can attach to a known paper or be completed from
 * the metadata sources; with several, none is taken, since summaries cite other papers. These
 * titles and the shortscience.org link are placeholders (src/core/papers/placeholders.ts): a later import
 * or merge never lets them replace a paper's real title or link.
 */
import type * as CsvParse from 'csv-parse/sync'
import { DataError } from '../core/errors.js'
import { lazyRequire } from '../core/lazy-require.js'
import { normalizeArxivId, normalizeDoi } from '../core/papers/identifiers.js'
import { shortSciencePaperTitle, shortScienceSummaryTitle } from '../core/papers/placeholders.js'
import { comparableBody } from '../core/papers/summary-bodies.js'
import { shortHash, untitledKey } from '../core/keys/unidentified.js'
import {
  bareImportedPaper,
  type ImportProblem,
  type ImportRecord,
  type ImportResult,
  type ImportedPaper,
} from '../core/merge/imported-records.js'

const csvParse = lazyRequire<typeof CsvParse>('csv-parse/sync') // loaded only to read a CSV export

/** The tag every ShortScience summary gets. */
export const SHORTSCIENCE_TAG = 'shortscience'

const LINK_LINE = /^\[link\][ \t]*\r?$/m
const IMAGE_PLACEHOLDER = '![]()'

/** Whether a text looks like a page dump (has a `[link]` line). */
export function isShortScienceDump(text: string): boolean {
  return LINK_LINE.test(text)
}

/** Read a page dump: one record per summary, in page order. */
export function readShortScienceDump(text: string, source: string): ImportResult {
  if (!isShortScienceDump(text)) throw new DataError(`${source} has no [link] lines, which separate the summaries on a ShortScience page`)
  const chunks = text.split(/^\[link\][ \t]*\r?\n?/m).slice(1) // before the first [link]: the page header
  const records = chunks
    .map((chunk) => withoutTrailingDebris(chunk.replace(/\r?\n$/, '')))
    .filter((body) => body.trim() !== '')
    .map((body, i) => summaryRecord(`${source}, summary ${i + 1}`, paperFromText(body), body))
  return { records, problems: [] }
}

/**
 * The text without the image placeholders (`![]()`) and the table pipe left at its end where the
 * site's pictures and buttons were, nor the spaces around them. Read from the end: a pattern for
 * it backtracks over every run of spaces and took 43 s on a line of 80,000.
 */
export function withoutTrailingDebris(text: string): string {
  const spacesBefore = (end: number) => {
    while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--
    return end
  }
  let end = spacesBefore(text.length)
  let found = false
  if (text[end - 1] === '|') {
    end = spacesBefore(end - 1)
    found = true
  }
  while (text.endsWith(IMAGE_PLACEHOLDER, end)) {
    end = spacesBefore(end - IMAGE_PLACEHOLDER.length)
    found = true
  }
  return found ? text.slice(0, end) : text
}

/**
 * Read the CSV export. The header row `paperid,text` is optional. Rows about the same paper become
 * one record. A row with the wrong number of columns is a problem naming its line.
 */
export function readShortScienceCsv(text: string, source: string): ImportResult {
  let rows: Array<{ record: string[]; info: { lines: number } }>
  try {
    // With `info`, csv-parse returns { record, info } pairs; its types do not model that option.
    rows = csvParse().parse(text, { relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof rows
  } catch (error) {
    throw new DataError(`${source} is not valid CSV: ${(error as Error).message}`)
  }
  if (rows[0] && rows[0].record.map((cell) => cell.trim().toLowerCase()).join(',') === 'paperid,text') rows.shift()
  const records = new Map<string, ImportRecord>()
  const problems: ImportProblem[] = []
  for (const { record, info } of rows) {
    const origin = `${source}, line ${info.lines}`
    const [paperId, body] = record
    if (record.length !== 2 || paperId === undefined || body === undefined) {
      problems.push({ origin, reason: `expected 2 columns (paperid,text), found ${record.length}` })
    } else if (paperId.trim() === '') problems.push({ origin, reason: 'the paperid is empty' })
    else {
      const existing = records.get(paperId.trim())
      if (existing) existing.summaries.push(shortScienceSummary(body))
      else records.set(paperId.trim(), summaryRecord(origin, paperFromId(paperId.trim()), body))
    }
  }
  return { records: [...records.values()], problems }
}

function summaryRecord(origin: string, paper: ImportedPaper, body: string): ImportRecord {
  return { origin, paper, summaries: [shortScienceSummary(body)] }
}

function shortScienceSummary(body: string) {
  return { id: null, by: '', body, tags: [SHORTSCIENCE_TAG], created: null, updated: null }
}

/** A paper from a ShortScience paper id: `journals/corr/<arXiv id>`, a DOI, or another key. */
function paperFromId(paperId: string): ImportedPaper {
  const corr = /^journals\/corr\/(?:abs-)?(\d{4})[.-](\d{4,5})(?:v\d+)?$/i.exec(paperId)
  const arxiv = corr ? `${corr[1]}.${corr[2]}` : normalizeArxivId(paperId)
  const doi = arxiv ? null : normalizeDoi(paperId)
  const paper = bareImportedPaper(shortSciencePaperTitle(paperId))
  paper.key = untitledKey(paperId)
  paper.arxiv = arxiv
  paper.doi = doi
  paper.url = `https://www.shortscience.org/paper?bibtexKey=${encodeURIComponent(paperId)}`
  return paper
}

/** A placeholder paper for a summary from a page, with the one identifier its text names, if any. */
function paperFromText(body: string): ImportedPaper {
  const hash = shortHash(comparableBody(body))
  const paper = bareImportedPaper(shortScienceSummaryTitle(hash))
  paper.key = `untitled-${hash}`
  const ids = identifiersIn(body)
  if (ids.size === 1) {
    const [id] = ids
    if (id!.startsWith('arxiv:')) paper.arxiv = id!.slice('arxiv:'.length)
    else paper.doi = id!.slice('doi:'.length)
  }
  return paper
}

/** Explicit arXiv and DOI references (`arXiv:…`, arxiv.org and doi.org links, `doi:…`), normalised. */
function identifiersIn(text: string): Set<string> {
  const found = new Set<string>()
  for (const [candidate] of text.matchAll(/\b(?:arxiv:\s*|https?:\/\/(?:www\.)?arxiv\.org\/(?:abs|pdf)\/)[^\s)\]>,;]+/gi)) {
    const id = normalizeArxivId(candidate.replace(/\.$/, '').replace(/^arxiv:\s*/i, 'arXiv:'))
    if (id) found.add(`arxiv:${id}`)
  }
  for (const [candidate] of text.matchAll(/\b(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)10\.[^\s)\]>,;]+/gi)) {
    const doi = normalizeDoi(candidate.replace(/\.$/, ''))
    if (doi) found.add(`doi:${doi}`)
  }
  return found
}

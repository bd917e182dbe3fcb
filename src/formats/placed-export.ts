// Export files made from records read where they lie, a part at a time (core/records/outline-parts.ts):
// the bibliography beside a reading list, and a folder of one file per summary.
import path from 'node:path'
import { emptyLibrary, type Library } from '../core/model.js'
import type { LibraryOutline } from '../core/records/outline.js'
import { PART_PAPERS, type RecordsRead } from '../core/records/outline-parts.js'
import { pathInside, uniqueFileNames } from '../core/text/filenames.js'
import { citationKeys, libraryToBibtex } from './bibtex.js'
import { cslJsonPieces } from './csljson.js'
import type { ExportParts } from './export-parts.js'
import type { OutputFile } from './export-files.js'
import { summaryToMarkdown } from './markdown.js'
import { obsidianNote, wikiLinkCitations } from './obsidian.js'

/** The texts `write` makes of each part, joined by a blank line as the whole library's entries are. */
export function* joinedParts(parts: Iterable<Library>, write: (part: Library) => string): Generator<string> {
  let first = true
  for (const part of parts) {
    yield (first ? '' : '\n') + write(part)
    first = false
  }
}

/** The reading list's bibliography (`.bib`, or CSL-JSON for `.json`) of the papers exported and those `cited` besides, a part at a time. */
export function* placedBibliography(
  file: string,
  exported: ExportParts,
  cited: readonly string[],
  outline: LibraryOutline,
  read: RecordsRead,
): Generator<string> {
  const all = function* (): Generator<Library> {
    yield* exported.parts()
    // After the list's own, as withCitedPapers puts them, and without their summaries (only their own tags are keywords).
    for (let at = 0; at < cited.length; at += PART_PAPERS) {
      const part = cited.slice(at, at + PART_PAPERS).map((key) => outline.papers.findIndex((paper) => paper.key === key))
      yield { ...emptyLibrary(), papers: read(part, []).papers }
    }
  }
  const keys = citationKeys([...exported.papers, ...cited.map((key) => ({ key }))])
  yield* path.extname(file).toLowerCase() === '.json'
    ? cslJsonPieces(all(), false, keys)
    : joinedParts(all(), (part) => libraryToBibtex(part, { keys }))
}

/**
 * One Markdown file per summary at `summaries` (an Obsidian note when `obsidian`), named after its
 * id inside `folder`: the summary and its paper read where they lie as its file is written.
 */
export function placedSummaryFiles(
  outline: LibraryOutline,
  summaries: readonly number[],
  folder: string,
  obsidian: boolean,
  read: RecordsRead,
): OutputFile[] {
  const ids = summaries.map((at) => outline.summaries[at]!.id)
  const names = uniqueFileNames(ids, '.md')
  const paperAt = new Map<string, number>()
  outline.papers.forEach((paper, at) => paperAt.set(paper.key, at))
  // A paper's note is its first summary's file; papers outside the export are linked by key.
  const notes = new Map<string, string>()
  for (const at of summaries) {
    const { id, paper } = outline.summaries[at]!
    if (!notes.has(paper)) notes.set(paper, names.get(id)!.replace(/\.md$/, ''))
  }
  const citations = obsidian ? wikiLinkCitations(outline, notes) : null
  return summaries.map((at, i) => ({
    path: pathInside(folder, names.get(ids[i]!)!),
    content: () => {
      const records = read([paperAt.get(outline.summaries[at]!.paper)!], [at])
      const [summary, paper] = [records.summaries[0]!, records.papers[0]!]
      return citations ? obsidianNote(summary, paper, citations) : summaryToMarkdown(summary, paper)
    },
  }))
}

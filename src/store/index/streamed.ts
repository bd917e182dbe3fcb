import { CitationResolver, extractCitations } from '../../core/citations/citations.js'
import { trashId, type PaperOutline, type SummaryOutline } from '../../core/model.js'
import type { LibraryOutline } from '../../core/records/outline.js'
import { countWords } from '../../core/stats/word-count.js'
import { countTags } from '../../core/tags/counts.js'
import { libraryEntryTags } from '../../core/tags/paper-tags.js'
import { visitLibrary } from '../library-records.js'
import { indexOf } from './build.js'
import type { IndexContents } from './contents.js'
import { fileIdentity, sameIdentity, type FileIdentity } from './identity.js'

const NO_KEYS: readonly string[] = []

/**
 * The index of the library file `target`, read record by record (library-records.ts) so that only
 * its outline is held, never its bodies and abstracts all at once; null when the file is not read
 * that way or is not the file `expected` names from before the read to after it: the caller then
 * reads it whole. Gives what buildIndex gives for the library read whole.
 */
export function streamedIndex(target: string, expected: FileIdentity): IndexContents | null {
  const papers: PaperOutline[] = []
  const summaries: SummaryOutline[] = []
  const trashIds: string[] = []
  const paperPlaces: number[] = []
  const summaryPlaces: number[] = []
  const words: number[] = []
  // The keys each body's citations name, resolved once every record is known: a citation may name a summary further on.
  const citing: (readonly string[])[] = []
  const read = visitLibrary(target, {
    paper: ({ abstract: _abstract, attachments: _attachments, ...outline }, start, end) => {
      papers.push(outline)
      paperPlaces.push(start, end)
    },
    summary: ({ body, ...outline }, start, end) => {
      summaries.push(outline)
      summaryPlaces.push(start, end)
      words.push(countWords(body))
      const keys = extractCitations(body).flatMap((citation) => citation.keys)
      citing.push(keys.length === 0 ? NO_KEYS : keys)
    },
    trash: (entry) => trashIds.push(trashId(entry)),
  })
  if (!sameIdentity(read, expected) || !sameIdentity(read, fileIdentity(target))) return null
  const resolver = new CitationResolver({ papers, summaries })
  // citedPaperKeys over the keys found: the papers they name, distinct, in order, the summary's own paper left out.
  const cites = summaries.map((summary, i) => {
    const keys = new Set<string>()
    for (const key of citing[i]!) {
      const paper = resolver.resolve(key)
      if (paper && paper.key !== summary.paper) keys.add(paper.key)
    }
    return [...keys]
  })
  const outline: LibraryOutline = {
    papers,
    summaries,
    trashIds,
    wordCounts: () => words,
    citedKeys: () => cites,
    tagCounts: () => countTags(libraryEntryTags({ papers, summaries })),
  }
  return indexOf(outline, { paperPlaces, summaryPlaces }, target, expected)
}

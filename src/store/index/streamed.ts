import { CitationResolver, extractCitations } from '../../core/citations/citations.js'
import { trashId, type Paper, type PaperOutline, type Summary, type SummaryOutline, type TrashEntry } from '../../core/model.js'
import type { LibraryOutline } from '../../core/records/outline.js'
import { countWords } from '../../core/stats/word-count.js'
import { countTags } from '../../core/tags/counts.js'
import { libraryEntryTags } from '../../core/tags/paper-tags.js'
import { visitLibrary, type LibraryVisitor } from '../library-records.js'
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
  const outline = new OutlineReader()
  const read = visitLibrary(target, outline)
  return sameIdentity(read, expected) && sameIdentity(read, fileIdentity(target)) ? outline.index(target, expected) : null
}

/** The outline of a library told record by record (a LibraryVisitor), and the index made of it once every record is told. */
export class OutlineReader implements LibraryVisitor {
  private readonly papers: PaperOutline[] = []
  private readonly summaries: SummaryOutline[] = []
  private readonly trashIds: string[] = []
  private readonly paperPlaces: number[] = []
  private readonly summaryPlaces: number[] = []
  private readonly words: number[] = []
  /** The keys each body's citations name, resolved once every record is known: a citation may name a summary further on. */
  private readonly citing: (readonly string[])[] = []

  paper({ abstract: _abstract, attachments: _attachments, ...outline }: Paper, start: number, end: number): void {
    this.papers.push(outline)
    this.paperPlaces.push(start, end)
  }

  summary({ body, ...outline }: Summary, start: number, end: number): void {
    this.summaries.push(outline)
    this.summaryPlaces.push(start, end)
    this.words.push(countWords(body))
    const keys = extractCitations(body).flatMap((citation) => citation.keys)
    this.citing.push(keys.length === 0 ? NO_KEYS : keys)
  }

  trash(entry: TrashEntry): void {
    this.trashIds.push(trashId(entry))
  }

  /** The index of the library told, the file `target` whose identity is `identity` (`between`: as indexOf's). */
  index(target: string, identity: FileIdentity, between?: () => void): IndexContents {
    const { papers, summaries, trashIds, words, citing } = this
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
    return indexOf(outline, { paperPlaces: this.paperPlaces, summaryPlaces: this.summaryPlaces }, target, identity, between)
  }
}

import type { LibraryOutline, PaperOutline, SummaryOutline } from '../../core/records/outline.js'
import type { TagCount } from '../../core/tags/counts.js'
import type { FileIdentity } from './identity.js'

/** Everything an index file holds. (Read from a file, each part is decoded when first used.) */
export interface IndexContents {
  /** The real path of the library file it was built from. */
  library: string
  /** That file's identity when it was built (see identity.ts). */
  identity: FileIdentity
  papers: PaperOutline[]
  summaries: SummaryOutline[]
  trashIds: string[]
  /** Words in each summary's body, in the order of `summaries`. */
  words: number[]
  /** The paper keys each summary cites, in the order of `summaries`. */
  cites: string[][]
  /** The summaries' tags counted (countTags): what `tags` lists, without decoding every summary. */
  tagCounts: TagCount[]
  /** Where each paper lies in the library file, as [start, end) byte pairs, flattened, in the order of `papers`. */
  paperPlaces: number[]
  /** Where each summary lies, likewise. */
  summaryPlaces: number[]
}

/** The outline an index holds, ready for reads. */
export function indexOutline(contents: IndexContents): LibraryOutline {
  // Getters: an index decodes each part when first used (format.ts), and a read uses only some.
  return {
    get papers() {
      return contents.papers
    },
    get summaries() {
      return contents.summaries
    },
    get trashIds() {
      return contents.trashIds
    },
    wordCounts: () => contents.words,
    citedKeys: () => contents.cites,
    tagCounts: () => contents.tagCounts,
  }
}

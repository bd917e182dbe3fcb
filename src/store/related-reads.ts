import { CitationResolver } from '../core/citations/citations.js'
import { rankRelated, relatedPapers, type RelatedPaper } from '../core/related/related.js'
import { PaperTable } from '../core/related/paper-table.js'
import { entriesOfPapers, postingsTexts, RecordsUnavailable } from '../core/related/postings-texts.js'
import { paperColumn, summaryColumn, type LibraryOutline, type PaperOutline, type SummaryOutline } from '../core/records/outline.js'
import { PostingsUnavailable } from '../core/search/postings.js'
import { readPostings, wholeLibraryOf } from './outline-reads.js'
import type { NamedRecords, Store } from './store.js'

/**
 * The papers most related to the paper `key` of the library `outline` (from readOutline on `store`)
 * was made of, at most `limit`: from the index (tags and citations from the outline, the texts from
 * the search postings and a few records read where they lie, citations in them resolved through
 * `named`, from readNamed, when given), or from the library when the outline was read whole for it. Null when the index cannot answer (the library changed while being read,
 * records not where the index says): the caller then asks relatedPapers of the library read whole,
 * which gives the same answer.
 */
export async function relatedFromIndex(
  store: Store,
  outline: LibraryOutline,
  key: string,
  limit: number,
  named: NamedRecords | null = null,
): Promise<RelatedPaper[] | null> {
  const whole = wholeLibraryOf(store, outline)
  if (whole) return relatedPapers(whole, key, limit)
  const records = store.recordsAt?.(outline)
  if (!records) return null
  // The records themselves are looked at only for the papers related makes a PaperDoc of (views of
  // the index's columns, made when first asked for); every paper is weighed from the columns.
  const source = {
    get papers() {
      return outline.papers
    },
    get summaries() {
      return outline.summaries
    },
    citedKeys: outline.citedKeys(),
    paperColumn: <F extends keyof PaperOutline>(field: F) => paperColumn(outline, field),
    summaryColumn: <F extends keyof SummaryOutline>(field: F) => summaryColumn(outline, field),
    // Every pair is used: read whole and checked at once where the index can, else a pair at a time.
    ...(outline.entryPlaces && { entryPlaces: () => outline.entryPairs?.() ?? outline.entryPlaces!() }),
    ...(outline.tagLists && { tagLists: () => outline.tagLists!() }),
    ...(outline.paperAt && { paperAt: (at: number) => outline.paperAt!(at) }),
    ...(outline.summaryAt && { summaryAt: (at: number) => outline.summaryAt!(at) }),
  }
  // A citation in a text is resolved by the name table (the paper it names, read alone), not by a
  // map of every key and id of the library (~80 ms at 100,000 summaries), where the table can.
  let everyName: CitationResolver | undefined
  const resolver = {
    resolve: (cited: string) => {
      const paper = named?.cited(cited)
      return paper !== undefined ? paper : (everyName ??= new CitationResolver(outline)).resolve(cited)
    },
  }
  const table = new PaperTable(source)
  if (table.indexOf(key) < 0) return []
  const entries = entriesOfPapers(table, table.summaries)
  const rank = async (rebuild: boolean) => {
    const view = await readPostings(store, outline, rebuild)
    if (!view || view.count !== entries.count) return null
    const texts = postingsTexts(view, { table, entries, resolver }, records)
    // Not spread from `source`: that would call its getters, making a view of every paper and summary.
    const ranked = {
      get papers() {
        return outline.papers
      },
      get summaries() {
        return outline.summaries
      },
      citedKeys: source.citedKeys,
      texts,
    }
    const found = rankRelated(ranked, key, limit, table)
    // The papers shown read whole where they lie: their titles and years not from columns of every paper's.
    const papers = records.papers(found.map((r) => r.at))
    return papers ? found.map((r, i) => ({ ...r, paper: papers[i]! })) : found
  }
  try {
    try {
      return await rank(false)
    } catch (error) {
      // Their words in order, read only now, were damaged or replaced: built again from the library.
      if (!(error instanceof PostingsUnavailable)) throw error
      return await rank(true)
    }
  } catch (error) {
    if (error instanceof PostingsUnavailable || error instanceof RecordsUnavailable) return null
    throw error
  }
}

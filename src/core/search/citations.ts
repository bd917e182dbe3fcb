/**
 * The search fields `cites:<key>` (summaries that cite a paper) and `citedby:<key>` (the papers a
 * paper's summaries cite), over the entries being searched. Built once per query, lazily: only a
 * query with one of these fields pays for reading citations.
 */
import { CitationResolver, resolveCitations } from '../citations/citations.js'
import type { Summary } from '../model.js'
import type { Entry } from '../records/entries.js'

export class CitationMatcher {
  private readonly resolver: CitationResolver
  private readonly cited = new WeakMap<Summary, { raw: Set<string>; papers: Set<string> }>()
  private readonly citedByCache = new Map<string, Set<string>>()

  constructor(private readonly entries: readonly Entry[]) {
    const papers = [...new Map(entries.map((e) => [e.paper.key, e.paper])).values()]
    const summaries = entries.flatMap((e) => (e.summary ? [e.summary] : []))
    this.resolver = new CitationResolver({ papers, summaries })
  }

  /** Keys as written (lowercase) and paper keys a summary cites; its own paper left out. */
  private citationsOf(summary: Summary): { raw: Set<string>; papers: Set<string> } {
    let found = this.cited.get(summary)
    if (!found) {
      found = { raw: new Set(), papers: new Set() }
      for (const citation of resolveCitations(summary.body, this.resolver)) {
        for (const { key, paper } of citation.cited) {
          if (paper?.key === summary.paper) continue
          found.raw.add(key.toLowerCase())
          if (paper) found.papers.add(paper.key)
        }
      }
      this.cited.set(summary, found)
    }
    return found
  }

  /**
   * Whether the entry's summary cites `key` (lowercase): the paper it names (a paper key or a
   * summary id), or, for a key not in the library, a citation written with that key.
   */
  cites(entry: Entry, key: string): boolean {
    if (!entry.summary) return false
    const { raw, papers } = this.citationsOf(entry.summary)
    const paper = this.resolver.resolve(key)
    return paper ? papers.has(paper.key) : raw.has(key)
  }

  /** Whether a summary of `key` (a paper key: all its summaries; or a summary id) cites the entry's paper. */
  citedBy(key: string, entry: Entry): boolean {
    let cited = this.citedByCache.get(key)
    if (!cited) {
      cited = new Set()
      for (const { id, paper, summary } of this.entries) {
        if (!summary || (paper.key.toLowerCase() !== key && id.toLowerCase() !== key)) continue
        for (const paperKey of this.citationsOf(summary).papers) cited.add(paperKey)
      }
      this.citedByCache.set(key, cited)
    }
    return cited.has(entry.paper.key)
  }
}

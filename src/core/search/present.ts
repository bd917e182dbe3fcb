/**
 * The present stage of a search from the postings: the ranked hits (PostingsSearch.rank) as search
 * results, each with the snippets of its body, read for the few hits shown.
 */
import type { TermPattern } from './pattern.js'
import type { RankedHit, RankedResult } from './postings-search.js'
import { SNIPPET_LENGTH, type SearchHit, type SearchResult } from './results.js'
import { bodySnippets, type Snippet } from './snippets.js'
import { ScanText } from './text.js'
import type { Entry } from '../records/entries.js'

/** The snippets of a hit's body (present): what the scan gives for the same body and patterns. */
export function snippetsOf(body: string, patterns: readonly TermPattern[], count: number, length: number): Snippet[] {
  return count > 0 ? bodySnippets(new ScanText(body), patterns, { count, length }) : []
}

/**
 * The ranked hits as search results (the present stage): each hit's whole entry (`whole`, from
 * the records read for the few shown) with the snippets of its body. Null when a hit's records
 * are no longer in the library (it changed since the postings were read).
 */
export function presentHits(ranked: RankedResult, whole: (hit: RankedHit) => Entry | undefined, snippets = 2): SearchResult | null {
  const hits: SearchHit[] = []
  for (const hit of ranked.hits) {
    const entry = whole(hit)
    if (!entry) return null
    const body = entry.summary ? entry.summary.body : (entry.paper.abstract ?? '')
    hits.push({ ...entry, score: hit.score, snippets: snippetsOf(body, ranked.patterns, snippets, SNIPPET_LENGTH), missing: hit.missing })
  }
  return { hits, total: ranked.total, corrections: ranked.corrections }
}

/**
 * Search (DESIGN.md section 5): every entry is scanned once per query, with no index to build or
 * load. Cheap metadata clauses and rare words reject most entries first; only entries that match
 * are scored (BM25F, with document frequencies estimated on a sample) and only the ones shown
 * get snippets. See BENCHMARKS.md for what this costs at 1k, 10k and 100k summaries.
 */
import type { Library } from './model.js'
import type { Query } from './query.js'
import { libraryEntries, type Entry } from './records.js'
import { compileQuery, type CompiledCondition, type CompiledQuery, type LastWord } from './search-compile.js'
import type { WordSpec } from './search-pattern.js'
import { BODY, FIELD_NAMES, searchDocs, type SearchDoc } from './search-docs.js'
import { countTerm, matchDoc } from './search-match.js'
import { averageFieldLengths, inverseDocumentFrequency, termScore } from './search-rank.js'
import { bodySnippets, type Snippet } from './search-snippets.js'

export type { Snippet } from './search-snippets.js'

/** A search result: the entry, its score and snippets of its body. */
export interface SearchHit extends Entry {
  /** Relevance; higher is better. 0 when the query has no words (filters only). */
  score: number
  /** One or two windows of the body around the matched words (or its opening). */
  snippets: Snippet[]
}

/** The best hits of a search, and how many entries matched in all. */
export interface SearchResult {
  hits: SearchHit[]
  total: number
}

export interface SearchOptions {
  /** Most hits to return. */
  limit: number
  /** How to read the last word when nothing follows it (default 'whole'; see LastWord). */
  lastWord?: LastWord
  /** Snippets per hit (default 2). */
  snippets?: number
}

/** Exact-phrase occurrences weigh this much more than a single term of the same rarity. */
const PHRASE_BOOST = 1.5
/** Best-scoring matches that are looked at for the exact phrase. */
const PHRASE_CANDIDATES = 300
const SNIPPET_LENGTH = 180
const FIELD_COUNT = FIELD_NAMES.length

interface Match {
  doc: SearchDoc
  tf: Float64Array
  score: number
}

/** The entries a clause matched over the whole library, with its conditions' term counts. */
interface ClauseHits {
  signature: string
  docs: SearchDoc[]
  /** Per hit: FIELD_COUNT counts for each condition of the clause, in clause order. */
  tf: Float64Array[]
}

function newest(entry: Entry): string {
  return entry.summary?.updated ?? entry.paper.added
}

/** A library prepared for repeated queries (`browse` searches on every keystroke). */
export class LibrarySearch {
  private readonly docs: SearchDoc[]
  private readonly averages: Float64Array
  private readonly corrections = new Map<string, WordSpec>()
  // The last first clause's hits: while a query is typed, its finished clauses do not change.
  private firstClause: ClauseHits | null = null

  constructor(entries: readonly Entry[]) {
    this.docs = searchDocs(entries)
    this.averages = averageFieldLengths(this.docs)
  }

  /** Entries matching `query`, best first (ties: most recently updated first, then by id). */
  search(query: Query, options: SearchOptions): SearchResult {
    const compiled = compileQuery(this.docs, query, { lastWord: options.lastWord ?? 'whole', corrections: this.corrections })
    const matches = this.scan(compiled)
    this.score(compiled, matches)
    matches.sort(
      (a, b) => b.score - a.score || newest(b.doc.entry).localeCompare(newest(a.doc.entry)) || a.doc.entry.id.localeCompare(b.doc.entry.id),
    )
    const patterns = [...(compiled.phrase ? [compiled.phrase] : []), ...compiled.terms]
      .filter((term) => term.fields.includes(BODY))
      .map((term) => term.pattern)
    const snippetOptions = { count: options.snippets ?? 2, length: SNIPPET_LENGTH }
    const hits = matches.slice(0, options.limit).map(({ doc, score }) => ({
      ...doc.entry,
      score,
      snippets: snippetOptions.count > 0 ? bodySnippets(doc.fields[BODY]!, patterns, snippetOptions) : [],
    }))
    return { hits, total: matches.length }
  }

  /** Entries matching `query`, in library order (no ranking; the filter of `list`, `export`, `tag --query`). */
  filter(query: Query): Entry[] {
    const compiled = compileQuery(this.docs, query, { lastWord: 'whole' })
    return this.docs.filter((doc) => matchDoc(compiled, doc, null)).map((doc) => doc.entry)
  }

  private scan(compiled: CompiledQuery): Match[] {
    const scratch = new Float64Array(compiled.terms.length * FIELD_COUNT)
    const [first, ...rest] = compiled.clauses
    if (!first) return this.docs.map((doc) => ({ doc, tf: scratch.slice(), score: 0 }))
    const hits = this.clauseHits(first, scratch.length)
    const others = { ...compiled, clauses: rest }
    const matches: Match[] = []
    hits.docs.forEach((doc, i) => {
      scratch.fill(0)
      first.forEach((condition, c) => {
        if (condition.test.kind === 'text' && condition.test.slot >= 0) {
          scratch.set(hits.tf[i]!.subarray(c * FIELD_COUNT, (c + 1) * FIELD_COUNT), condition.test.slot * FIELD_COUNT)
        }
      })
      if (matchDoc(others, doc, scratch)) matches.push({ doc, tf: scratch.slice(), score: 0 })
    })
    return matches
  }

  /** The entries `clause` matches in the whole library (kept for the next query while the clause is the same). */
  private clauseHits(clause: CompiledCondition[], width: number): ClauseHits {
    const signature = clause.map((c) => c.signature).join(' OR ')
    if (this.firstClause?.signature === signature) return this.firstClause
    const hits: ClauseHits = { signature, docs: [], tf: [] }
    const scratch = new Float64Array(width)
    const alone: CompiledQuery = { clauses: [clause], terms: [], phrase: null }
    for (const doc of this.docs) {
      scratch.fill(0)
      if (!matchDoc(alone, doc, scratch)) continue
      const tf = new Float64Array(clause.length * FIELD_COUNT)
      clause.forEach((condition, c) => {
        if (condition.test.kind === 'text' && condition.test.slot >= 0) {
          tf.set(scratch.subarray(condition.test.slot * FIELD_COUNT, (condition.test.slot + 1) * FIELD_COUNT), c * FIELD_COUNT)
        }
      })
      hits.docs.push(doc)
      hits.tf.push(tf)
    }
    this.firstClause = hits
    return hits
  }

  private score(compiled: CompiledQuery, matches: Match[]): void {
    const total = this.docs.length
    const idfs = compiled.terms.map((term, t) => {
      // Every matching entry that contains the term proves it that common, whatever the sample said.
      const seen = matches.reduce((n, m) => n + (m.tf.subarray(t * FIELD_COUNT, (t + 1) * FIELD_COUNT).some((c) => c > 0) ? 1 : 0), 0)
      return inverseDocumentFrequency(Math.max(term.estimatedDf, seen), total)
    })
    for (const match of matches) {
      for (let t = 0; t < idfs.length; t++) match.score += termScore(match.doc, match.tf, t * FIELD_COUNT, idfs[t]!, this.averages)
    }
    if (!compiled.phrase) return
    // The phrase bonus reorders the leaders; looking for the phrase in every match would cost a
    // second scan of them all for entries that could not come near the top anyway.
    const phrase = compiled.phrase
    const leaders = matches.length <= PHRASE_CANDIDATES ? matches : [...matches].sort((a, b) => b.score - a.score).slice(0, PHRASE_CANDIDATES)
    const phraseTf = leaders.map((m) => {
      const tf = new Float64Array(FIELD_COUNT)
      return countTerm(phrase, m.doc, tf, 0) ? tf : null
    })
    const idf = inverseDocumentFrequency(Math.max(phrase.estimatedDf, phraseTf.filter(Boolean).length), total)
    leaders.forEach((match, i) => {
      const tf = phraseTf[i]
      if (tf) match.score += PHRASE_BOOST * termScore(match.doc, tf, 0, idf, this.averages)
    })
  }
}

/** Search a whole library (a convenience for one query). */
export function searchLibrary(lib: Library, query: Query, options: SearchOptions): SearchResult {
  return new LibrarySearch(libraryEntries(lib)).search(query, options)
}

/** The entries that match `query`, in their given order. */
export function filterEntries(entries: readonly Entry[], query: Query): Entry[] {
  if (query.clauses.length === 0) return [...entries]
  return new LibrarySearch(entries).filter(query)
}

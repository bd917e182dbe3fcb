/**
 * Search (`precis help query`): every entry is scanned once per query, with no index to build or
 * load. Cheap metadata clauses and rare words reject most entries first; only entries that match
 * are scored (BM25F, with document frequencies estimated on a sample) and only the ones shown
 * get snippets. See BENCHMARKS.md for what this costs at 1k, 10k and 100k summaries.
 */
import type { Library } from '../model.js'
import type { Condition, Query } from './query.js'
import { libraryEntries, type Entry } from '../records/entries.js'
import { planQuery, type PlanLibrary } from './compile.js'
import { compileQuery, scanLibrary } from './scan-plan.js'
import type { CompiledCondition, CompiledQuery } from './compiled.js'
import { prepareFolding } from './fold.js'
import type { WordSpec } from './pattern.js'
import { BODY, searchDocs, type SearchDoc } from './docs.js'
import { matchDoc } from './match.js'
import { bestMatches, byRecency } from './order.js'
import { averageFieldLengths, scoreMatches } from './rank.js'
import { loosened, matchedSlots, optionalSlots, splitPartial } from './partial.js'
import { Scanner, type Match } from './scan.js'
import { bodySnippets } from './snippets.js'
import { mayBeTypo } from './typos.js'
import { SNIPPET_LENGTH, type SearchOptions, type SearchResult } from './results.js'

export { SNIPPET_LENGTH, type Correction, type SearchHit, type SearchOptions, type SearchResult, type Snippet } from './results.js'

/** A library prepared for repeated queries (`browse` searches on every keystroke). */
export class LibrarySearch {
  private readonly docs: SearchDoc[]
  private readonly averages: Float64Array
  private readonly scanner: Scanner
  private readonly corrections = new Map<string, WordSpec>()

  constructor(entries: readonly Entry[]) {
    this.docs = searchDocs(entries)
    this.averages = averageFieldLengths(this.docs)
    this.scanner = new Scanner(this.docs)
  }

  /**
   * Do now what the first queries would otherwise do on the way (browse calls it as it opens,
   * before the first keystroke): list each text's words with characters beyond Latin-1, join the
   * short fields, build the table of folded letters, and order the entries by recency for the
   * query with no words.
   */
  prepare(): void {
    prepareFolding()
    for (const doc of this.docs) for (const field of doc.fields) void field.wideWords
    this.docs[0]?.short.prepare()
    this.newestFirst()
  }

  /** Entries matching `query`, best first (ties: most recently updated first, then by id). */
  search(query: Query, options: SearchOptions): SearchResult {
    const compiled = compileQuery(this.docs, query, {
      lastWord: options.lastWord ?? 'whole',
      corrections: this.corrections,
      mayMatch: (condition) => this.scanner.mayMatch(condition),
      ranked: true,
    })
    return this.answer(compiled, options)
  }

  /**
   * As `search`, for entries that are part of a larger library (browse's list at once: records of
   * a list the library settled), whose typo decisions so far are `decided` (PostingsSearch
   * `typoDecisions`): the query's words are read as that library reads them, and none is corrected
   * here. A word it has not decided is taken as typed when these entries have it: the larger library
   * has it then, and corrects only words it lacks. Null when these entries lack such a word, which
   * the larger library may correct, unless `decide` gives the larger library's decision for it
   * (null when it cannot now). Only the hits with every word, as `search` ranks them (a part of a
   * library shows no partial match: the larger one may have whole ones elsewhere); the partial
   * matches are looked for only to score those as `search` does, and get no snippets. `typing`: a
   * word of the query still being typed besides the last (CompileOptions), neither decided nor corrected.
   */
  searchAsPart(
    query: Query,
    options: SearchOptions,
    decided: ReadonlyMap<string, WordSpec>,
    decide?: (spec: WordSpec, fields: readonly number[]) => WordSpec | null,
    typing: Condition | null = null,
  ): SearchResult | null {
    const mayMatch = (condition: CompiledCondition) => this.scanner.mayMatch(condition)
    let undecided = false
    const library: PlanLibrary<SearchDoc> = {
      ...scanLibrary(this.docs, mayMatch),
      correct: (spec, fields, alone) => {
        if (mayBeTypo(spec, fields, mayMatch(alone)) === null) return spec
        const decision = decide?.(spec, fields) ?? null
        if (decision === null) undecided = true
        return decision ?? spec
      },
    }
    const compiled = planQuery(library, query, {
      lastWord: options.lastWord ?? 'whole',
      corrections: new Map(decided),
      ranked: true,
      typing,
    })
    return undecided ? null : this.answer(compiled, options, true)
  }

  /** `wholeOnly`: only the hits with every word (searchAsPart). */
  private answer(compiled: CompiledQuery, options: SearchOptions, wholeOnly = false): SearchResult {
    const { best, total } = this.best(compiled, options.limit, wholeOnly)
    const patterns = [...(compiled.phrase ? [compiled.phrase] : []), ...compiled.terms]
      .filter((term) => term.fields.includes(BODY))
      .map((term) => term.pattern)
    const snippetOptions = { count: options.snippets ?? 2, length: SNIPPET_LENGTH }
    const slots = optionalSlots(compiled)
    const hits = best.map((match) => ({
      ...match.doc.entry,
      score: match.score,
      snippets: snippetOptions.count > 0 ? bodySnippets(match.doc.fields[BODY]!, patterns, snippetOptions) : [],
      missing: 'tf' in match ? missingWords(compiled, match, slots) : [],
    }))
    return { hits, total, corrections: compiled.corrections }
  }

  private best(
    compiled: CompiledQuery,
    limit: number,
    wholeOnly: boolean,
  ): { best: (Match | { doc: SearchDoc; score: number })[]; total: number } {
    // No words and no filters (browse before a word has three letters): every entry, newest first.
    if (compiled.clauses.length === 0)
      return {
        best: this.newestFirst()
          .slice(0, Math.max(0, limit))
          .map((doc) => ({ doc, score: 0 })),
        total: this.docs.length,
      }
    const matches = this.scanner.scan(compiled)
    const loose = matches.length < limit ? loosened(compiled) : null
    if (!loose) {
      scoreMatches(compiled, matches, this.docs.length, this.averages)
      return { best: bestMatches(matches, limit), total: matches.length }
    }
    if (wholeOnly && matches.length === 0) return { best: [], total: 0 }
    // Fewer entries have every word than were asked for: those with some follow them (and score
    // them all: how many matches hold a word weighs it).
    const all = this.scanner.scan(loose)
    scoreMatches(loose, all, this.docs.length, this.averages)
    const { whole, partial } = splitPartial(all, optionalSlots(compiled))
    const first = bestMatches(whole, limit)
    if (wholeOnly) return { best: first, total: whole.length }
    return { best: [...first, ...bestMatches(partial, limit - first.length)], total: whole.length + partial.length }
  }

  private newest: SearchDoc[] | null = null

  private newestFirst(): readonly SearchDoc[] {
    this.newest ??= byRecency(this.docs)
    return this.newest
  }

  /**
   * Entries matching `query`, in library order (no ranking; the filter of `list`, `export`, `tag --query`).
   * `corrections`: the typo corrections of a larger library these entries are part of (PostingsSearch.mayMatch), to filter them as it would.
   */
  filter(query: Query, corrections?: Map<string, WordSpec>): Entry[] {
    const compiled = compileQuery(this.docs, query, { lastWord: 'whole', ...(corrections ? { corrections } : {}) })
    return this.docs.filter((doc) => matchDoc(compiled, doc, null)).map((doc) => doc.entry)
  }
}

function missingWords(query: CompiledQuery, match: Match, slots: readonly number[]): string[] {
  const found = matchedSlots(match, slots)
  return slots.filter((_, i) => !found[i]).map((slot) => query.terms[slot]!.label)
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

/**
 * The library the planner (compile.ts planQuery) asks when a query is scanned over entries' texts
 * (search.ts): document frequencies and typo corrections from the texts themselves, metadata and
 * citation terms as tests of an entry. Apart from the planner so that a search answered from the
 * postings (postings-search.ts, which is its own PlanLibrary) never loads the scan.
 */
import { CitationMatcher } from './citations.js'
import type { Query } from './query.js'
import { planQuery, sampleOf, scaledDf, type CompileOptions, type MetaTerm, type PlanLibrary } from './compile.js'
import type { CompiledCondition, CompiledQuery } from './compiled.js'
import { BODY, hasFigure, hasMath, type SearchDoc } from './docs.js'
import { occurs } from './match.js'
import type { TermPattern } from './pattern.js'
import { correctTypo } from './typos.js'
import { outlineTest } from './outline-filter.js'

/** A metadata term as a test of a scanned entry; citations are read only by a query on them. */
function metaTest(term: MetaTerm, citations: () => CitationMatcher): (doc: SearchDoc) => boolean {
  const onOutline = outlineTest(term)
  if (onOutline) return (doc) => onOutline(doc.entry)
  switch (term.kind) {
    case 'cites':
      return ({ entry }) => citations().cites(entry, term.key)
    case 'citedby':
      return ({ entry }) => citations().citedBy(term.key, entry)
    default:
      return term.kind === 'has' && term.feature === 'math'
        ? ({ features, fields }) => (features.math ??= hasMath(fields[BODY]!.text))
        : ({ features, fields }) => (features.figure ??= hasFigure(fields[BODY]!.text))
  }
}

function estimateDf(pattern: TermPattern, fields: readonly number[], sample: readonly SearchDoc[], total: number): number {
  return scaledDf(sample.filter((doc) => occurs({ pattern, fields }, doc)).length, sample.length, total)
}

/** The library `docs` for planning a query scanned over them; `mayMatch` narrows where a word is looked for (Scanner.mayMatch). */
export function scanLibrary(
  docs: readonly SearchDoc[],
  mayMatch?: (condition: CompiledCondition) => readonly SearchDoc[],
): PlanLibrary<SearchDoc> {
  const sample = sampleOf(docs)
  let matcher: CitationMatcher | undefined
  const citations = () => (matcher ??= new CitationMatcher(docs.map((doc) => doc.entry)))
  return {
    size: docs.length,
    estimateDf: (pattern, fields) => estimateDf(pattern, fields, sample, docs.length),
    correct: (spec, fields, alone) => correctTypo(spec, fields, { docs, mayContain: mayMatch?.(alone) ?? docs, sample }),
    metaTest: (term) => metaTest(term, citations),
  }
}

/** Compile `query` for the library `docs`, to scan. */
export function compileQuery(
  docs: readonly SearchDoc[],
  query: Query,
  options: CompileOptions & { mayMatch?: (condition: CompiledCondition) => readonly SearchDoc[] },
): CompiledQuery {
  return planQuery(scanLibrary(docs, options.mayMatch), query, options)
}

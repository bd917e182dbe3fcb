/**
 * The conditions a record's outline can answer alone (tags, year, id, reading state, a paper without
 * metadata), and the filter that uses only them: `list tag:ml/gnn year:>=2018` then needs neither the
 * bodies nor the whole library, only the index. The scan (compile.ts) tests these terms through the
 * same functions, so both answer alike.
 */
import type { OutlineEntry } from '../records/entries.js'
import type { Query, Term } from './query.js'
import { tagMatches } from '../tags/rules.js'
import { lacksMetadata } from '../papers/placeholders.js'
import { readingState } from '../queue/reading.js'

type OutlineTest = (entry: OutlineEntry) => boolean

/** How `term` is tested on an entry's outline, or null when it needs more (words, math, figures, citations). */
export function outlineTest(term: Term): OutlineTest | null {
  switch (term.kind) {
    case 'tag':
      return (entry) => entry.summary?.tags.some((tag) => tagMatches(tag, term.tag)) ?? false
    case 'year':
      return ({ paper }) =>
        paper.year !== null && (term.from === null || paper.year >= term.from) && (term.to === null || paper.year <= term.to)
    case 'has':
      return term.feature === 'no-metadata' ? (entry) => lacksMetadata(entry.paper) : null
    case 'id':
      return (entry) => entry.id.toLowerCase().startsWith(term.id) || entry.paper.key.toLowerCase() === term.id
    case 'state':
      return (entry) => (readingState(entry.paper, entry.summary !== null) ?? 'none') === term.state
    default:
      return null
  }
}

/**
 * Whether an entry matches `query`, as a test on its outline alone; null when a condition needs the
 * bodies (then the whole library is searched).
 */
export function outlineFilter(query: Query): OutlineTest | null {
  const clauses: { test: OutlineTest; negated: boolean }[][] = []
  for (const clause of query.clauses) {
    const conditions = []
    for (const { term, negated } of clause.anyOf) {
      const test = outlineTest(term)
      if (!test) return null
      conditions.push({ test, negated })
    }
    clauses.push(conditions)
  }
  return (entry) => clauses.every((clause) => clause.some(({ test, negated }) => test(entry) !== negated))
}

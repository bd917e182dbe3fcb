/**
 * The conditions a record's outline can answer alone (tags, year, id, reading state, a paper without
 * metadata), and the filter that uses only them: `list tag:ml/gnn year:>=2018` then needs neither the
 * bodies nor the whole library, only the index. The scan (compile.ts) tests these terms through the
 * same functions, so both answer alike.
 */
import type { OutlineEntry } from '../records/entries.js'
import type { Query, Term } from './query.js'
import { tagMatches } from '../tags/rules.js'
import { entryTags } from '../tags/paper-tags.js'
import { lacksMetadata } from '../papers/placeholders.js'
import { readingState } from '../queue/reading.js'
import type { Paper } from '../model.js'

type OutlineTest = (entry: OutlineEntry) => boolean
type TermOf<K extends Term['kind']> = Extract<Term, { kind: K }>

// What each term means, on the values it reads: outlineTest below and the filter on the index's
// columns (core/records/listing-filter.ts) both test these, so both answer alike.

/** A `year:` term: the paper's year within its range. */
export const yearMatches = (year: number | null, { from, to }: TermOf<'year'>) =>
  year !== null && (from === null || year >= from) && (to === null || year <= to)

/** An `id:` term: the entry's id (its summary's, or its paper's key) starts with it, or the paper's key is it. */
export const idMatches = (id: string, key: string, term: TermOf<'id'>) =>
  id.toLowerCase().startsWith(term.id) || key.toLowerCase() === term.id

/** A `state:` term: the paper's reading state, a summarised paper's being `read` unless set. */
export const stateMatches = (state: Paper['state'], summarised: boolean, term: TermOf<'state'>) =>
  (readingState({ state }, summarised) ?? 'none') === term.state

/** How `term` is tested on an entry's outline, or null when it needs more (words, math, figures, citations). */
export function outlineTest(term: Term): OutlineTest | null {
  switch (term.kind) {
    case 'tag':
      return (entry) => entryTags(entry.paper, entry.summary).some((tag) => tagMatches(tag, term.tag))
    case 'year':
      return ({ paper }) => yearMatches(paper.year, term)
    case 'has':
      return term.feature === 'no-metadata' ? (entry) => lacksMetadata(entry.paper) : null
    case 'id':
      return (entry) => idMatches(entry.id, entry.paper.key, term)
    case 'state':
      return (entry) => stateMatches(entry.paper.state, entry.summary !== null, term)
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

/**
 * What the outline answers of `query`: the test of its clauses whose every condition outlineTest
 * answers (an entry failing it matches nothing, whatever the other clauses say), or null when no
 * clause is so. What export's filter on texts tests before it reads an entry (filter-reads.ts).
 */
export function outlineClauses(query: Query): OutlineTest | null {
  const answered = query.clauses.filter((clause) => clause.anyOf.every(({ term }) => outlineTest(term) !== null))
  return answered.length === 0 ? null : outlineFilter({ ...query, clauses: answered })
}

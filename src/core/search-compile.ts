/**
 * A parsed query turned into something fast to run over a library: text terms become scan
 * patterns (typos corrected against the library), metadata terms become predicates, and clauses
 * are ordered so that cheap and selective ones reject most entries before costly ones run.
 */
import { CitationMatcher } from './citations-search.js'
import type { Clause, Condition, Query, Term, TextField } from './query.js'
import { AUTHORS, BODY, FIELD_NAMES, hasFigure, hasMath, TITLE, VENUE, type SearchDoc } from './search-docs.js'
import { TermPattern, type WordSpec } from './search-pattern.js'
import { correctTypo } from './search-typos.js'
import { tagMatches } from './tags.js'
import { foldPlural } from './text-plural.js'
import { tokenize } from './text.js'

/** A text term that contributes to the score: where to look and what for. */
export interface ScoringTerm {
  pattern: TermPattern
  fields: readonly number[]
  /** Documents matching it in the sample, scaled to the library (an estimate of its document frequency). */
  estimatedDf: number
}

export type CompiledTest =
  | { kind: 'meta'; matches: (doc: SearchDoc) => boolean }
  /** `slot` indexes `CompiledQuery.terms` (positive terms only; -1 when negated). */
  | { kind: 'text'; term: ScoringTerm; slot: number }

export interface CompiledCondition {
  negated: boolean
  test: CompiledTest
}

export interface CompiledQuery {
  /** Clauses in evaluation order; all must hold. */
  clauses: CompiledCondition[][]
  /** Positive text terms, scored with BM25F. */
  terms: ScoringTerm[]
  /** The plain words of the query in a row, for the exact-phrase bonus (null with fewer than two). */
  phrase: ScoringTerm | null
}

const ALL_FIELDS = FIELD_NAMES.map((_, index) => index)
const TEXT_FIELDS: Record<TextField, readonly number[]> = { any: ALL_FIELDS, title: [TITLE], author: [AUTHORS], venue: [VENUE] }
/** Documents sampled to estimate how common each term is (all of them in smaller libraries). */
const SAMPLE_SIZE = 400

function metaTest(term: Exclude<Term, { kind: 'text' }>, citations: () => CitationMatcher): (doc: SearchDoc) => boolean {
  switch (term.kind) {
    case 'tag':
      return (doc) => doc.entry.summary?.tags.some((tag) => tagMatches(tag, term.tag)) ?? false
    case 'year':
      return ({ entry: { paper } }) =>
        paper.year !== null && (term.from === null || paper.year >= term.from) && (term.to === null || paper.year <= term.to)
    case 'has':
      return term.feature === 'math' ? (doc) => hasMath(doc.fields[BODY]!.text) : (doc) => hasFigure(doc.fields[BODY]!.text)
    case 'id':
      return ({ entry }) => {
        const id = entry.id.toLowerCase()
        return id.startsWith(term.id) || entry.paper.key.toLowerCase() === term.id
      }
    case 'cites':
      return ({ entry }) => citations().cites(entry, term.key)
    case 'citedby':
      return ({ entry }) => citations().citedBy(term.key, entry)
  }
}

/** The word specs of a text value: `Message-passing` → message, passing. */
function wordSpecs(value: string, prefixLast: boolean): WordSpec[] {
  const words = tokenize(value).map((token) => token.word)
  return words.map((word, index) => ({
    keys: new Set([foldPlural(word)]),
    prefix: prefixLast && index === words.length - 1 ? word : null,
  }))
}

function sampleOf(docs: readonly SearchDoc[]): readonly SearchDoc[] {
  if (docs.length <= SAMPLE_SIZE) return docs
  const step = docs.length / SAMPLE_SIZE
  return Array.from({ length: SAMPLE_SIZE }, (_, i) => docs[Math.floor(i * step)]!)
}

function estimateDf(pattern: TermPattern, fields: readonly number[], sample: readonly SearchDoc[], total: number): number {
  const hits = sample.filter((doc) => fields.some((field) => pattern.find(doc.fields[field]!) !== null)).length
  return (hits * total) / Math.max(1, sample.length)
}

/**
 * Compile `query` for the library `docs`. With `prefixLast`, a last word still being typed
 * (`Query.openEnded`) also matches as a prefix.
 */
export function compileQuery(docs: readonly SearchDoc[], query: Query, options: { prefixLast: boolean }): CompiledQuery {
  const sample = sampleOf(docs)
  const terms: ScoringTerm[] = []
  const plainWords: WordSpec[] = []
  const lastCondition = query.clauses.at(-1)?.anyOf.at(-1)
  let matcher: CitationMatcher | undefined
  const citations = () => (matcher ??= new CitationMatcher(docs.map((doc) => doc.entry)))

  const compileCondition = (condition: Condition, alone: boolean): CompiledCondition | null => {
    const { term, negated } = condition
    if (term.kind !== 'text') return { negated, test: { kind: 'meta', matches: metaTest(term, citations) } }
    const fields = TEXT_FIELDS[term.field]
    const prefixLast = options.prefixLast && query.openEnded && condition === lastCondition
    let specs = wordSpecs(term.value, prefixLast)
    if (specs.length === 0) return null // only punctuation: nothing to look for
    if (specs.length === 1 && !term.quoted && !negated) specs = [correctTypo(specs[0]!, docs, sample, fields)]
    const pattern = new TermPattern(specs)
    const scoring: ScoringTerm = { pattern, fields, estimatedDf: estimateDf(pattern, fields, sample, docs.length) }
    if (negated) return { negated, test: { kind: 'text', term: scoring, slot: -1 } }
    if (alone && !term.quoted && term.field === 'any') plainWords.push(...specs)
    terms.push(scoring)
    return { negated, test: { kind: 'text', term: scoring, slot: terms.length - 1 } }
  }

  const clauses = query.clauses
    .map((clause: Clause) => clause.anyOf.map((c) => compileCondition(c, clause.anyOf.length === 1)))
    // A clause with a condition that says nothing (only punctuation) always holds: drop it.
    .filter((clause): clause is CompiledCondition[] => clause.every((c) => c !== null))
  clauses.sort((a, b) => clauseCost(a, docs.length) - clauseCost(b, docs.length))

  const phrase = plainWords.length >= 2 ? new TermPattern(plainWords) : null
  return {
    clauses,
    terms,
    phrase: phrase && { pattern: phrase, fields: [TITLE, BODY], estimatedDf: estimateDf(phrase, [TITLE, BODY], sample, docs.length) },
  }
}

// Metadata first (cheap), then text from the rarest (rejects most), exclusions last (full scans).
function clauseCost(clause: readonly CompiledCondition[], total: number): number {
  let cost = 0
  for (const { negated, test } of clause) {
    if (test.kind === 'meta') continue
    cost += negated ? 2 : 1 + test.term.estimatedDf / Math.max(1, total)
  }
  return cost
}

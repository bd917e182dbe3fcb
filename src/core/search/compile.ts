/**
 * A parsed query turned into something fast to run over a library: text terms become scan
 * patterns (typos corrected against the library), metadata terms become predicates, and clauses
 * are ordered so that cheap and selective ones reject most entries before costly ones run.
 */
import type { Clause, Condition, Query, Term, TextField } from './query.js'
import { AUTHORS, BODY, FIELD_NAMES, TITLE, VENUE } from './docs.js'
import { TF_CAP, TYPING_TF_CAP } from './match.js'
import { TermPattern, type WordSpec } from './pattern.js'
import type { CompiledCondition, CompiledQuery, Correction, ScoringTerm } from './compiled.js'
import { isStopWord } from './stopwords.js'
import { foldPlural, surfaceForms } from '../text/plural.js'
import { stemWord } from '../text/stem.js'
import { tokenize } from '../text/words.js'
import { pushAll } from '../lists.js'

const ALL_FIELDS = FIELD_NAMES.map((_, index) => index)
const TEXT_FIELDS: Record<TextField, readonly number[]> = { any: ALL_FIELDS, title: [TITLE], author: [AUTHORS], venue: [VENUE] }
/** Documents sampled to estimate how common each term is (all of them in smaller libraries). */
const SAMPLE_SIZE = 400

/** A metadata term (tag:, year:, has:, id:, cites:, citedby:) as a test of a document. */
export type MetaTerm = Exclude<Term, { kind: 'text' }>

/** A word being typed counts once it has this many characters: shorter, it begins a good part of every text. */
const MIN_TYPED_PREFIX = 3

/**
 * The word specs of a text value: `Message-passing` → message, passing. With `prefixLast` the last
 * word also matches as a prefix; with `typing` too, a last word shorter than MIN_TYPED_PREFIX is
 * left out until there is more of it.
 */
function wordSpecs(value: string, prefixLast: boolean, typing: boolean): WordSpec[] {
  let words = tokenize(value).map((token) => token.word)
  if (typing && [...(words.at(-1) ?? '')].length < MIN_TYPED_PREFIX) words = words.slice(0, -1)
  return words.map((word, index) => ({
    keys: new Set([stemWord(word)]),
    exact: new Set([word, ...surfaceForms(foldPlural(word))]),
    prefix: prefixLast && index === words.length - 1 ? word : null,
  }))
}

function specSignature(spec: WordSpec): string {
  const exact = spec.exact ? `=${[...spec.exact].sort().join('|')}` : ''
  const alternatives = spec.alternatives ? `~${[...spec.alternatives.keys()].sort().join('|')}` : ''
  return [...spec.keys].sort().join('|') + exact + alternatives + (spec.prefix === null ? '' : `*${spec.prefix}`)
}

/** What a typo decision for the word of `spec` looked for in `fields` is kept under (CompileOptions `corrections`). */
export function correctionKey(spec: WordSpec, fields: readonly number[]): string {
  return `${fields.join(',')} ${specSignature(spec)}`
}

/** The documents sampled to estimate how common a term is: SAMPLE_SIZE of them, evenly spaced (all of them in smaller libraries). */
export function sampleOf<T>(docs: ArrayLike<T>): readonly T[] {
  if (docs.length <= SAMPLE_SIZE) return Array.from(docs)
  const step = docs.length / SAMPLE_SIZE
  return Array.from({ length: SAMPLE_SIZE }, (_, i) => docs[Math.floor(i * step)]!)
}

/** The estimated document frequency of a term: the sampled documents where it occurs, scaled to the library's `total`. */
export function scaledDf(hits: number, sampled: number, total: number): number {
  return (hits * total) / Math.max(1, sampled)
}

/**
 * How to read the query's last word when nothing follows it (`Query.openEnded`): as a whole word;
 * also as a prefix (`search`: the last word may be cut short); or as a word still being typed
 * (`browse`: a prefix, and no typo correction, which would be wasted on half a word).
 */
export type LastWord = 'whole' | 'prefix' | 'typing'

export interface CompileOptions {
  lastWord: LastWord
  /** Typo corrections already made for this library, reused (browse compiles on every keystroke). */
  corrections?: Map<string, WordSpec>
  /**
   * A ranked search (not a filter): stop words need not match (stopwords.ts), and plain
   * words are marked optional for partial matches.
   */
  ranked?: boolean
  /**
   * With `lastWord: 'typing'`, a condition of the query read as still being typed besides its
   * open-ended last one (browse's list at once: a plain word the keystroke changed in the middle
   * of the text, wordTypedWithin): a prefix, and not corrected.
   */
  typing?: Condition | null
}

function textSignature(negated: boolean, fields: readonly number[], specs: readonly WordSpec[]): string {
  return `${negated ? '-' : ''}${fields.join(',')}:${specs.map(specSignature).join(' ')}`
}

/**
 * What planning a query asks of the library it runs over: the scan answers from the entries'
 * texts (scan-plan.ts scanLibrary), the postings from their words (postings-search.ts); both must answer alike.
 */
export interface PlanLibrary<D> {
  /** How many entries it has. */
  readonly size: number
  /** The estimated document frequency of a term (see estimateDf). */
  estimateDf(pattern: TermPattern, fields: readonly number[]): number
  /** `spec` with the typo corrections the library suggests (typos.ts correctTypo). */
  correct(spec: WordSpec, fields: readonly number[], alone: CompiledCondition<D>): WordSpec
  /** A metadata term as a test of a document. */
  metaTest(term: MetaTerm): (doc: D) => boolean
}

/** Plan `query` for `library`: its conditions compiled, typos corrected, clauses in the order they are best tried. */
export function planQuery<D>(library: PlanLibrary<D>, query: Query, options: CompileOptions): CompiledQuery<D> {
  const terms: ScoringTerm[] = []
  const plainWords: WordSpec[] = []
  const corrections: Correction[] = []
  const ranked = options.ranked ?? false
  const onlyStopWords = (condition: Condition) =>
    condition.term.kind === 'text' && tokenize(condition.term.value).every((token) => isStopWord(token.word))
  const plain = (condition: Condition, alone: boolean) =>
    alone && !condition.negated && condition.term.kind === 'text' && !condition.term.quoted && condition.term.field === 'any'
  // Stop words are left out only when the query has other words to look for.
  const dropStopWords =
    ranked && query.clauses.some((clause) => clause.anyOf.some((c) => c.term.kind === 'text' && !c.negated && !onlyStopWords(c)))
  const lastCondition = query.clauses.at(-1)?.anyOf.at(-1)

  const typing = options.lastWord === 'typing'
  const isOpen = (condition: Condition) =>
    options.lastWord !== 'whole' && ((query.openEnded && condition === lastCondition) || (typing && condition === options.typing))
  const corrected = (spec: WordSpec, fields: readonly number[]): WordSpec => {
    const key = correctionKey(spec, fields)
    const known = options.corrections?.get(key)
    if (known) return known
    const alone: CompiledCondition<D> = {
      negated: false,
      test: { kind: 'text', term: { label: '', pattern: new TermPattern([spec]), fields, estimatedDf: 0, countCap: TF_CAP }, slot: 0 },
      signature: textSignature(false, fields, [spec]),
    }
    const result = library.correct(spec, fields, alone)
    options.corrections?.set(key, result)
    return result
  }
  const openClauses = new Set<CompiledCondition<D>[]>()

  const compileCondition = (condition: Condition, alone: boolean): CompiledCondition<D> | null => {
    const { term, negated } = condition
    const sign = negated ? '-' : ''
    if (term.kind !== 'text') {
      // math and figure scan the body; the rest look at a field.
      const cost = term.kind === 'has' && term.feature !== 'no-metadata' ? 0.5 : 0
      return { negated, test: { kind: 'meta', matches: library.metaTest(term), cost }, signature: sign + JSON.stringify(term) }
    }
    const fields = TEXT_FIELDS[term.field]
    const open = isOpen(condition)
    let specs = wordSpecs(term.value, open, open && typing)
    if (specs.length === 0) return null // only punctuation (or one letter being typed): nothing to look for
    const optional = ranked && plain(condition, alone)
    if (optional && dropStopWords && onlyStopWords(condition)) {
      pushAll(plainWords, specs) // in the phrase, not required
      return null
    }
    if (specs.length === 1 && !term.quoted && !negated && !(open && typing)) {
      specs = [corrected(specs[0]!, fields)]
      const found = specs[0]!.alternatives
      if (found) corrections.push({ word: term.value, alternatives: [...found.values()] })
    }
    const pattern = new TermPattern(specs)
    const countCap = open && typing ? TYPING_TF_CAP : TF_CAP
    const scoring = scoringTerm(library, term.value, pattern, fields, countCap)
    // Counted differently, the same words are not the same condition for the counts kept (scan.ts).
    const signature = textSignature(negated, fields, specs) + (countCap === TF_CAP ? '' : ` (counting ${countCap})`)
    if (negated) return { negated, test: { kind: 'text', term: scoring, slot: -1 }, signature }
    if (plain(condition, alone)) pushAll(plainWords, specs)
    terms.push(scoring)
    return { negated, ...(optional ? { optional } : {}), test: { kind: 'text', term: scoring, slot: terms.length - 1 }, signature }
  }

  const clauses = query.clauses
    .map((clause: Clause) => {
      const compiled = clause.anyOf.map((c) => compileCondition(c, clause.anyOf.length === 1))
      if (clause.anyOf.some(isOpen)) openClauses.add(compiled as CompiledCondition<D>[])
      return compiled
    })
    // A clause with a condition that says nothing (only punctuation) always holds: drop it.
    .filter((clause): clause is CompiledCondition<D>[] => clause.every((c) => c !== null))
  // While typing, the clauses being typed run after the finished ones, whose results stay the same
  // from one keystroke to the next (LibrarySearch keeps the first clause's).
  const cost = (clause: CompiledCondition<D>[]) => (typing && openClauses.has(clause) ? 1.99 : clauseCost(clause, library.size))
  clauses.sort((a, b) => cost(a) - cost(b))

  const phrase = plainWords.length >= 2 ? new TermPattern(plainWords) : null
  return { clauses, terms, phrase: phrase && scoringTerm(library, '', phrase, [TITLE, BODY], TF_CAP), corrections }
}

/**
 * A scoring term whose document frequency is estimated when first read, not as it is planned: a
 * phrase's estimate reads the words in order of every sampled entry, and is needed only when the
 * clauses are ordered (two or more) or when some match has the phrase; read after the matches
 * were counted, it also finds their words in order already known (postings-search.ts). The same
 * estimate either way: it depends on the sample alone.
 */
function scoringTerm<D>(
  library: PlanLibrary<D>,
  label: string,
  pattern: TermPattern,
  fields: readonly number[],
  countCap: number,
): ScoringTerm {
  let estimated: number | undefined
  return {
    label,
    pattern,
    fields,
    get estimatedDf() {
      estimated ??= library.estimateDf(pattern, fields)
      return estimated
    },
    countCap,
  }
}

// Metadata first (cheap), then text from the rarest (rejects most), exclusions last (full scans).
function clauseCost<D>(clause: readonly CompiledCondition<D>[], total: number): number {
  let cost = 0
  for (const { negated, test } of clause) {
    if (test.kind === 'meta') cost += test.cost
    else cost += negated ? 2 : 1 + test.term.estimatedDf / Math.max(1, total)
  }
  return cost
}

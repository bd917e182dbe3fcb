/**
 * Search answered from a library's postings (postings.ts) and outline, without its texts: the
 * stages after parsing are plan (compile.ts, the same planner the scan uses), postings (the
 * candidates of the rarest clause, then each candidate's words counted as the scan counts them),
 * score (rank.ts) and present (present.ts: the shown hits' snippets, from their bodies read afterwards).
 *
 * The scan (search.ts) is the reference: for the same library and query this finds the same
 * entries with the same scores, in the same order (test/unit/search/postings-property.test.ts).
 */
import type { Query, Term } from './query.js'
import { correctionKey, planQuery, sampleOf, scaledDf, type LastWord, type PlanLibrary } from './compile.js'
import type { CompiledCondition, CompiledQuery, Correction, ScoringTerm } from './compiled.js'
import { BODY } from './docs.js'
import { bestMatches } from './order.js'
import { TieOrder } from './tie-order.js'
import { Rows } from './rows.js'
import { PostedTypos } from './posted-typos.js'
import { weightOf, WordTables, type WordTable } from './word-tables.js'
import { OutlineMarks } from './outline-marks.js'
import {
  countSplit,
  HeldTerms,
  loosened,
  matchedSlots,
  mayHoldPlainWords,
  optionalSlots,
  partialAmong,
  presence,
  splitCounted,
} from './partial.js'
import { SEARCH_TUNING } from './tuning.js'
import { sumOfWeights, type TermPattern, type WordSpec } from './pattern.js'
import { FIELD_COUNT, type PostedEntry, type Postings } from './postings.js'
import { PostingsView } from './postings-view.js'
import { mark } from './count-lists.js'
import {
  averagesOf,
  contenders,
  contendersAmong,
  countOfWeights,
  scoreCounted,
  scoreKept,
  type Bounded,
  type CountedMatches,
  type KeptCounts,
  type Scoring,
} from './rank.js'
import type { Match } from './scan.js'
import type { EntryList } from '../records/entries.js'
import type { LibraryOutline, NumberList } from '../records/outline.js'
import { queryImplies } from './narrow.js'

/** A ranked result, before its snippets: the entry (an outline: no body), its place in library order, score and missing words. */
export interface RankedHit {
  entry: PostedEntry
  position: number
  score: number
  missing: string[]
}

export interface RankedResult {
  hits: RankedHit[]
  total: number
  corrections: Correction[]
  /** What snippets highlight: the query's terms (and phrase) looked for in the body. */
  patterns: TermPattern[]
}

export interface RankOptions {
  limit: number
  lastWord?: LastWord
}

type DocMatch = Match<number>

/**
 * A scan's matches; `kept`: when every clause is one word and the matches are not counted into `tf`
 * (left empty), each term's check (by slot), whose counts are read where they are kept (scoreKept).
 */
interface Scanned extends CountedMatches {
  kept?: readonly Check[]
}

/** The matches of a loosened query of words (holdingSome): each one's terms held (by place), and how many plain words it holds. */
interface Holding extends Scanned {
  kept: readonly Check[]
  termsHeld: HeldTerms
  words: Uint32Array
}

/**
 * The loosened query's matches scored, the partial ones' scores scaled: the places of those holding
 * every plain word (`whole`), of the partial ones that may be shown (`partial`), and how many are partial.
 */
interface Loosened {
  all: Scanned
  scores: Float64Array
  whole: number[]
  partial: number[]
  partials: number
}

/** Every partial match split off and scaled (splitCounted). */
function splitLoosened(words: ArrayLike<number>, scores: Float64Array, slots: number): Omit<Loosened, 'all'> {
  const { whole, partial } = splitCounted(words, scores, slots)
  return { scores, whole, partial, partials: partial.length }
}

/** The largest array of counts kept for the next query (that of three words in every entry of a library of 100,000). */
const SCRATCH_BYTES = 16 * 2 ** 20

/** Earlier results kept to narrow from: enough for the keystrokes of a few words. */
const KEPT_SCOPES = 24

/** Every live document matching all of `clauses`, by document number. */
interface Scope {
  key: string
  clauses: readonly (readonly CompiledCondition<number>[])[]
  docs: Uint32Array
}

/**
 * Words in a row (`tables`, a phrase) known to be in none of `fields` (`key`, joined) of the
 * documents `docs`, and in some of them in the documents `present`.
 */
interface Absence {
  tables: readonly WordTable[]
  fields: readonly number[]
  key: string
  docs: Set<number>
  present: Set<number>
}

/**
 * What is known of where some words in a row are: the documents found not to hold them (`own`, to
 * add to) and found to (`present`, to add to), and whether a document is known not to.
 */
interface KnownAbsent {
  own: Set<number>
  present: Set<number>
  absent(doc: number): boolean
}

/** Phrases whose absences are kept: those of the last few keystrokes. */
const KEPT_ABSENCES = 16

/** A condition of a compiled query, ready to test documents with (PostingsSearch.checkOf). */
interface Check {
  negated: boolean
  /** The test of a meta condition; null for a text one, whose words `tables` accept in `fields`. */
  meta: ((doc: number) => boolean) | null
  tables: readonly WordTable[]
  fields: readonly number[]
  cap: number
  /** Where its counts are among a match's (its slot × FIELD_COUNT). */
  at: number
  /** For one word, its counts (made when first needed). */
  oneWord: OneWord | null
}

/** A one-word check's FieldCounts, and `m` occurrences of words of its `k`-th weight counted: sums[k × stride + m]. */
interface OneWord {
  occurrences: Uint8Array
  kind: Int8Array
  sums: Float64Array
  stride: number
  classes: readonly number[]
  byClass: Uint16Array
}

/**
 * Counts written as upper bounds (Bounded, rank.ts), one entry each: of which match, check and
 * field, where among the match's counts, and its lower bound.
 */
class Bounds {
  readonly match: number[] = []
  readonly check: Check[] = []
  readonly field: number[] = []
  readonly at: number[] = []
  readonly low: number[] = []

  /**
   * Words of different weights, more than the cap counts: which are counted depends on their order.
   * The heaviest `cap` of them weigh at most what is counted, the lightest at least (the same sums
   * as countField's, of other weights); the upper bound is the count for now.
   */
  add(check: Check, one: OneWord, doc: number, field: number, match: number): number {
    const { classes, byClass } = one
    const at = (doc * FIELD_COUNT + field) * classes.length
    const of = (order: readonly number[]) => {
      const weights: number[] = []
      for (const k of order) for (let m = byClass[at + k]!; m > 0 && weights.length < check.cap; m--) weights.push(classes[k]!)
      return sumOfWeights(weights)
    }
    const heaviestFirst = classes.map((_, k) => k)
    this.match.push(match)
    this.check.push(check)
    this.field.push(field)
    this.at.push(check.at + field)
    this.low.push(of([...heaviestFirst].reverse()))
    return of(heaviestFirst)
  }

  /** Forget the entries from `length` on (a candidate that did not match after all). */
  dropFrom(length: number): void {
    // Most candidates that do not match added none: nothing to forget (a scan calls this for each of tens of thousands).
    if (this.match.length === length) return
    for (const list of [this.match, this.check, this.field, this.at, this.low]) list.length = length
  }
}

/** Whether a term the postings engine cannot answer from the outline (citations need the bodies). */
const needsBodies = (term: Term) => term.kind === 'cites' || term.kind === 'citedby'

/**
 * Typo decisions a PostingsSearch keeps (each a few sets of words), the latest: browse makes one for
 * each misspelt word finished, in the middle of the text at every key. One let go is made again
 * when asked for, the same: it is the postings'.
 */
export const DECISIONS_KEPT = 256

/** A library's postings and outline, prepared for repeated queries (browse keeps one for its whole run). */
export class PostingsSearch {
  private readonly corrections = new Map<string, WordSpec>()
  private readonly averages: Float64Array
  private readonly sample: readonly number[]
  /** Whether each document is in `sample`. */
  private readonly sampled: Uint8Array
  private readonly library: PlanLibrary<number>
  private readonly view: PostingsView
  private readonly wordTables: WordTables
  private readonly tied: TieOrder
  private readonly typos: PostedTypos
  private readonly rows: Rows
  private readonly filters: OutlineMarks

  constructor(
    postings: Postings | PostingsView,
    /** The outline's entries, in library order (made as they are asked for: a search looks at few). */
    readonly entries: EntryList<PostedEntry>,
    /**
     * Each entry's rank among ties (tieRanks, order.ts), in library order, when an index keeps them:
     * no entry's time or id is then read (and of them, only the ranks of the ties broken).
     */
    ties: NumberList | null = null,
    /**
     * The outline `entries` are of, when it keeps what a filter reads (an index's tagged entries and
     * years): `tag:` and `year:` terms are then tested on those, with no entry made.
     */
    outline: LibraryOutline | null = null,
  ) {
    const view = (this.view = postings instanceof PostingsView ? postings : new PostingsView(postings))
    if (entries.length !== view.count) throw new Error(`postings of ${view.count} entries for ${entries.length}`)
    // Over the live documents in library order: what the scan sums and samples. Without a delta the
    // documents are the entries in library order, whose lengths a postings file keeps added up just so.
    const { order, lengths } = view
    let sums = view.lengthSums
    if (!sums) {
      sums = new Float64Array(FIELD_COUNT)
      for (let i = 0; i < order.length; i++) for (let f = 0; f < FIELD_COUNT; f++) sums[f]! += lengths[order[i]! * FIELD_COUNT + f]!
    }
    this.averages = averagesOf(sums, view.count)
    this.wordTables = new WordTables(view)
    this.rows = new Rows(view, this.wordTables)
    this.tied = new TieOrder(view, ties, (doc) => this.entryOf(doc))
    this.filters = new OutlineMarks(view, entries, outline, (doc) => this.entryOf(doc))
    this.sample = sampleOf(order)
    this.typos = new PostedTypos(view, this.wordTables, this.sample, (tables, doc, field, cap) => this.countField(tables, doc, field, cap))
    this.sampled = new Uint8Array(view.documents)
    for (const doc of this.sample) this.sampled[doc] = 1
    this.library = {
      size: view.count,
      estimateDf: (pattern, fields) => {
        // The tables looked up once, not at each sampled document; few documents: no counts made for words in most (countField).
        const tables = this.wordTables.tablesOf(pattern)
        let hits = 0
        for (const doc of this.sample) if (this.occursIn(tables, fields, doc, false)) hits++
        return scaledDf(hits, this.sample.length, view.count)
      },
      correct: (spec, fields) => this.typos.correct(spec, fields),
      metaTest: (term) => this.filters.metaTest(term),
    }
  }

  /**
   * The typo decisions made so far, by word (CompileOptions `corrections`): each word looked up
   * with the alternatives it is searched with, if any (a word the library has, none). What browse's
   * list at once reads the records held with (LibrarySearch.searchAsPart), oldest first.
   */
  get typoDecisions(): ReadonlyMap<string, WordSpec> {
    return this.corrections
  }

  /**
   * The typo decision for the word of `spec` looked for in `fields`, as a search planning it makes
   * it (PostedTypos.correct) and keeps it (typoDecisions): browse decides so, on the thread that reads
   * the keys, a word no settled list has decided yet.
   */
  decideTypo(spec: WordSpec, fields: readonly number[]): WordSpec {
    const key = correctionKey(spec, fields)
    let decided = this.corrections.get(key)
    if (!decided) {
      this.corrections.set(key, (decided = this.typos.correct(spec, fields)))
      this.forgetOldDecisions()
    }
    return decided
  }

  /** The typo decisions kept cut to the DECISIONS_KEPT made last. */
  private forgetOldDecisions(): void {
    for (const key of this.corrections.keys()) {
      if (this.corrections.size <= DECISIONS_KEPT) return
      this.corrections.delete(key)
    }
  }

  /** Whether the postings can answer `query`: not when it asks for citations, which are in the bodies. */
  static answers(query: Query): boolean {
    return !query.clauses.some((clause) => clause.anyOf.some((condition) => needsBodies(condition.term)))
  }

  /** The best `limit` entries matching `query`, best first, as the scan ranks them. */
  rank(query: Query, options: RankOptions): RankedResult {
    const compiled = planQuery(this.library, query, {
      lastWord: options.lastWord ?? 'whole',
      corrections: this.corrections,
      ranked: true,
    })
    this.forgetOldDecisions()
    const { best, total } = this.best(compiled, options.limit)
    const slots = optionalSlots(compiled)
    const hits = best.map((match) => ({
      entry: this.entryOf(match.doc),
      position: this.view.positionOf[match.doc]!,
      score: match.score,
      missing: match.tf.length > 0 ? missingWords(compiled, match, slots) : [],
    }))
    const patterns = [...(compiled.phrase ? [compiled.phrase] : []), ...compiled.terms]
      .filter((term) => term.fields.includes(BODY))
      .map((term) => term.pattern)
    return { hits, total, corrections: compiled.corrections, patterns }
  }

  /**
   * For a filter of the entries' texts (LibrarySearch.filter, as `export` runs it): the positions,
   * in library order, of the entries that may match `query` (the candidates a search starts from,
   * a superset of the matches), or null when any may (no clause of positive words); and the typo
   * corrections the whole library makes for it, with which the same query compiled over only those
   * entries (LibrarySearch.filter's `corrections`) looks for the same words.
   */
  mayMatch(query: Query): { positions: number[] | null; corrections: Map<string, WordSpec> } {
    const corrections = new Map<string, WordSpec>()
    const compiled = planQuery(this.library, query, { lastWord: 'whole', corrections })
    if (!compiled.clauses.some((clause) => clause.every((c) => !c.negated && c.test.kind === 'text')))
      return { positions: null, corrections }
    const positions: number[] = []
    const docs = this.candidates(compiled)
    for (let i = 0; i < docs.length; i++) {
      const position = this.view.positionOf[docs[i]!] ?? -1
      if (position >= 0) positions.push(position)
    }
    return { positions: positions.sort((a, b) => a - b), corrections }
  }

  private best(compiled: CompiledQuery<number>, limit: number): { best: DocMatch[]; total: number } {
    if (compiled.clauses.length === 0) return { best: this.tied.newestFirst().slice(0, Math.max(0, limit)), total: this.view.count }
    const found = this.scan(compiled, true)
    const loose = found.docs.length < limit ? loosened(compiled) : null
    if (!loose) {
      const { scores, best } = found.kept
        ? this.scoreKept(compiled, found, found.kept, limit)
        : { scores: this.score(compiled, found, limit, null), best: null }
      // The limit as a small integer, which contenders was compiled for (the phrase's leaders ask it first,
      // with PHRASE_CANDIDATES): `search`'s options object keeps it as a boxed double (a package's
      // `{ limit: Infinity }` made every object literal beginning with `limit` keep it so), which threw
      // the compiled code away ("not a Smi") and had the loop compiled again. The same contenders for
      // any limit: a limit of at least half the scores gives every place either way.
      const among = best ?? contenders(scores, Math.min(limit, scores.length))
      return { best: this.leading(found, scores, among, limit), total: found.docs.length }
    }
    // Every score exact: the partial matches are ranked apart, after their scores are scaled.
    const slots = optionalSlots(compiled)
    const { all, scores, whole, partial, partials } = this.scoreLoosened(loose, slots, limit)
    const first = this.leading(all, scores, whole, limit)
    const rest = limit - first.length
    const best = [...first, ...this.leading(all, scores, contendersAmong(scores, partial, rest), rest)]
    return { best: all.kept ? this.countedAgain(best, all.kept, all.width) : best, total: whole.length + partials }
  }

  /**
   * Every match of the loosened query scored (the partial ones' scores scaled), and split: the places
   * of those holding every plain word (`slots`), of the partial ones that may be among the `limit`
   * best (`partial`), and how many are partial. When each of its terms is one word (a pasted
   * sentence), the matches are found holding some with nothing counted (holdingSome) and scored from
   * the words' kept counts (scoreKept): no counts of every term for every match (most of the library's) made.
   */
  private scoreLoosened(loose: CompiledQuery<number>, slots: readonly number[], limit: number): Loosened {
    const some = this.holdingSome(loose, slots)
    if (!some) {
      const all = this.scan(loose, false)
      const { seen, words } = presence(all, loose.terms.length, slots)
      return { all, ...splitLoosened(words, this.score(loose, { ...all, seen }, Infinity, slots), slots.length) }
    }
    const { words } = some
    // Partial matches not scaled (no coordination factor): a partial match that may be shown has fewer
    // than the other matches and `limit` partial ones above it, so it is among the best places scoring
    // keeps as it goes (of every match, a few hundred), and the rest (most) are not split nor ranked apart.
    const counted = SEARCH_TUNING.coordination === 0 ? countSplit(words, slots.length) : null
    const shown = counted ? words.length - counted.partials + limit : Infinity
    const { scores, best } = this.scoreKept(loose, some, some.kept, shown, { slots, held: some.termsHeld })
    if (!counted || !best) return { all: some, ...splitLoosened(words, scores, slots.length) }
    return { all: some, scores, ...counted, partial: partialAmong(words, slots.length, best) }
  }

  /** The `best` matches, whose counts were not taken, with their terms (`kept`, by slot) counted: what their missing words are read from. */
  private countedAgain(best: readonly DocMatch[], kept: readonly Check[], width: number): DocMatch[] {
    const tf = new Float64Array(best.length * width)
    return best.map((match, row) => {
      for (const check of kept) this.checks(check, match.doc, tf, row * width, null, row)
      return { ...match, tf, offset: row * width }
    })
  }

  /** The `limit` best of the matches `among` (places in `found`), best first, as bestMatches orders them: objects only for those. */
  private leading(found: CountedMatches, scores: Float64Array, among: number[], limit: number): DocMatch[] {
    const { docs, tf, width } = found
    // Ranks kept by an index, read once for each match rather than twice at each comparison: with
    // filters alone every score is equal, and every comparison is a tie.
    const { ties } = this.tied
    const ranks = !this.tied.tiedRanks && ties && among.length > 2 * limit ? new Float64Array(docs.length) : null
    if (ranks) for (let k = 0; k < among.length; k++) ranks[among[k]!] = ties!.at(this.view.positionOf[docs[among[k]!]!]!)!
    const compare = ranks
      ? (i: number, j: number): number => (scores[i] !== scores[j] ? scores[j]! - scores[i]! : ranks[i]! - ranks[j]!)
      : (i: number, j: number): number => (scores[i] !== scores[j] ? scores[j]! - scores[i]! : this.tied.tieOrder(docs[i]!, docs[j]!))
    return bestMatches(among, limit, compare).map((i) => ({ doc: docs[i]!, tf, offset: i * width, score: scores[i]! }))
  }

  /**
   * Order the entries by recency now (browse, as it opens) rather than at the first keystroke, and
   * with it each document's rank among ties, so that ties at every later query cost no entry.
   */
  prepare(): void {
    this.tied.prepare()
  }

  /** The entry whose document is `doc` (a live one). */
  private entryOf(doc: number): PostedEntry {
    return this.entries.at(this.view.positionOf[doc]!)!
  }

  /**
   * `plain`, for partial matches: the slots of the query's plain words (optionalSlots), whose phrase
   * is looked for only where each of them is (most leaders lack one; a whole match holds each, mostly there).
   */
  private score(compiled: CompiledQuery<number>, found: CountedMatches, shown: number, plain: readonly number[] | null): Float64Array {
    const { tf: counts, width } = found
    const phrase = plain
      ? (term: ScoringTerm, doc: number, tf: Float64Array, match: number) =>
          mayHoldPlainWords((slot, field) => counts[match * width + slot * FIELD_COUNT + field]! > 0, plain, term.fields) &&
          this.countTerm(term, doc, tf, 0)
      : this.countPhrase
    return scoreCounted(compiled, found, this.view.count, this.averages, this.view.lengths, phrase, shown)
  }

  private readonly countPhrase = (term: ScoringTerm, doc: number, tf: Float64Array) => this.countTerm(term, doc, tf, 0)

  /**
   * score for matches of words whose counts were not taken (Scanned `kept`): scored from their
   * FieldCounts, the few with an upper bound for a count counted again (their counts kept then).
   * Also the places that may be among the `shown` best (null: any may). `loose`: for the loosened
   * query's matches (holdingSome), the slots of its plain words (as score's `plain`) and the terms
   * each match holds (the others are not read); their counts are all exact: each is scored, none
   * is left out as the shown are found.
   */
  private scoreKept(
    compiled: CompiledQuery<number>,
    found: Scanned,
    kept: readonly Check[],
    shown: number,
    loose: { slots: readonly number[]; held: HeldTerms } | null = null,
  ) {
    const { docs, width } = found
    const ones = kept.map((check) => (check.oneWord ??= this.oneWordOf(check.tables[0]!, check.cap)))
    const counts: KeptCounts[] = kept.map((check, t) => {
      const { occurrences, kind, sums, stride, classes, byClass } = ones[t]!
      const fields = check.fields.reduce((bits, f) => bits | (1 << f), 0)
      return { occurrences, kind, sums, stride, cap: check.cap, fields, classes, byClass }
    })
    const holds = (doc: number) => (slot: number, field: number) =>
      ((counts[slot]!.fields >>> field) & 1) === 1 && counts[slot]!.occurrences[doc * FIELD_COUNT + field]! > 0
    const bounds = loose ? null : new Bounds()
    const scoring: Scoring = {
      query: compiled,
      total: this.view.count,
      averages: this.averages,
      lengths: this.view.lengths,
      phrase: loose
        ? (term, doc, tf) => mayHoldPlainWords(holds(doc), loose.slots, term.fields) && this.countTerm(term, doc, tf, 0)
        : this.countPhrase,
      shown,
    }
    return scoreKept(
      scoring,
      loose ? { docs, seen: found.seen!, held: loose.held } : { docs, seen: null, held: null },
      counts,
      (t, doc, field, match) => this.mixedCount(kept[t]!, ones[t]!, doc, field, bounds, match),
      () => {
        if (!bounds || bounds.match.length === 0) return undefined
        // Their counts again, as the scan counts them, each in a row of its own.
        const places = [...new Set(bounds.match)]
        const rows = new Float64Array(places.length * width)
        const rowBounds = new Bounds()
        places.forEach((i, row) => this.countsWords(kept, docs[i]!, rows, row * width, rowBounds, row))
        return this.boundedOf(rowBounds, docs, rows, width, places)
      },
    )
  }

  /** Every entry matching `compiled`, in the candidates' order, with its terms counted per field. */
  /** `bounding`: counts that need the field's words in order may be upper bounds (Bounded, rank.ts). */
  private scan(compiled: CompiledQuery<number>, bounding: boolean): Scanned {
    const width = compiled.terms.length * FIELD_COUNT
    const candidates = this.candidates(compiled)
    const checks = compiled.clauses.map((clause) => clause.map((condition) => this.checkOf(condition)))
    // Each clause one word alone (words with no OR, quotes or negation: most queries): counted in a loop of their own.
    const words = checks.every((clause) => clause.length === 1 && isOneWord(clause[0]!)) ? checks.map(([check]) => check!) : null
    // When ranked, not counted at all: which candidates hold them all is what scoring needs first (its
    // idfs come from how many do), then scoreKept reads their counts where they are kept.
    const kept = bounding && words ? bySlot(words, compiled.terms.length) : null
    if (kept) {
      const docs = this.holdingAll(words!, candidates)
      if (candidates instanceof Uint32Array) this.keep(compiled.clauses, docs.slice())
      return { docs, tf: NO_COUNTS, width, kept }
    }
    // Each candidate counted into the place the next match takes (left as zeros again when it does
    // not match), in an array that doubles as the matches need: no copy of each one's counts.
    // Else each clause words under OR (`graph OR kernel attention`; a loosened query of words is holdingSome's): in a loop of their own too.
    const anyWords = !words && checks.every((clause) => clause.every(isOneWord)) ? checks : null
    let tf = this.scratch
    tf.fill(0, 0, this.written)
    // As large as every candidate needs at once when that is kept anyway (SCRATCH_BYTES): doubled as
    // matches came, it was allocated and copied eight times over at 100,000 entries.
    if (tf.length < candidates.length * width && 8 * candidates.length * width <= SCRATCH_BYTES)
      tf = new Float64Array(candidates.length * width)
    // At most every candidate matches: their documents in one array, no array grown as they do.
    const matched = new Uint32Array(candidates.length)
    let count = 0
    const bounds = bounding ? new Bounds() : null
    for (let c = 0; c < candidates.length; c++) {
      const doc = candidates[c]!
      const offset = count * width
      if (offset + width > tf.length) {
        const grown = new Float64Array(Math.min(candidates.length * width, Math.max(1024 * width, 2 * tf.length)))
        grown.set(tf)
        tf = grown
      }
      const bounded = bounds?.match.length ?? 0
      if (
        words
          ? this.countsWords(words, doc, tf, offset, bounds, count)
          : anyWords
            ? this.countsAnyWords(anyWords, doc, tf, offset, bounds, count)
            : this.counts(checks, doc, tf, offset, bounds, count)
      )
        matched[count++] = doc
      else {
        tf.fill(0, offset, offset + width)
        bounds?.dropFrom(bounded)
      }
    }
    const docs = matched.subarray(0, count)
    // (Kept copied: as few bytes as the matches, where the array is as long as the candidates.)
    if (candidates instanceof Uint32Array) this.keep(compiled.clauses, docs.slice())
    // (An array grown past the kept one leaves that one partly counted into: it is let go.)
    ;[this.scratch, this.written] = tf.byteLength <= SCRATCH_BYTES ? [tf, docs.length * width] : [new Float64Array(0), 0]
    // Each one-word clause's word is in every match (countsWords): its matches need not be counted again.
    const held = words ? new Set(words.map((check) => check.at / FIELD_COUNT)) : undefined
    return {
      docs,
      tf,
      width,
      ...(held && { held }),
      ...(bounds && bounds.match.length > 0 ? { bounded: this.boundedOf(bounds, docs, tf, width) } : {}),
    }
  }

  /**
   * The matches `bounds` holds upper bounds of, and how to count them otherwise, into `tf`: by rows
   * of `width`, row r the counts of match places[r] (of every match, row i match i, without `places`).
   */
  private boundedOf(
    bounds: Bounds,
    docs: ArrayLike<number>,
    tf: Float64Array,
    width: number,
    places: readonly number[] | null = null,
  ): Bounded {
    const matches: number[] = []
    const first = new Map<number, number>()
    bounds.match.forEach((row, e) => {
      const i = places ? places[row]! : row
      if (first.has(i)) return
      first.set(i, e)
      matches.push(i)
    })
    const rowOf = (i: number) => bounds.match[first.get(i)!]!
    const each = (i: number, write: (e: number, at: number) => void) => {
      const row = rowOf(i)
      for (let e = first.get(i)!; e < bounds.match.length && bounds.match[e] === row; e++) write(e, row * width + bounds.at[e]!)
    }
    return {
      matches,
      tf,
      offsetOf: (i) => rowOf(i) * width,
      lower: (i) => each(i, (e, at) => (tf[at] = bounds.low[e]!)),
      exact: (i) =>
        each(i, (e, at) => (tf[at] = this.countField(bounds.check[e]!.tables, docs[i]!, bounds.field[e]!, bounds.check[e]!.cap))),
    }
  }

  /**
   * The array the last scan counted into, counted into again by the next: the counts are read
   * before the next query is asked (rank), and megabytes allocated at every keystroke kept the
   * garbage collector busy. Zeros from `written` on.
   */
  private scratch = new Float64Array(0)
  private written = 0

  /** Earlier queries' matches, by document number, to narrow the next query's candidates (browse types one character at a time). */
  private scopes: Scope[] = []

  private keep(clauses: readonly (readonly CompiledCondition<number>[])[], docs: Uint32Array): void {
    const key = clauses.map((clause) => clause.map((c) => c.signature).join(' OR ')).join(' AND ')
    this.scopes = [...this.scopes.filter((scope) => scope.key !== key), { key, clauses, docs }].slice(-KEPT_SCOPES)
  }

  /** A condition with what testing it reads looked up once per query rather than once per candidate. */
  private checkOf(condition: CompiledCondition<number>): Check {
    const { test, negated } = condition
    if (test.kind === 'meta') return { negated, meta: test.matches, tables: [], fields: [], cap: 0, at: 0, oneWord: null }
    const { pattern, fields, countCap } = test.term
    return {
      negated,
      meta: null,
      tables: this.wordTables.tablesOf(pattern),
      fields,
      cap: countCap,
      at: test.slot * FIELD_COUNT,
      oneWord: null,
    }
  }

  /** A one-word check's counts, with the sums of `m` times each of its weights added one by one as countField adds them (the same rounding). */
  private oneWordOf(table: WordTable, cap: number): OneWord {
    const { occurrences, kind, classes, byClass } = this.wordTables.fieldCounts(table)
    const stride = cap + 1
    const sums = new Float64Array(classes.length * stride)
    classes.forEach((given, k) => {
      for (let m = 1; m <= cap; m++) sums[k * stride + m] = sums[k * stride + m - 1]! + given
    })
    return { occurrences, kind, sums, stride, classes, byClass }
  }

  /** As matchDoc (match.ts): whether `doc` satisfies every clause, counting positive terms into `tf` from `offset`. */
  private counts(
    checks: readonly (readonly Check[])[],
    doc: number,
    tf: Float64Array,
    offset: number,
    bounds: Bounds | null = null,
    match = 0,
  ): boolean {
    for (let c = 0; c < checks.length; c++) {
      const clause = checks[c]!
      let satisfied = false
      // Every condition, not only until one holds: each positive one's counts are scored.
      for (let k = 0; k < clause.length; k++) if (this.checks(clause[k]!, doc, tf, offset, bounds, match)) satisfied = true
      if (!satisfied) return false
    }
    return true
  }

  /**
   * The candidates holding each of `words` in one of its fields: those countsWords finds (a count
   * is never 0 where a word is), nothing counted.
   */
  private holdingAll(words: readonly Check[], candidates: ArrayLike<number>): Uint32Array {
    const counts = words.map((check) => (check.oneWord ??= this.oneWordOf(check.tables[0]!, check.cap)).occurrences)
    const fields = words.map((check) => check.fields)
    const matched = new Uint32Array(candidates.length)
    let count = 0
    candidates: for (let c = 0; c < candidates.length; c++) {
      const doc = candidates[c]!
      for (let w = 0; w < counts.length; w++) {
        const occurrences = counts[w]!
        const of = fields[w]!
        let held = false
        for (let i = 0; i < of.length && !held; i++) held = occurrences[doc * FIELD_COUNT + of[i]!]! !== 0
        if (!held) continue candidates
      }
      matched[count++] = doc
    }
    return matched.subarray(0, count)
  }

  /**
   * The loosened query's matches (`loose`) when each of its terms is one word: the candidates
   * satisfying every clause, found from the words' FieldCounts with nothing counted (as holdingAll:
   * a count is never 0 where a word is), with which terms each holds (`termsHeld`), how many
   * of them hold each term (`seen`, for its idf) and how many of the plain words (`slots`) each holds
   * (`words`). Null when a term is words in a row, whose counts need their positions read.
   */
  private holdingSome(loose: CompiledQuery<number>, slots: readonly number[]): Holding | null {
    const checks = loose.clauses.map((clause) => clause.map((condition) => this.checkOf(condition)))
    const positive = checks.flat().filter((check) => !check.negated && check.meta === null)
    const kept = positive.every(isOneWord) ? bySlot(positive, loose.terms.length) : null
    if (!kept) return null
    const candidates = this.candidates(loose)
    const terms = kept.length
    const held = new HeldTerms(terms, candidates.length)
    // Term after term over every candidate: a loop of one word's counts, faster than every word's for each candidate.
    kept.forEach((check, t) =>
      held.mark(t, (check.oneWord ??= this.oneWordOf(check.tables[0]!, check.cap)).occurrences, check.fields, candidates),
    )
    const plain = held.of(slots)
    // Each clause's terms, and its other conditions (metadata, exclusions): tested as the scan tests them.
    const clauseTerms = checks.map((clause) =>
      held.of(clause.filter((check) => positive.includes(check)).map((check) => check.at / FIELD_COUNT)),
    )
    const others = checks.map((clause) => clause.filter((check) => !positive.includes(check)))
    const othersHold = (k: number, doc: number) => others[k]!.some((check) => this.checks(check, doc, NO_COUNTS, 0, null, 0))
    const { matched: docs, seen, words } = held.keepHolding(candidates, clauseTerms, othersHold, plain)
    if (candidates instanceof Uint32Array) this.keep(loose.clauses, docs.slice())
    return { docs, tf: NO_COUNTS, width: terms * FIELD_COUNT, kept, termsHeld: held, seen, words }
  }

  /**
   * counts for clauses of one word each (`words`): the same counts, from each word's FieldCounts,
   * without the steps other conditions need (a fresh process ran those for every candidate unoptimised).
   */
  private countsWords(
    words: readonly Check[],
    doc: number,
    tf: Float64Array,
    offset: number,
    bounds: Bounds | null,
    match: number,
  ): boolean {
    for (let c = 0; c < words.length; c++) {
      const check = words[c]!
      const { fields, cap } = check
      const one = (check.oneWord ??= this.oneWordOf(check.tables[0]!, cap))
      const { occurrences, kind, sums, stride } = one
      const at = offset + check.at
      let total = 0
      for (let i = 0; i < fields.length; i++) {
        const field = fields[i]!
        const n = occurrences[doc * FIELD_COUNT + field]!
        if (n === 0) continue
        const given = kind[doc * FIELD_COUNT + field]!
        const count = given >= 0 ? sums[given * stride + Math.min(cap, n)]! : this.mixedCount(check, one, doc, field, bounds, match)
        tf[at + field] = count
        total += count
      }
      if (total === 0) return false
    }
    return true
  }

  /**
   * countsWords for clauses of words under OR (`graph OR kernel attention`): every word of a
   * clause counted, the clause holding when one is there. A loop of its own: countsWords, which most
   * queries run, stays as it is, and a call of it for each word of each candidate cost more.
   */
  private countsAnyWords(
    words: readonly (readonly Check[])[],
    doc: number,
    tf: Float64Array,
    offset: number,
    bounds: Bounds | null,
    match: number,
  ): boolean {
    for (let c = 0; c < words.length; c++) {
      const clause = words[c]!
      let satisfied = false
      // Every word of the clause, not only until one is there: each one's counts are scored.
      for (let w = 0; w < clause.length; w++) {
        const check = clause[w]!
        const { fields, cap } = check
        const one = (check.oneWord ??= this.oneWordOf(check.tables[0]!, cap))
        const { occurrences, kind, sums, stride } = one
        const at = offset + check.at
        for (let i = 0; i < fields.length; i++) {
          const field = fields[i]!
          const n = occurrences[doc * FIELD_COUNT + field]!
          if (n === 0) continue
          const given = kind[doc * FIELD_COUNT + field]!
          const count = given >= 0 ? sums[given * stride + Math.min(cap, n)]! : this.mixedCount(check, one, doc, field, bounds, match)
          tf[at + field] = count
          if (count > 0) satisfied = true
        }
      }
      if (!satisfied) return false
    }
    return true
  }

  /** A one-word check's count in a field where words of different weights are (checks says how). */
  private mixedCount(check: Check, one: OneWord, doc: number, field: number, bounds: Bounds | null, match: number): number {
    return bounds && one.occurrences[doc * FIELD_COUNT + field]! > check.cap
      ? bounds.add(check, one, doc, field, match)
      : this.countField(check.tables, doc, field, check.cap)
  }

  /** Whether `doc` satisfies one condition, counting a positive term's occurrences into `tf`. */
  private checks(check: Check, doc: number, tf: Float64Array, offset: number, bounds: Bounds | null, match: number): boolean {
    const { meta, negated, tables, fields, cap } = check
    if (meta) return meta(doc) !== negated
    if (negated) return !this.occursIn(tables, fields, doc)
    const at = offset + check.at
    let total = 0
    const one = tables.length === 1 ? (check.oneWord ??= this.oneWordOf(tables[0]!, cap)) : null
    // Words in a row: read in order only where not known to be absent (the tf there is left zeros).
    const known = one ? null : this.knownAbsent(tables, fields)
    if (known?.absent(doc)) return false
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!
      let count: number
      if (one) {
        // One word whose words in the field all weigh the same (most): its count is `n` of that weight added up.
        const n = one.occurrences[doc * FIELD_COUNT + field]!
        const kind = n > 0 ? one.kind[doc * FIELD_COUNT + field]! : -1
        count =
          n === 0 ? 0 : kind >= 0 ? one.sums[kind * one.stride + Math.min(cap, n)]! : this.mixedCount(check, one, doc, field, bounds, match)
      } else count = this.countField(tables, doc, field, cap)
      tf[at + field] = count
      total += count
    }
    // Kept for the sampled documents, which the phrase's estimate asks about next (all of them would cost a set as large as the candidates).
    if (known && this.sampled[doc] === 1) (total === 0 ? known.own : known.present).add(doc)
    return total > 0
  }

  /**
   * The entries that may match: those holding a word the first word of each condition accepts, for
   * the clause of positive words whose words are held by the fewest; all entries when no clause is.
   */
  private candidates(compiled: CompiledQuery<number>): Uint32Array | readonly number[] {
    const { view } = this
    let best: number[][] | null = null
    let bestSize = Infinity
    let bestClause: readonly CompiledCondition<number>[] = []
    for (const clause of compiled.clauses) {
      if (!clause.every((c) => !c.negated && c.test.kind === 'text')) continue
      const lists = clause.map((c) => (c.test.kind === 'text' ? this.rarest(this.wordTables.tablesOf(c.test.term.pattern)).accepted : []))
      let size = 0
      for (const accepted of lists) for (const word of accepted) size += view.documentsOf(word)
      if (size < bestSize) [best, bestSize, bestClause] = [lists, size, clause]
    }
    if (!best) return this.marking(compiled) ?? Array.from(view.order)
    // What an earlier query matched when this one can only match among those (narrow.ts): in the
    // same order as gathered below (by document number), so the same matches in the same order.
    let narrowest: Uint32Array | null = null
    for (const scope of this.scopes) {
      if (scope.docs.length < (narrowest?.length ?? bestSize) && queryImplies(compiled.clauses, scope.clauses)) narrowest = scope.docs
    }
    if (narrowest) return narrowest
    const rows = this.rows.rowCandidates(bestClause)
    if (rows) return rows
    if (8 * bestSize < view.documents) {
      // Few: gathered and sorted, rather than marked among all the documents and looked for.
      const gathered = new Uint32Array(bestSize)
      let n = 0
      for (const accepted of best) for (const word of accepted) view.eachDocument(word, (doc) => (gathered[n++] = doc))
      const sorted = gathered.subarray(0, n).sort()
      let distinct = 0
      for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i]!
      return sorted.subarray(0, distinct)
    }
    const { documents, positionOf } = view
    const marked = new Uint8Array(documents)
    // A loop over each list, as countList's (a call per entry of every list ran unoptimised in a fresh process).
    for (const accepted of best)
      for (const word of accepted) for (const { docs, from } of view.listsOf(word)) mark(docs, from, positionOf, marked)
    // One pass over every document, not two (counting, then filling).
    const docs = new Uint32Array(documents)
    let n = 0
    for (let doc = 0; doc < documents; doc++) if (marked[doc] === 1) docs[n++] = doc
    return docs.subarray(0, n)
  }

  /**
   * With no clause of positive words: the live documents, in their order, that every clause of one
   * required test on the outline's marks (a `tag:` or `year:` alone) marks; null when no clause is so.
   * The others would be counted only to fail that clause.
   */
  private marking(compiled: CompiledQuery<number>): number[] | null {
    const required: Uint8Array[] = []
    for (const clause of compiled.clauses) {
      const [only] = clause
      const marks =
        clause.length === 1 && !only!.negated && only!.test.kind === 'meta' ? this.filters.marked.get(only!.test.matches) : undefined
      if (marks) required.push(marks)
    }
    if (required.length === 0) return null
    const { order, positionOf } = this.view
    const kept: number[] = []
    documents: for (let i = 0; i < order.length; i++) {
      const position = positionOf[order[i]!]!
      for (let r = 0; r < required.length; r++) if (required[r]![position] !== 1) continue documents
      kept.push(order[i]!)
    }
    return kept
  }

  /** Of the tables of words in a row, the one whose words are in the fewest entries (every match is among those). */
  private rarest(tables: readonly WordTable[]): WordTable {
    return tables.reduce((best, table) => (this.wordTables.spreadOf(table) < this.wordTables.spreadOf(best) ? table : best))
  }

  /** Whether some of `fields` of `doc` holds the words `tables` accept in a row; `many`: as countField's. */
  private occursIn(tables: readonly WordTable[], fields: readonly number[], doc: number, many = true): boolean {
    if (tables.length === 1) {
      const { occurrences } = this.wordTables.fieldCounts(tables[0]!)
      for (let i = 0; i < fields.length; i++) if (occurrences[doc * FIELD_COUNT + fields[i]!]! > 0) return true
      return false
    }
    // (A phrase's estimate is made after the matches were counted: most sampled entries are known by then.)
    const known = this.knownAbsent(tables, fields)
    if (known.present.has(doc)) return true
    if (known.absent(doc)) return false
    for (let i = 0; i < fields.length; i++) {
      if (this.countField(tables, doc, fields[i]!, 1, many) > 0) {
        known.present.add(doc)
        return true
      }
    }
    known.own.add(doc)
    return false
  }

  /** What is known of where words in a row are not (Absence), kept for the most recently asked. */
  private absences: Absence[] = []
  private readonly knownFor = new WeakMap<readonly WordTable[], { fields: readonly number[]; known: KnownAbsent }>()

  /**
   * The documents known to hold the words `tables` accept, in a row, in none of `fields`: those
   * found so for them, and for any words in a row accepting more (the phrase of the keystroke
   * before: `graph atte` is nowhere `graph att` is not), whose words occur wherever these do.
   */
  private knownAbsent(tables: readonly WordTable[], fields: readonly number[]): KnownAbsent {
    const cached = this.knownFor.get(tables)
    if (cached?.fields === fields) return cached.known
    const key = fields.join()
    let own = this.absences.find((a) => a.key === key && a.tables.length === tables.length && a.tables.every((t, i) => t === tables[i]))
    own ??= { tables, fields, key, docs: new Set(), present: new Set() }
    this.absences = [...this.absences.filter((a) => a !== own), own].slice(-KEPT_ABSENCES)
    const wider = this.absences
      .filter((a) => a !== own && a.tables.length === tables.length && fields.every((f) => a.fields.includes(f)))
      .filter((a) => tables.every((table, i) => table.accepted.every((word) => weightOf(a.tables[i]!, word) !== 0)))
      .map((a) => a.docs)
    const docs = own.docs
    const known = { own: docs, present: own.present, absent: (doc: number) => docs.has(doc) || wider.some((set) => set.has(doc)) }
    this.knownFor.set(tables, { fields, known })
    return known
  }

  private countTerm(term: ScoringTerm, doc: number, tf: Float64Array, offset: number): boolean {
    const tables = this.wordTables.tablesOf(term.pattern)
    // Words in a row are read from the document's words, unless known not to be there.
    const known = tables.length > 1 ? this.knownAbsent(tables, term.fields) : null
    let total = 0
    for (const field of term.fields) {
      const count = known?.absent(doc) ? 0 : this.countField(tables, doc, field, term.countCap, false)
      tf[offset + field] = count
      total += count
    }
    if (known) (total === 0 ? known.own : known.present).add(doc)
    return total > 0
  }

  /**
   * The occurrences of the words `tables` accept, in a row, in one field (each weighing the
   * product of its words' weights), the first `cap` of them: what TermPattern.count reads. `many`:
   * whether many documents are looked at so (a scan's candidates, not a phrase's leaders or the
   * sample), for which the counts of every word in a row pay off (absentFrom).
   */
  private countField(tables: readonly WordTable[], doc: number, field: number, cap: number, many = true): number {
    if (tables.length === 1) {
      // One word: from the word lists, unless words of different weights share the field.
      const { occurrences, kind, classes, byClass } = this.wordTables.fieldCounts(tables[0]!)
      const at = doc * FIELD_COUNT + field
      const n = occurrences[at]!
      if (n === 0) return 0
      // Added one by one, heaviest first, as the scan adds them (sumOfWeights: the same rounding).
      let total = 0
      if (kind[at]! >= 0) {
        const given = classes[kind[at]!]!
        for (let seen = Math.min(cap, n); seen > 0; seen--) total += given
        return total
      }
      // Words of different weights: all counted, or which are depends on their order.
      if (n <= cap) return countOfWeights(classes, byClass, at * classes.length)
    }
    // Words in a row: only where each of them is, the rarest looked at first, as far as that is cheap to know.
    else {
      const plan = this.rows.rowPlan(tables)
      if (plan.positional.length > 0) {
        if (many) return this.rows.rowInScan(tables, plan, doc, field, cap)
        // What a scan of the same words found (rowInScan: a phrase's candidates) answers where it looked: the
        // phrase's estimate asks about sampled entries the scan ruled out, or counted.
        if (plan.marks) {
          if (((plan.marks[doc]! >>> field) & 1) === 0) return 0
          if (((plan.counted![doc]! >>> field) & 1) !== 0) {
            const counted = plan.counts![doc * FIELD_COUNT + field]!
            if (counted === 0 || plan.cap === cap) return counted
          }
        }
        // Counts a word already has (each word of a ranked query is counted alone first) rule the field out at no cost: no positions read there.
        for (let i = 0; i < tables.length; i++) if (tables[i]!.counts?.occurrences[doc * FIELD_COUNT + field] === 0) return 0
        // Nor positions read where the word lists' follower bits rule the row out.
        if (this.rows.ruledOut(tables, plan, doc, field)) return 0
        return this.rows.rowFromPositions(tables, plan, doc, field, cap, many)
      }
      const present = this.rows.rarestFirst(tables)
      for (let i = 0; i < present.length; i++) if (this.rows.absentFrom(present[i]!, doc, field, many, i === 0)) return 0
    }
    const tokens = this.view.tokensOf(doc)
    const start = this.view.fieldStart(doc, field)
    const end = this.view.fieldStart(doc, field + 1)
    const first = tables[0]!
    const weights: number[] = []
    if (tables.length === 1) {
      for (let t = start; t < end && weights.length < cap; t++) {
        const weight = weightOf(first, tokens[t]!)
        if (weight !== 0) weights.push(weight)
      }
      return sumOfWeights(weights)
    }
    const last = end - tables.length
    for (let t = start; t <= last && weights.length < cap;) {
      let weight = weightOf(first, tokens[t]!)
      for (let i = 1; i < tables.length && weight !== 0; i++) weight *= weightOf(tables[i]!, tokens[t + i]!)
      if (weight === 0) {
        t++
        continue
      }
      weights.push(weight)
      t += tables.length
    }
    return sumOfWeights(weights)
  }
}

const NO_COUNTS = new Float64Array(0)

/** The checks of one word each by the slot of their term, when every term has one (a query of words); else null. */
function bySlot(words: readonly Check[], terms: number): Check[] | null {
  const slots = Array.from({ length: terms }, (): Check | undefined => undefined)
  for (const check of words) slots[check.at / FIELD_COUNT] = check
  return words.length === terms && slots.every(Boolean) ? (slots as Check[]) : null
}

/** Whether a check is of one word (not negated, not of metadata, not words in a row). */
const isOneWord = (check: Check) => !check.negated && check.meta === null && check.tables.length === 1

function missingWords(query: CompiledQuery<number>, match: DocMatch, slots: readonly number[]): string[] {
  const found = matchedSlots(match, slots)
  return slots.filter((_, i) => !found[i]).map((slot) => query.terms[slot]!.label)
}

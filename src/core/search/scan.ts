/**
 * The scan: which entries match a compiled query, with their term counts. The first clause runs
 * over the whole library and the rest only over its hits.
 *
 * While a query is typed (browse), each keystroke mostly narrows the last one: `gra` → `grap`, a
 * finished word, one more word. So the entries found are kept (the first clause's hits with their
 * counts, and each query's matches), and a query that can only match entries an earlier one
 * matched (narrow.ts) is looked for among those instead of in the whole library.
 */
import type { CompiledCondition, CompiledQuery } from './compiled.js'
import { FIELD_NAMES, type SearchDoc } from './docs.js'
import { matchDoc } from './match.js'
import { queryImplies } from './narrow.js'
import { largest } from '../lists.js'

const FIELD_COUNT = FIELD_NAMES.length
/** Earlier results kept to narrow from: enough for the keystrokes of a few words. */
const KEPT_SCOPES = 24

/**
 * An entry that matched, and its score. Its term counts (terms × fields, as in
 * CompiledQuery.terms) are in `tf` from `offset`: one array holds those of every match, since
 * allocating one per match was a good part of a keystroke with thousands of matches.
 */
export interface Match<D = SearchDoc> {
  doc: D
  tf: Float64Array
  offset: number
  score: number
}

type Clauses = readonly (readonly CompiledCondition[])[]

/** Every entry of the library that matches all of `clauses`, in library order. */
interface Scope {
  key: string
  clauses: Clauses
  docs: readonly SearchDoc[]
}

/** The entries a clause matched in the whole library, with its conditions' term counts. */
interface ClauseHits {
  signature: string
  /** Per hit, in library order: where its counts start in `counts`. */
  offsets: Map<SearchDoc, number>
  /** FIELD_COUNT counts for each scored condition of the clause, in clause order, hit after hit. */
  counts: Float64Array
}

const clauseSignature = (clause: readonly CompiledCondition[]) => clause.map((c) => c.signature).join(' OR ')

/** Where each scored condition of the clause (in clause order) keeps its counts in the query's. */
function scoredSlots(clause: readonly CompiledCondition[]): number[] {
  return clause.flatMap(({ test }) => (test.kind === 'text' && test.slot >= 0 ? [test.slot * FIELD_COUNT] : []))
}

/** The library's entries, with what earlier queries found kept for the next ones. */
export class Scanner {
  private first: ClauseHits | null = null
  private scopes: Scope[] = []

  constructor(private readonly docs: readonly SearchDoc[]) {}

  /** The entries matching `query` (at least one clause), in library order. */
  scan(query: CompiledQuery): Match[] {
    const width = query.terms.length * FIELD_COUNT
    const [first, ...rest] = query.clauses
    if (!first) throw new Error('a query with no clauses matches every entry: LibrarySearch lists them without a scan')
    const hits = this.clauseHits(first)
    const narrower = this.narrowest(query.clauses)
    const candidates = narrower && narrower.length < hits.offsets.size ? narrower : hits.offsets.keys()
    const others = { ...query, clauses: rest }
    const slots = scoredSlots(first)
    const scratch = new Float64Array(width)
    const found: SearchDoc[] = []
    const counts: number[] = []
    for (const doc of candidates) {
      const offset = hits.offsets.get(doc)
      if (offset === undefined) continue
      scratch.fill(0)
      for (let i = 0; i < slots.length; i++) {
        for (let f = 0; f < FIELD_COUNT; f++) scratch[slots[i]! + f] = hits.counts[offset + i * FIELD_COUNT + f]!
      }
      if (!matchDoc(others, doc, scratch)) continue
      found.push(doc)
      for (let i = 0; i < width; i++) counts.push(scratch[i]!)
    }
    this.keep(query.clauses, found)
    const tf = Float64Array.from(counts)
    return found.map((doc, i) => ({ doc, tf, offset: i * width, score: 0 }))
  }

  /** The entries that may match `condition`: those of the narrowest kept result it implies, or all. */
  mayMatch(condition: CompiledCondition): readonly SearchDoc[] {
    return this.narrowest([[condition]]) ?? this.docs
  }

  // The fewest kept entries that every entry matching `clauses` is among, or null if none are known.
  private narrowest(clauses: Clauses): readonly SearchDoc[] | null {
    let best: readonly SearchDoc[] | null = null
    for (const scope of this.scopes) {
      if ((!best || scope.docs.length < best.length) && queryImplies(clauses, scope.clauses)) best = scope.docs
    }
    return best
  }

  private keep(clauses: Clauses, docs: readonly SearchDoc[]): void {
    const key = clauses.map(clauseSignature).join(' AND ')
    this.scopes = [...this.scopes.filter((scope) => scope.key !== key), { key, clauses, docs }].slice(-KEPT_SCOPES)
  }

  private clauseHits(clause: CompiledCondition[]): ClauseHits {
    const signature = clauseSignature(clause)
    if (this.first?.signature === signature) return this.first
    const offsets = new Map<SearchDoc, number>()
    const counts: number[] = []
    // Counted as a query of its own, whose terms are those of the clause's conditions.
    const slots = scoredSlots(clause)
    const scratch = new Float64Array(largest(slots, 0) + FIELD_COUNT)
    const alone: CompiledQuery = { clauses: [clause], terms: [], phrase: null, corrections: [] }
    for (const doc of this.narrowest([clause]) ?? this.docs) {
      scratch.fill(0)
      if (!matchDoc(alone, doc, scratch)) continue
      offsets.set(doc, counts.length)
      for (const slot of slots) for (let f = 0; f < FIELD_COUNT; f++) counts.push(scratch[slot + f]!)
    }
    this.first = { signature, offsets, counts: Float64Array.from(counts) }
    this.keep([clause], [...offsets.keys()])
    return this.first
  }
}

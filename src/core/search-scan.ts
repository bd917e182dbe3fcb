/**
 * The scan: which entries match a compiled query, with their term counts. The first clause runs
 * over the whole library and the rest only over its hits.
 *
 * While a query is typed (browse), each keystroke mostly narrows the last one: `gra` → `grap`, a
 * finished word, one more word. So the entries found are kept (the first clause's hits with their
 * counts, and each query's matches), and a query that can only match entries an earlier one
 * matched (search-narrow.ts) is looked for among those instead of in the whole library.
 */
import type { CompiledCondition, CompiledQuery } from './search-compile.js'
import { FIELD_NAMES, type SearchDoc } from './search-docs.js'
import { matchDoc } from './search-match.js'
import { queryImplies } from './search-narrow.js'

const FIELD_COUNT = FIELD_NAMES.length
/** Earlier results kept to narrow from: enough for the keystrokes of a few words. */
const KEPT_SCOPES = 24

/** An entry that matched: its term counts (terms × fields, as in CompiledQuery.terms) and score. */
export interface Match {
  doc: SearchDoc
  tf: Float64Array
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
  /** Per hit, in library order: FIELD_COUNT counts for each condition of the clause, in clause order. */
  counts: Map<SearchDoc, Float64Array>
}

const clauseSignature = (clause: readonly CompiledCondition[]) => clause.map((c) => c.signature).join(' OR ')

// Copy the counts of the clause's scored conditions between the query layout (by term slot) and
// the clause layout (by condition index), one way or the other.
function copyCounts(clause: readonly CompiledCondition[], bySlot: Float64Array, byCondition: Float64Array, toSlots: boolean): void {
  clause.forEach((condition, c) => {
    if (condition.test.kind !== 'text' || condition.test.slot < 0) return
    const slot = condition.test.slot * FIELD_COUNT
    if (toSlots) bySlot.set(byCondition.subarray(c * FIELD_COUNT, (c + 1) * FIELD_COUNT), slot)
    else byCondition.set(bySlot.subarray(slot, slot + FIELD_COUNT), c * FIELD_COUNT)
  })
}

/** The library's entries, with what earlier queries found kept for the next ones. */
export class Scanner {
  private first: ClauseHits | null = null
  private scopes: Scope[] = []

  constructor(private readonly docs: readonly SearchDoc[]) {}

  /** The entries matching `query`, in library order. */
  scan(query: CompiledQuery): Match[] {
    const scratch = new Float64Array(query.terms.length * FIELD_COUNT)
    const [first, ...rest] = query.clauses
    if (!first) return this.docs.map((doc) => ({ doc, tf: scratch.slice(), score: 0 }))
    const hits = this.clauseHits(first, scratch.length)
    const narrower = this.narrowest(query.clauses)
    const candidates = narrower && narrower.length < hits.counts.size ? narrower : hits.counts.keys()
    const others = { ...query, clauses: rest }
    const matches: Match[] = []
    for (const doc of candidates) {
      const counts = hits.counts.get(doc)
      if (!counts) continue
      scratch.fill(0)
      copyCounts(first, scratch, counts, true)
      if (matchDoc(others, doc, scratch)) matches.push({ doc, tf: scratch.slice(), score: 0 })
    }
    this.keep(query.clauses, matches.map((match) => match.doc))
    return matches
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

  private clauseHits(clause: CompiledCondition[], width: number): ClauseHits {
    const signature = clauseSignature(clause)
    if (this.first?.signature === signature) return this.first
    const hits: ClauseHits = { signature, counts: new Map() }
    const scratch = new Float64Array(width)
    const alone: CompiledQuery = { clauses: [clause], terms: [], phrase: null }
    for (const doc of this.narrowest([clause]) ?? this.docs) {
      scratch.fill(0)
      if (!matchDoc(alone, doc, scratch)) continue
      const counts = new Float64Array(clause.length * FIELD_COUNT)
      copyCounts(clause, scratch, counts, false)
      hits.counts.set(doc, counts)
    }
    this.first = hits
    this.keep([clause], [...hits.counts.keys()])
    return hits
  }
}

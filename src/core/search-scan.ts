/**
 * The scan: which entries match a compiled query, with their term counts. The first clause runs
 * over the whole library and the rest only over its hits; the first clause's hits are kept, so
 * that while a query is typed (browse) its finished part is not scanned again at each keystroke.
 */
import type { CompiledCondition, CompiledQuery } from './search-compile.js'
import { FIELD_NAMES, type SearchDoc } from './search-docs.js'
import { matchDoc } from './search-match.js'

const FIELD_COUNT = FIELD_NAMES.length

/** An entry that matched: its term counts (terms × fields, as in CompiledQuery.terms) and score. */
export interface Match {
  doc: SearchDoc
  tf: Float64Array
  score: number
}

/** The entries a clause matched in the whole library, with its conditions' term counts. */
interface ClauseHits {
  signature: string
  docs: SearchDoc[]
  /** Per hit: FIELD_COUNT counts for each condition of the clause, in clause order. */
  tf: Float64Array[]
}

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

/** The library's entries, with the hits of the last first clause kept for the next query. */
export class Scanner {
  private kept: ClauseHits | null = null

  constructor(private readonly docs: readonly SearchDoc[]) {}

  /** The entries matching `query`, in library order. */
  scan(query: CompiledQuery): Match[] {
    const scratch = new Float64Array(query.terms.length * FIELD_COUNT)
    const [first, ...rest] = query.clauses
    if (!first) return this.docs.map((doc) => ({ doc, tf: scratch.slice(), score: 0 }))
    const hits = this.clauseHits(first, scratch.length)
    const others = { ...query, clauses: rest }
    const matches: Match[] = []
    hits.docs.forEach((doc, i) => {
      scratch.fill(0)
      copyCounts(first, scratch, hits.tf[i]!, true)
      if (matchDoc(others, doc, scratch)) matches.push({ doc, tf: scratch.slice(), score: 0 })
    })
    return matches
  }

  private clauseHits(clause: CompiledCondition[], width: number): ClauseHits {
    const signature = clause.map((c) => c.signature).join(' OR ')
    if (this.kept?.signature === signature) return this.kept
    const hits: ClauseHits = { signature, docs: [], tf: [] }
    const scratch = new Float64Array(width)
    const alone: CompiledQuery = { clauses: [clause], terms: [], phrase: null }
    for (const doc of this.docs) {
      scratch.fill(0)
      if (!matchDoc(alone, doc, scratch)) continue
      const tf = new Float64Array(clause.length * FIELD_COUNT)
      copyCounts(clause, scratch, tf, false)
      hits.docs.push(doc)
      hits.tf.push(tf)
    }
    this.kept = hits
    return hits
  }
}

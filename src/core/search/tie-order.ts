/**
 * The order of entries whose scores are equal (a search's ties, and every entry for a query with no
 * words): most recently updated first, then by id (compareTied, order.ts), from the ranks an index
 * keeps where it can, so that ties cost no entry read.
 */
import { compareTied, recencyOf } from './order.js'
import type { PostedEntry } from './postings.js'
import type { PostingsView } from './postings-view.js'
import type { Match } from './scan.js'
import type { NumberList } from '../records/outline.js'

type DocMatch = Match<number>

const NO_COUNTS = new Float64Array(0)

/** The tie order of a library's postings (PostingsSearch keeps one for its queries). */
export class TieOrder {
  private readonly recencies: ({ text: string; time: number } | undefined)[] = []
  /** Each document's rank among ties, when known for all of them (newestFirst, ranksOf). */
  tiedRanks: Uint32Array | null = null
  /** Each entry's rank among ties in library order, when an index keeps them for every entry. */
  readonly ties: NumberList | null

  constructor(
    private readonly view: PostingsView,
    ties: NumberList | null,
    /** The entry whose document is `doc` (a live one): read only for ties no kept rank breaks. */
    private readonly entryOf: (doc: number) => PostedEntry,
  ) {
    this.ties = ties && ties.length === view.count ? ties : null
  }

  private newest: DocMatch[] | null = null

  /**
   * Order the entries by recency now (browse, as it opens) rather than at the first keystroke, and
   * with it each document's rank among ties, so that ties at every later query cost no entry.
   */
  prepare(): void {
    const newest = this.newestFirst()
    this.tiedRanks ??= this.ranksOf(newest)
  }

  /**
   * Each document's place in `newest` (every entry, by compareTied), equal for entries compareTied
   * calls equal: ties then compare as these numbers, as compareTied would. Null when an entry's time
   * is not one precis writes (compareTied then compares texts, which need not order as a ranking does).
   */
  private ranksOf(newest: readonly DocMatch[]): Uint32Array | null {
    const ranks = new Uint32Array(this.view.documents)
    let rank = 0
    for (let i = 0; i < newest.length; i++) {
      const doc = newest[i]!.doc
      if (Number.isNaN(this.recency(doc).time)) return null
      if (i > 0 && this.compareTies(newest[i - 1]!.doc, doc) !== 0) rank++
      ranks[doc] = rank
    }
    return ranks
  }

  /** The difference of two documents' ranks among ties (their order when their scores are equal). */
  tieOrder(a: number, b: number): number {
    const ranks = this.tiedRanks
    if (ranks) return ranks[a]! - ranks[b]!
    const { ties } = this
    const { positionOf } = this.view
    return ties ? ties.at(positionOf[a]!)! - ties.at(positionOf[b]!)! : this.compareTies(a, b)
  }

  /** Every document's rank among ties, from the ranks the index keeps (in library order); null without them. */
  private keptRanks(): Uint32Array | null {
    const { ties } = this
    if (!ties) return null
    const { order } = this.view
    const ranks = new Uint32Array(this.view.documents)
    for (let i = 0; i < order.length; i++) ranks[order[i]!] = ties.at(i)!
    return ranks
  }

  /** Every entry, most recently updated first (then by id): the answer to a query with no words, kept (browse asks it at each of the first keystrokes). */
  newestFirst(): readonly DocMatch[] {
    // Every entry compared: the kept ranks read once, not at each comparison.
    this.tiedRanks ??= this.keptRanks()
    this.newest ??= Array.from(this.view.order, (doc): DocMatch => ({ doc, tf: NO_COUNTS, offset: 0, score: 0 })).sort(this.compare)
    return this.newest
  }

  private readonly compare = (a: DocMatch, b: DocMatch): number => (a.score !== b.score ? b.score - a.score : this.tieOrder(a.doc, b.doc))

  private compareTies(a: number, b: number): number {
    return compareTied(this.recency(a), this.recency(b), this.entryOf(a).id, this.entryOf(b).id)
  }

  private recency(doc: number) {
    return (this.recencies[doc] ??= recencyOf(this.entryOf(doc)))
  }
}

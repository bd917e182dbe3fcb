import type { PaperOutline, SummaryOutline } from '../model.js'
import { tagPath } from '../tags/counts.js'
import { paperColumn, summaryColumn } from '../records/outline.js'
import { tagListsOf, type TagLists } from '../records/tag-lists.js'
import type { PaperDoc, RelatedRecords } from './related-source.js'

/**
 * Each paper of a library, read column by column (keys, tags, the paper each summary is of, what
 * each cites): a paper's PaperDoc, with its records, is made only when asked for (the paper asked
 * about, a sample, the papers shown), and the others are weighed from the columns alone. `related`
 * in a library of 10,000 papers then makes no object per paper.
 */
export class PaperTable<P extends PaperOutline = PaperOutline, S extends SummaryOutline = SummaryOutline> {
  /** How many papers. */
  readonly count: number
  /** Each paper's key. */
  readonly keys: readonly string[]
  /** Paper p's summaries are `summaryAt[first[p]]` to `summaryAt[first[p + 1]]` (excluded), in library order. */
  readonly first: Int32Array
  readonly summaryAt: Int32Array
  /** How many summaries the library has (in the papers or not). */
  readonly summaries: number
  /** Each summary's tags and each paper's own, as numbers: kept by the source (an index), else numbered from its columns. */
  readonly tags: TagLists
  private byKey: Map<string, number> | undefined
  private readonly made: (PaperDoc<P, S> | undefined)[] = []
  /** Each distinct tag split once (tagPath). */
  private readonly paths = new Map<string, string[]>()

  constructor(readonly source: RelatedRecords<P, S>) {
    this.keys = paperColumn(source, 'key')
    const count = (this.count = this.keys.length)
    // Each summary's paper (-1: not in the library), then the summaries grouped by paper in library order.
    const of = summaryColumn(source, 'paper')
    this.summaries = of.length
    const kept = source.tagLists?.()
    this.tags =
      kept && kept.summaries === of.length && kept.papers === count
        ? kept
        : tagListsOf(paperColumn(source, 'tags'), summaryColumn(source, 'tags'))
    const paperOf = this.placedPapers(of) ?? this.keyedPapers(of)
    const first = (this.first = new Int32Array(count + 1))
    for (let s = 0; s < of.length; s++) if (paperOf[s]! >= 0) first[paperOf[s]! + 1]!++
    for (let p = 0; p < count; p++) first[p + 1]! += first[p]!
    const next = first.slice(0, count)
    this.summaryAt = new Int32Array(first[count]!)
    for (let s = 0; s < of.length; s++) if (paperOf[s]! >= 0) this.summaryAt[next[paperOf[s]!]!++] = s
  }

  /** Each summary's paper, by looking up the key it names (-1: none). */
  private keyedPapers(of: readonly string[]): Int32Array {
    const byKey = (this.byKey = new Map<string, number>())
    for (let p = 0; p < this.count; p++) byKey.set(this.keys[p]!, p)
    const paperOf = new Int32Array(of.length)
    for (let s = 0; s < of.length; s++) paperOf[s] = byKey.get(of[s]!) ?? -1
    return paperOf
  }

  /**
   * Each summary's paper, from the entries the source keeps (-1: a summary they do not list, whose
   * paper is not in the library); null when a pair is not one of a summary of that paper, each listed
   * once (the keys are then looked up).
   */
  private placedPapers(of: readonly string[]): Int32Array | null {
    const pairs = this.source.entryPlaces?.()
    if (!pairs) return null
    const paperOf = new Int32Array(of.length).fill(-1)
    for (let i = 0; i < pairs.length; i += 2) {
      const [s, p] = [pairs.at(i)!, pairs.at(i + 1)!]
      if (s === -1) continue
      if (!(Number.isInteger(s) && s >= 0 && s < of.length && paperOf[s] === -1 && Number.isInteger(p) && p >= 0 && p < this.count))
        return null
      if (of[s] !== this.keys[p]) return null
      paperOf[s] = p
    }
    return paperOf
  }

  /** The paper whose key is `key`, or -1. */
  indexOf(key: string): number {
    if (this.byKey) return this.byKey.get(key) ?? -1
    return this.keys.indexOf(key)
  }

  /** Every parent of `tag` and itself (tagPath), each distinct tag split once. */
  pathOf(tag: string): readonly string[] {
    let path = this.paths.get(tag)
    if (!path) this.paths.set(tag, (path = tagPath(tag)))
    return path
  }

  /** Paper p's tags and every parent of one: its own, then its summaries', in order (what overlap sums in). */
  tagsOf(p: number): ReadonlySet<string> {
    let tags = NONE
    const { names, starts, ids, summaries } = this.tags
    const add = (row: number) => {
      const [from, to] = [starts[row]!, starts[row + 1]!]
      if (from === to) return
      const grown = tags === NONE ? (tags = new Set<string>()) : (tags as Set<string>)
      for (let i = from; i < to; i++) for (const step of this.pathOf(names[ids[i]!]!)) grown.add(step)
    }
    add(summaries + p)
    for (let k = this.first[p]!; k < this.first[p + 1]!; k++) add(this.summaryAt[k]!)
    return tags
  }

  /** The papers paper p's summaries cite, in order. */
  citesOf(p: number): ReadonlySet<string> {
    let cites = NONE
    for (let k = this.first[p]!; k < this.first[p + 1]!; k++) {
      const cited = this.source.citedKeys[this.summaryAt[k]!] ?? []
      if (cited.length === 0) continue
      const grown = cites === NONE ? (cites = new Set<string>()) : (cites as Set<string>)
      for (const key of cited) grown.add(key)
    }
    return cites
  }

  /** Paper p with its records, tags and citations (made once). */
  doc(p: number): PaperDoc<P, S> {
    const made = this.made[p]
    if (made) return made
    const summaryAt =
      this.first[p] === this.first[p + 1] ? NO_PLACES : Array.from(this.summaryAt.subarray(this.first[p], this.first[p + 1]))
    const { source } = this
    const summaries = summaryAt === NO_PLACES ? NO_PLACES : summaryAt.map((at) => (source.summaryAt?.(at) ?? source.summaries[at])!)
    const doc = {
      paper: (source.paperAt?.(p) ?? source.papers[p])!,
      at: p,
      summaries,
      summaryAt,
      tags: this.tagsOf(p),
      cites: this.citesOf(p),
    }
    return (this.made[p] = doc)
  }
}

/** The summaries (and their places) of a paper with none (shared: never added to). */
export const NO_PLACES: never[] = []

/** The tags or citations of a paper with none (shared: never added to). */
const NONE: ReadonlySet<string> = new Set<string>()

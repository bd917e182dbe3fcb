/**
 * `precis related`: the papers most related to one paper, by three signals each scored 0..1 and
 * weighed together: text (text.ts), tags (shared tags, a rare tag counting more than a
 * common one, `ml/gnn` sharing `ml` with `ml/rl`), and citations (one cites the other, or both
 * cite the same papers, a rarely cited paper counting more). Each result says why it is related.
 */
import { CitationResolver, citedPaperKeys, rewriteCitations } from '../citations/citations.js'
import type { Library, PaperOutline, Summary, SummaryOutline } from '../model.js'
import {
  bm25Similarity,
  characteristicTerms,
  documentFrequencies,
  evenPlaces,
  SAMPLE_SIZE,
  similarityTerms,
  termFrequencies,
  textOccurrences,
  type Occurrences,
} from './text.js'
import { tagPath } from '../tags/counts.js'
import { paperColumn, summaryColumn, type NumberList } from '../records/outline.js'

/** Why a paper is related to the one asked about. */
export interface RelatedReasons {
  /** Shared tags, the most specific of each branch (`ml/gnn` rather than `ml`). */
  tags: string[]
  /** Papers both cite, rarest first. */
  bothCite: string[]
  /** This paper's summaries cite the paper asked about. */
  cites: boolean
  /** The summaries of the paper asked about cite this one. */
  citedBy: boolean
  /** Characteristic words of the paper asked about that this one uses too. */
  words: string[]
}

export interface RelatedPaper<P extends PaperOutline = PaperOutline, S extends SummaryOutline = SummaryOutline> {
  paper: P
  /** Its place in the library's papers. */
  at: number
  /** Its summaries (none for a paper not yet summarised). */
  summaries: S[]
  /** 0..1, higher is more related. */
  score: number
  reasons: RelatedReasons
}

/** How much each signal counts. */
const WEIGHTS = { text: 0.45, tags: 0.3, citations: 0.25 }
/** Below this a paper is not listed: it only shares a word or two. */
const MIN_SCORE = 0.05
/** Characteristic words looked for in the other papers. */
const TERMS = 15
const REASON_WORDS = 3

/** A paper with what `related` weighs it by. */
export interface PaperDoc<P extends PaperOutline = PaperOutline, S extends SummaryOutline = SummaryOutline> {
  paper: P
  /** Its place in the library's papers. */
  at: number
  summaries: S[]
  /** Their places in the library's summaries. */
  summaryAt: number[]
  /** Its tags and every parent of them. */
  tags: ReadonlySet<string>
  /** Papers its summaries cite. */
  cites: ReadonlySet<string>
}

/**
 * The texts of a library's papers, as `related` reads them: the library read whole (libraryTexts),
 * or its search postings with a few records read where they lie (store/index). Both give the same
 * answers: the tests hold the second to the first.
 */
export interface RelatedTexts<P extends PaperOutline = PaperOutline, S extends SummaryOutline = SummaryOutline> {
  /** The paper's prose: its title and summaries (its abstract when it has none), without citation markup (`\\cite{key}` is not prose). */
  prose(doc: PaperDoc<P, S>): string
  /** For each of `docs`, which of `terms` the words of its prose (similarityTerms) hold. */
  termsIn(docs: readonly PaperDoc<P, S>[], terms: ReadonlySet<string>): ReadonlySet<string>[]
  /** How often each of `keys` is in each paper's text as stored (title, summaries, or abstract), citation markup included; by the paper's place. */
  occurrences(keys: ReadonlySet<string>): Occurrences<number>
}

/** What `related` reads of a library: its records (outlines do), what each summary cites, and the papers' texts. */
export interface RelatedSource<P extends PaperOutline = PaperOutline, S extends SummaryOutline = SummaryOutline> {
  papers: readonly P[]
  summaries: readonly S[]
  /** The paper keys each summary cites (citedPaperKeys), in the order of `summaries`. */
  citedKeys: readonly (readonly string[])[]
  /** The paper at `at` of `papers`, its view made alone (an index's): absent, papers[at]. */
  paperAt?(at: number): P | undefined
  /** The summary at `at` of `summaries`, likewise. */
  summaryAt?(at: number): S | undefined
  /** Every paper's `field` as one array (an index's column: the records are then looked at only for the papers shown); absent, read through `papers`. */
  paperColumn?<F extends keyof PaperOutline>(field: F): readonly PaperOutline[F][]
  /** Every summary's `field` likewise. */
  summaryColumn?<F extends keyof SummaryOutline>(field: F): readonly SummaryOutline[F][]
  /**
   * The library's entries in library order, as [summary index or -1, paper index] pairs (an index
   * keeps them: LibraryOutline.entryPlaces): each summary's paper without looking up its key. Absent,
   * the keys are looked up.
   */
  entryPlaces?(): NumberList
  texts: RelatedTexts<P, S>
}

/** The records and citations of a library, as PaperTable reads them. */
export type RelatedRecords<P extends PaperOutline = PaperOutline, S extends SummaryOutline = SummaryOutline> = Omit<
  RelatedSource<P, S>,
  'texts'
>

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
  /** Each paper's own tags, and each summary's. */
  readonly ownTags: readonly (readonly string[] | undefined)[]
  readonly summaryTags: readonly (readonly string[])[]
  private byKey: Map<string, number> | undefined
  private readonly made: (PaperDoc<P, S> | undefined)[] = []
  /** Each distinct tag split once (tagPath). */
  private readonly paths = new Map<string, string[]>()

  constructor(readonly source: RelatedRecords<P, S>) {
    this.keys = paperColumn(source, 'key')
    this.ownTags = paperColumn(source, 'tags')
    this.summaryTags = summaryColumn(source, 'tags')
    const count = (this.count = this.keys.length)
    // Each summary's paper (-1: not in the library), then the summaries grouped by paper in library order.
    const of = summaryColumn(source, 'paper')
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
    const add = (list: readonly string[]) => {
      if (list.length === 0) return
      const grown = tags === NONE ? (tags = new Set<string>()) : (tags as Set<string>)
      for (const tag of list) for (const step of this.pathOf(tag)) grown.add(step)
    }
    add(this.ownTags[p] ?? [])
    for (let k = this.first[p]!; k < this.first[p + 1]!; k++) add(this.summaryTags[this.summaryAt[k]!]!)
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
const NO_PLACES: never[] = []

/** The tags or citations of a paper with none (shared: never added to). */
const NONE: ReadonlySet<string> = new Set<string>()

/**
 * What related weighs of every paper against the paper `target` of `table`: for each distinct tag
 * (and parent) and each paper cited, ln(1 + n / papers having it), as rarity over every paper's set
 * gives it; and which papers share a tag or a citation with the target, or cite it. One pass over
 * the columns, a mark per paper: no set is made for a paper sharing nothing.
 */
function weighed(table: PaperTable, target: number, targetTags: ReadonlySet<string>, targetCites: ReadonlySet<string>) {
  const { count, first, summaryAt, ownTags, summaryTags, keys } = table
  const citedKeys = table.source.citedKeys
  const targetKey = keys[target]!
  // Each distinct value numbered, with the papers counted (once each: `seen` holds the last paper counted).
  const tagIds = new Map<string, number>()
  const tagIdsOf = new Map<string, number[]>()
  const tagCounts: number[] = []
  const tagSeen: number[] = []
  // Whether each tag (or parent) numbered is one of the target's: found once, not looked up at every use.
  const tagInTarget: boolean[] = []
  const citeIds = new Map<string, number>()
  const citeCounts: number[] = []
  const citeSeen: number[] = []
  const sharesTag = new Uint8Array(count)
  // Each paper's tag ids in the order tagsOf adds them (first seen first): paper p's are tagList[tagStart[p]] to tagList[tagStart[p + 1]].
  const tagStart = new Int32Array(count + 1)
  const tagList: number[] = []
  const sharesCite = new Uint8Array(count)
  const citesTarget = new Uint8Array(count)
  const tagIdsOfTag = (tag: string) => {
    let ids = tagIdsOf.get(tag)
    if (ids) return ids
    ids = []
    for (const step of table.pathOf(tag)) {
      let id = tagIds.get(step)
      if (id === undefined) {
        tagIds.set(step, (id = tagCounts.length))
        tagCounts.push(0)
        tagSeen.push(-1)
        tagInTarget.push(targetTags.has(step))
      }
      ids.push(id)
    }
    tagIdsOf.set(tag, ids)
    return ids
  }
  const countTags = (p: number, tags: readonly string[]) => {
    for (let t = 0; t < tags.length; t++) {
      const ids = tagIdsOfTag(tags[t]!)
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!
        if (tagSeen[id] === p) continue
        tagSeen[id] = p
        tagCounts[id]!++
        tagList.push(id)
        if (tagInTarget[id]) sharesTag[p] = 1
      }
    }
  }
  for (let p = 0; p < count; p++) {
    const own = ownTags[p]
    if (own !== undefined) countTags(p, own)
    for (let k = first[p]!; k < first[p + 1]!; k++) {
      const s = summaryAt[k]!
      countTags(p, summaryTags[s]!)
      const cited = citedKeys[s] ?? NO_PLACES
      for (let c = 0; c < cited.length; c++) {
        const key = cited[c]!
        let id = citeIds.get(key)
        if (id === undefined) {
          citeIds.set(key, (id = citeCounts.length))
          citeCounts.push(0)
          citeSeen.push(-1)
        }
        if (citeSeen[id] !== p) {
          citeSeen[id] = p
          citeCounts[id]!++
        }
        if (key === targetKey) citesTarget[p] = 1
        if (sharesCite[p] === 0 && targetCites.has(key)) sharesCite[p] = 1
      }
    }
    tagStart[p + 1] = tagList.length
  }
  const n = table.count
  const weights = (ids: Map<string, number>, counts: number[]) =>
    new Map([...ids].map(([value, id]) => [value, Math.log(1 + n / counts[id]!)]))
  const tagWeight = weights(tagIds, tagCounts)
  const tagScore = tagScorer(
    [...targetTags].map((tag) => tagIds.get(tag)!),
    Float64Array.from(tagCounts, (c) => Math.log(1 + n / c)),
    tagStart,
    Int32Array.from(tagList),
  )
  return { tagWeight, tagScore, citeWeight: weights(citeIds, citeCounts), sharesTag, sharesCite, citesTarget }
}

/**
 * overlapScore of the target's tags (`target`, as ids in the order of its set) and paper p's (ids
 * `list[start[p]]` to `list[start[p + 1]]`, in the order of its set), `weight` each id's: the same
 * additions in the same order (the target's weights, then those of p's tags it lacks), so the same
 * score to the bit, with no set made. For a paper sharing a tag with the target.
 */
function tagScorer(target: readonly number[], weight: Float64Array, start: Int32Array, list: Int32Array): (p: number) => number {
  const inTarget = new Uint8Array(weight.length)
  let targetUnion = 0
  for (const id of target) {
    inTarget[id] = 1
    targetUnion += weight[id]!
  }
  const seen = new Int32Array(weight.length).fill(-1)
  return (p) => {
    const from = start[p]!
    const to = start[p + 1]!
    for (let i = from; i < to; i++) seen[list[i]!] = p
    let shared = 0
    for (let i = 0; i < target.length; i++) if (seen[target[i]!] === p) shared += weight[target[i]!]!
    let union = targetUnion
    for (let i = from; i < to; i++) if (inTarget[list[i]!] === 0) union += weight[list[i]!]!
    return union > 0 ? shared / union : 0
  }
}

/**
 * The `limit` best of the papers offered, by score then key (keys are distinct): what sorting every
 * paper scored and keeping the first `limit` gives, with only `limit` of them kept (in a heap whose
 * top is the worst kept), not the tens of thousands sharing a tag at 100,000 summaries.
 */
class Best {
  private readonly papers: number[] = []
  private readonly scores: number[] = []

  constructor(
    private readonly limit: number,
    private readonly keys: readonly string[],
  ) {}

  /** Whether paper p scoring s ranks after paper q scoring t. */
  private after(p: number, s: number, q: number, t: number): boolean {
    return s < t || (s === t && this.keys[p]! > this.keys[q]!)
  }

  offer(p: number, score: number): void {
    const { papers, scores } = this
    if (papers.length < this.limit) {
      // Up from the end while it ranks after its parent.
      let at = papers.length
      papers.push(p)
      scores.push(score)
      while (at > 0) {
        const up = (at - 1) >> 1
        if (!this.after(p, score, papers[up]!, scores[up]!)) break
        papers[at] = papers[up]!
        scores[at] = scores[up]!
        at = up
      }
      papers[at] = p
      scores[at] = score
      return
    }
    if (papers.length === 0 || !this.after(papers[0]!, scores[0]!, p, score)) return
    // In place of the worst kept, then down while a child ranks after it.
    let at = 0
    for (;;) {
      const [left, right] = [2 * at + 1, 2 * at + 2]
      let worst = at
      let [wp, ws] = [p, score]
      if (left < papers.length && this.after(papers[left]!, scores[left]!, wp, ws)) [worst, wp, ws] = [left, papers[left]!, scores[left]!]
      if (right < papers.length && this.after(papers[right]!, scores[right]!, wp, ws))
        [worst, wp, ws] = [right, papers[right]!, scores[right]!]
      if (worst === at) break
      papers[at] = wp
      scores[at] = ws
      at = worst
    }
    papers[at] = p
    scores[at] = score
  }

  /** The papers kept, best first. */
  ranked(): { p: number; score: number }[] {
    const kept = this.papers.map((p, i) => ({ p, score: this.scores[i]! }))
    return kept.sort((a, b) => b.score - a.score || (this.keys[a.p]! < this.keys[b.p]! ? -1 : 1))
  }
}

/** Weighted Jaccard: the weight of what both share over the weight of what either has. */
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>, weight: Map<string, number>): { score: number; shared: string[] } {
  if (!sharesAny(a, b)) return NOTHING_SHARED
  let shared = 0
  let union = 0
  const common: string[] = []
  for (const value of new Set([...a, ...b])) {
    const w = weight.get(value) ?? 0
    union += w
    if (a.has(value) && b.has(value)) {
      shared += w
      common.push(value)
    }
  }
  return { score: union > 0 ? shared / union : 0, shared: common }
}

/** What two papers sharing nothing share (most pairs: one answer for all, never changed). */
const NOTHING_SHARED: { score: number; shared: string[] } = { score: 0, shared: [] }

/**
 * overlap's score, with nothing made: the weights added in the order overlap adds them (those of
 * `a`, then those of `b` not in `a`), so the sums are the same to the last bit.
 */
function overlapScore(a: ReadonlySet<string>, b: ReadonlySet<string>, weight: Map<string, number>): number {
  if (!sharesAny(a, b)) return 0
  let shared = 0
  let union = 0
  for (const value of a) {
    const w = weight.get(value) ?? 0
    union += w
    if (b.has(value)) shared += w
  }
  for (const value of b) if (!a.has(value)) union += weight.get(value) ?? 0
  return union > 0 ? shared / union : 0
}

function sharesAny(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size > b.size) return sharesAny(b, a)
  for (const value of a) if (b.has(value)) return true
  return false
}

/** Drop a tag when a tag below it is also in the list: `ml`, `ml/gnn` → `ml/gnn`. */
function mostSpecific(tags: string[]): string[] {
  return tags.filter((tag) => !tags.some((other) => other.startsWith(tag + '/'))).sort()
}

/** The papers most related to the paper `key` of `source`, best first, at most `limit`. */
export function rankRelated<P extends PaperOutline, S extends SummaryOutline>(
  source: RelatedSource<P, S>,
  key: string,
  limit: number,
  table: PaperTable<P, S> = new PaperTable(source),
): RelatedPaper<P, S>[] {
  const at = table.indexOf(key)
  if (at < 0) return []
  const target = table.doc(at)
  const { tagWeight, tagScore, citeWeight, sharesTag, sharesCite, citesTarget } = weighed(table, at, target.tags, target.cites)

  // Every other paper, in library order: a sample of them read for how common each word is.
  const others = table.count - 1
  const sample = evenPlaces(others, SAMPLE_SIZE).map((i) => table.doc(i < at ? i : i + 1))
  const tf = termFrequencies(source.texts.prose(target))
  const df = documentFrequencies(source.texts.termsIn(sample, new Set(tf.keys())))
  const terms = characteristicTerms(tf, df, sample.length, TERMS, sample.length === others)
  // Counted as stored (citation markup included): the words to look for come from prose anyway.
  // By the papers' places (a lookup of each paper's key was ~10 ms at 100,000 summaries).
  const similar = bm25Similarity(source.texts.occurrences(new Set(terms.map((t) => t.term))), terms, at)

  // Every paper is scored, only the shown ones described: in a large library thousands share a tag
  // with the paper asked about, and nothing is made for them but their score (their sets of tags or
  // citations only when they share one).
  const { keys } = table
  const best = new Best(limit, keys)
  const text = new Float64Array(table.count)
  for (const [p, score] of similar) text[p] = score
  const citesAny = target.cites.size > 0
  for (let p = 0; p < table.count; p++) {
    if (p === at) continue
    const citations =
      citesTarget[p] === 1 || (citesAny && target.cites.has(keys[p]!))
        ? 1
        : sharesCite[p] === 1
          ? overlapScore(target.cites, table.citesOf(p), citeWeight)
          : 0
    const tags = sharesTag[p] === 1 ? tagScore(p) : 0
    const score = WEIGHTS.text * text[p]! + WEIGHTS.tags * tags + WEIGHTS.citations * citations
    if (score >= MIN_SCORE) best.offer(p, score)
  }
  const picked = best.ranked().map(({ p, score }) => ({ doc: table.doc(p), score }))
  const shown = picked.map(({ doc, score }): RelatedPaper<P, S> => {
    const tags = overlap(target.tags, doc.tags, tagWeight)
    const shared = overlap(target.cites, doc.cites, citeWeight)
    const bothCite = [...shared.shared].sort((a, b) => (citeWeight.get(b) ?? 0) - (citeWeight.get(a) ?? 0) || (a < b ? -1 : 1))
    const reasons = {
      tags: mostSpecific(tags.shared),
      bothCite,
      cites: doc.cites.has(key),
      citedBy: target.cites.has(doc.paper.key),
      words: [],
    }
    return { paper: doc.paper, at: doc.at, summaries: [...doc.summaries], score, reasons }
  })
  // Only the shown papers are read word by word, to say which characteristic words they share.
  const used = source.texts.termsIn(
    picked.map(({ doc }) => doc),
    new Set(terms.map((t) => t.term)),
  )
  shown.forEach((result, i) => {
    result.reasons.words = terms
      .filter(({ term }) => used[i]!.has(term))
      .slice(0, REASON_WORDS)
      .map(({ term }) => term)
  })
  return shown
}

/** A paper's prose: its title and summaries without citation markup, or its abstract (`abstract()`) when it has none. */
export function paperProse(
  paper: Pick<PaperOutline, 'title'>,
  summaries: readonly Pick<Summary, 'body'>[],
  abstract: () => string,
  resolver: Pick<CitationResolver, 'resolve'>,
): string {
  const bodies = summaries.map((s) => rewriteCitations(s.body, resolver, () => ' '))
  return [paper.title, ...(bodies.length > 0 ? bodies : [abstract()])].join('\n')
}

/** The texts of `lib`, read whole: the reference every other way of reading them is held to. */
export function libraryTexts(lib: Pick<Library, 'papers' | 'summaries'>, resolver = new CitationResolver(lib)): RelatedTexts {
  const whole = (doc: PaperDoc) => ({ paper: lib.papers[doc.at]!, summaries: doc.summaryAt.map((at) => lib.summaries[at]!) })
  const prose = (doc: PaperDoc) => {
    const { paper, summaries } = whole(doc)
    return paperProse(paper, summaries, () => paper.abstract ?? '', resolver)
  }
  return {
    prose,
    termsIn: (docs, terms) => docs.map((doc) => new Set(similarityTerms(prose(doc)).filter((term) => terms.has(term)))),
    occurrences: (keys) => {
      const texts = new Map<number, string>()
      const table = new PaperTable({ ...lib, citedKeys: [] })
      for (let p = 0; p < table.count; p++) {
        const { paper, summaries } = whole(table.doc(p))
        texts.set(p, [paper.title, ...summaries.map((s) => s.body), summaries.length === 0 ? (paper.abstract ?? '') : ''].join('\n'))
      }
      return textOccurrences(texts, keys)
    },
  }
}

/** The papers most related to the paper `key` of `lib` (read whole), best first, at most `limit`. */
export function relatedPapers(lib: Library, key: string, limit: number): RelatedPaper[] {
  const resolver = new CitationResolver(lib)
  const citedKeys = lib.summaries.map((summary) => citedPaperKeys(summary, resolver))
  return rankRelated({ papers: lib.papers, summaries: lib.summaries, citedKeys, texts: libraryTexts(lib, resolver) }, key, limit)
}

/** The reasons in words: `shares tags gnn, ml/graphs; both cite kipf2017semi; similar text: message, passing`. */
export function describeReasons(reasons: RelatedReasons, key: string): string {
  const parts: string[] = []
  if (reasons.tags.length > 0) parts.push(`shares ${reasons.tags.length === 1 ? 'tag' : 'tags'} ${reasons.tags.join(', ')}`)
  if (reasons.cites) parts.push(`cites ${key}`)
  if (reasons.citedBy) parts.push(`cited by ${key}`)
  if (reasons.bothCite.length > 0) {
    const more = reasons.bothCite.length > 3 ? ` and ${reasons.bothCite.length - 3} more` : ''
    parts.push(`both cite ${reasons.bothCite.slice(0, 3).join(', ')}${more}`)
  }
  if (reasons.words.length > 0) parts.push(`similar text: ${reasons.words.join(', ')}`)
  return parts.join('; ')
}

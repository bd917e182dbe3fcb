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
  evenSample,
  SAMPLE_SIZE,
  similarityTerms,
  termFrequencies,
  textOccurrences,
  type Occurrences,
} from './text.js'
import { tagPath } from '../tags/counts.js'

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
  /** How often each of `keys` is in each paper's text as stored (title, summaries, or abstract), citation markup included. */
  occurrences(keys: ReadonlySet<string>): Occurrences
}

/** What `related` reads of a library: its records (outlines do), what each summary cites, and the papers' texts. */
export interface RelatedSource<P extends PaperOutline = PaperOutline, S extends SummaryOutline = SummaryOutline> {
  papers: readonly P[]
  summaries: readonly S[]
  /** The paper keys each summary cites (citedPaperKeys), in the order of `summaries`. */
  citedKeys: readonly (readonly string[])[]
  texts: RelatedTexts<P, S>
}

/** Each paper of the library by key, with its summaries, tags and citations. */
export function paperDocs<P extends PaperOutline, S extends SummaryOutline>(
  source: Pick<RelatedSource<P, S>, 'papers' | 'summaries' | 'citedKeys'>,
): Map<string, PaperDoc<P, S>> {
  // Each distinct tag split once, and no set made for a paper without tags or citations (most, in a
  // large library): this runs over every record of the library.
  const paths = new Map<string, string[]>()
  const pathOf = (tag: string) => paths.get(tag) ?? paths.set(tag, tagPath(tag)).get(tag)!
  const withTags = (set: ReadonlySet<string>, tags: readonly string[]) => {
    if (tags.length === 0) return set
    const grown = set === NONE ? new Set<string>() : (set as Set<string>)
    for (const tag of tags) for (const step of pathOf(tag)) grown.add(step)
    return grown
  }
  const docs = new Map<string, PaperDoc<P, S>>()
  source.papers.forEach((paper, at) => {
    // A paper's own tags (one not yet summarised carries them) count with its summaries'.
    docs.set(paper.key, {
      paper,
      at,
      summaries: NO_PLACES,
      summaryAt: NO_PLACES,
      tags: withTags(NONE, paper.tags ?? []),
      cites: NONE,
    })
  })
  source.summaries.forEach((summary, at) => {
    const doc = docs.get(summary.paper)
    if (!doc) return
    if (doc.summaryAt === NO_PLACES) {
      doc.summaryAt = []
      doc.summaries = []
    }
    doc.summaries.push(summary)
    doc.summaryAt.push(at)
    doc.tags = withTags(doc.tags, summary.tags)
    const cited = source.citedKeys[at] ?? []
    if (cited.length > 0) {
      const cites = doc.cites === NONE ? (doc.cites = new Set<string>()) : (doc.cites as Set<string>)
      for (const key of cited) cites.add(key)
    }
  })
  return docs
}

/** The summaries (and their places) of a paper with none (shared: never added to). */
const NO_PLACES: never[] = []

/** The tags or citations of a paper with none (shared: never added to). */
const NONE: ReadonlySet<string> = new Set<string>()

/** ln(1 + n / count) for each value, counted over the sets: rare values weigh more. */
function rarity(sets: Iterable<ReadonlySet<string>>, n: number): Map<string, number> {
  const counts = new Map<string, number>()
  for (const set of sets) for (const value of set) counts.set(value, (counts.get(value) ?? 0) + 1)
  return new Map([...counts].map(([value, count]) => [value, Math.log(1 + n / count)]))
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
  docs: Map<string, PaperDoc<P, S>> = paperDocs(source),
): RelatedPaper<P, S>[] {
  const target = docs.get(key)
  if (!target) return []
  const tagWeight = rarity(
    [...docs.values()].map((d) => d.tags),
    docs.size,
  )
  const citeWeight = rarity(
    [...docs.values()].map((d) => d.cites),
    docs.size,
  )

  const others = [...docs.values()].filter((d) => d !== target)
  const sample = evenSample(others, SAMPLE_SIZE)
  const tf = termFrequencies(source.texts.prose(target))
  const df = documentFrequencies(source.texts.termsIn(sample, new Set(tf.keys())))
  const terms = characteristicTerms(tf, df, sample.length, TERMS, sample.length === others.length)
  // Counted as stored (citation markup included): the words to look for come from prose anyway.
  const similar = bm25Similarity(source.texts.occurrences(new Set(terms.map((t) => t.term))), terms, key)

  // Every paper is scored, only the shown ones described: in a large library thousands share a tag
  // with the paper asked about, and nothing is made for them but their score.
  const scored: { doc: PaperDoc<P, S>; score: number }[] = []
  for (const doc of others) {
    const citations = doc.cites.has(key) || target.cites.has(doc.paper.key) ? 1 : overlapScore(target.cites, doc.cites, citeWeight)
    const score =
      WEIGHTS.text * (similar.get(doc.paper.key) ?? 0) +
      WEIGHTS.tags * overlapScore(target.tags, doc.tags, tagWeight) +
      WEIGHTS.citations * citations
    if (score >= MIN_SCORE) scored.push({ doc, score })
  }
  scored.sort((a, b) => b.score - a.score || (a.doc.paper.key < b.doc.paper.key ? -1 : 1))
  const picked = scored.slice(0, limit)
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
    return { paper: doc.paper, summaries: [...doc.summaries], score, reasons }
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
  paper: PaperOutline,
  summaries: readonly Pick<Summary, 'body'>[],
  abstract: () => string,
  resolver: CitationResolver,
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
      const texts = new Map<string, string>()
      for (const doc of paperDocs({ ...lib, citedKeys: [] }).values()) {
        const { paper, summaries } = whole(doc)
        texts.set(
          paper.key,
          [paper.title, ...summaries.map((s) => s.body), summaries.length === 0 ? (paper.abstract ?? '') : ''].join('\n'),
        )
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

/**
 * `precis related`: the papers most related to one paper, by three signals each scored 0..1 and
 * weighed together: text (text.ts), tags (shared tags, a rare tag counting more than a
 * common one, `ml/gnn` sharing `ml` with `ml/rl`), and citations (one cites the other, or both
 * cite the same papers, a rarely cited paper counting more). Each result says why it is related.
 */
import { CitationResolver, citedPaperKeys } from '../citations/citations.js'
import type { Library, PaperOutline, SummaryOutline } from '../model.js'
import { bm25Similarity, characteristicTerms, documentFrequencies, evenPlaces, SAMPLE_SIZE, termFrequencies } from './text.js'
import { PaperTable } from './paper-table.js'
import type { RelatedSource } from './related-source.js'
import { weighed } from './weighed.js'
import { overlap, overlapScore } from './overlap.js'
import { Best } from './best.js'
import { libraryTexts } from './library-texts.js'

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

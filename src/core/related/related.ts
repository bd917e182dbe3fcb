/**
 * `precis related`: the papers most related to one paper, by three signals each scored 0..1 and
 * weighed together: text (text.ts), tags (shared tags, a rare tag counting more than a
 * common one, `ml/gnn` sharing `ml` with `ml/rl`), and citations (one cites the other, or both
 * cite the same papers, a rarely cited paper counting more). Each result says why it is related.
 */
import { citationGraph, CitationResolver, rewriteCitations } from '../citations/citations.js'
import type { Library, Paper, Summary } from '../model.js'
import { characteristicTerms, evenSample, SAMPLE_SIZE, similarityTerms, textSimilarity } from './text.js'
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

export interface RelatedPaper {
  paper: Paper
  /** Its summaries (none for a paper not yet summarised). */
  summaries: Summary[]
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

interface PaperDoc {
  paper: Paper
  summaries: Summary[]
  /** Its tags and every parent of them. */
  tags: Set<string>
  /** Papers its summaries cite. */
  cites: Set<string>
}

/** The paper's title and summaries (its abstract when it has none), without citation markup (`\\cite{key}` is not prose). */
function paperText(doc: PaperDoc, resolver: CitationResolver): string {
  const bodies = doc.summaries.map((s) => rewriteCitations(s.body, resolver, () => ' '))
  return [doc.paper.title, ...(bodies.length > 0 ? bodies : [doc.paper.abstract ?? ''])].join('\n')
}

function paperDocs(lib: Library, resolver: CitationResolver): Map<string, PaperDoc> {
  const docs = new Map(
    // A paper's own tags (one not yet summarised carries them) count with its summaries'.
    lib.papers.map((paper) => [
      paper.key,
      { paper, summaries: [] as Summary[], tags: new Set((paper.tags ?? []).flatMap(tagPath)), cites: new Set<string>() },
    ]),
  )
  const graph = citationGraph(lib, resolver)
  for (const summary of lib.summaries) {
    const doc = docs.get(summary.paper)
    if (!doc) continue
    doc.summaries.push(summary)
    for (const tag of summary.tags.flatMap(tagPath)) doc.tags.add(tag)
    for (const key of graph.cites.get(summary.id) ?? []) doc.cites.add(key)
  }
  return docs
}

/** ln(1 + n / count) for each value, counted over the sets: rare values weigh more. */
function rarity(sets: Iterable<Set<string>>, n: number): Map<string, number> {
  const counts = new Map<string, number>()
  for (const set of sets) for (const value of set) counts.set(value, (counts.get(value) ?? 0) + 1)
  return new Map([...counts].map(([value, count]) => [value, Math.log(1 + n / count)]))
}

/** Weighted Jaccard: the weight of what both share over the weight of what either has. */
function overlap(a: Set<string>, b: Set<string>, weight: Map<string, number>): { score: number; shared: string[] } {
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

/** Drop a tag when a tag below it is also in the list: `ml`, `ml/gnn` → `ml/gnn`. */
function mostSpecific(tags: string[]): string[] {
  return tags.filter((tag) => !tags.some((other) => other.startsWith(tag + '/'))).sort()
}

/** The papers most related to the paper `key`, best first, at most `limit`. */
export function relatedPapers(lib: Library, key: string, limit: number): RelatedPaper[] {
  const resolver = new CitationResolver(lib)
  const docs = paperDocs(lib, resolver)
  const text = (doc: PaperDoc) => paperText(doc, resolver)
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
  const terms = characteristicTerms(text(target), sample.map(text), TERMS, sample.length === others.length)
  // Scanned as stored (citation markup included): the words to look for come from prose anyway.
  const rawTexts = new Map(
    [...docs].map(([k, doc]) => [
      k,
      [doc.paper.title, ...doc.summaries.map((s) => s.body), doc.summaries.length === 0 ? (doc.paper.abstract ?? '') : ''].join('\n'),
    ]),
  )
  const similar = textSimilarity(rawTexts, terms, key)

  const results: RelatedPaper[] = []
  for (const doc of others) {
    const tags = overlap(target.tags, doc.tags, tagWeight)
    const shared = overlap(target.cites, doc.cites, citeWeight)
    const cites = doc.cites.has(key)
    const citedBy = target.cites.has(doc.paper.key)
    const citations = cites || citedBy ? 1 : shared.score
    const score = WEIGHTS.text * (similar.get(doc.paper.key) ?? 0) + WEIGHTS.tags * tags.score + WEIGHTS.citations * citations
    if (score < MIN_SCORE) continue
    const bothCite = shared.shared.sort((a, b) => (citeWeight.get(b) ?? 0) - (citeWeight.get(a) ?? 0) || (a < b ? -1 : 1))
    results.push({
      paper: doc.paper,
      summaries: doc.summaries,
      score,
      reasons: { tags: mostSpecific(tags.shared), bothCite, cites, citedBy, words: [] },
    })
  }
  results.sort((a, b) => b.score - a.score || (a.paper.key < b.paper.key ? -1 : 1))
  const shown = results.slice(0, limit)
  // Only the shown papers are read word by word, to say which characteristic words they share.
  for (const result of shown) {
    const used = new Set(similarityTerms(text(docs.get(result.paper.key)!)))
    result.reasons.words = terms
      .filter(({ term }) => used.has(term))
      .slice(0, REASON_WORDS)
      .map(({ term }) => term)
  }
  return shown
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

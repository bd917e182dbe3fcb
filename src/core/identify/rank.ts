/**
 * Ranking the papers the services propose for a summary. The services rank by their own idea of
 * relevance to a handful of words; the summary itself says much more. Each candidate is scored by
 * how much of what the summary stresses its title and abstract hold (the summary's words weighted
 * tf·idf, the idf taken over the candidates, so words every candidate shares count little), by how
 * much the summary uses its title's words, by whether the summary names one of its authors, and, a
 * little, by its place in the service's answer.
 */
import { familyName } from '../keys/citekey.js'
import { contentTerms } from './words.js'
import { inverseDocumentFrequency } from '../search/rank.js'

/** What ranking reads of a candidate. */
export interface RankableCandidate {
  title: string
  abstract: string | null
  authors: readonly string[]
  /** 0-based place in the answer of the service that proposed it (its best place, if several did). */
  serviceRank: number
}

/** A candidate with its score and the parts of it, for `--json` and tests. */
export interface RankedCandidate<T> {
  candidate: T
  score: number
  /** Text similarity to the summary, 0 to 1. */
  similarity: number
  /** The summary names one of its authors. */
  authorNamed: boolean
}

/** What the summary stresses counts this many times as much as how much of the title it uses. */
const STRESSED_WEIGHT = 3
/** Uses of a title word in the summary after which it counts fully. */
const PROMINENT = 5
/** Letters of a word compared. */
const STEM_LENGTH = 6
/** The summary's words looked for in each candidate. */
const SUMMARY_TERMS = 50
/** A word found only in the abstract counts this much of one in the title (what the paper is about). */
const ABSTRACT_WEIGHT = 0.5
/** A summary that names an author ("In this tutorial, Rasmussen ...") is rarely about another paper. */
const AUTHOR_BONUS = 0.25
/** Weight of the service's order: the first answer gains this much over an unranked one. */
const ORDER_WEIGHT = 0.05
/** Family names shorter than this are too often words or parts of other names. */
const MIN_NAME_LENGTH = 3

/** `candidates` best first; ties keep the services' order. */
export function rankCandidates<T extends RankableCandidate>(summary: string, candidates: readonly T[]): RankedCandidate<T>[] {
  const titles = candidates.map((c) => new Set(stems(c.title)))
  const abstracts = candidates.map((c) => new Set(stems(c.abstract ?? '')))
  const df = new Map<string, number>()
  candidates.forEach((_, i) => {
    for (const term of new Set([...titles[i]!, ...abstracts[i]!])) df.set(term, (df.get(term) ?? 0) + 1)
  })
  const idf = (term: string) => inverseDocumentFrequency(df.get(term) ?? 0, candidates.length + 1)
  const summaryStems = stems(summary)
  const summaryTf = new Map<string, number>()
  for (const stem of summaryStems) summaryTf.set(stem, (summaryTf.get(stem) ?? 0) + 1)
  const terms = characteristicTerms(summaryStems, df, idf)
  const total = terms.reduce((sum, t) => sum + t.weight, 0)
  const ranked = candidates.map((candidate, index): RankedCandidate<T> & { index: number } => {
    // How much of what the summary stresses the candidate has, title first...
    let found = 0
    for (const { term, weight } of terms)
      found += weight * (titles[index]!.has(term) ? 1 : abstracts[index]!.has(term) ? ABSTRACT_WEIGHT : 0)
    const stressed = total === 0 ? 0 : found / total
    // ...and how much of the candidate's title the summary uses: a summary speaks of its paper's subject.
    const titleTerms = [...titles[index]!]
    const titleWeight = titleTerms.reduce((sum, term) => sum + idf(term), 0)
    // A title word the summary keeps coming back to counts fully; one it mentions once, a little.
    const prominence = (term: string) => Math.min(1, Math.log(1 + (summaryTf.get(term) ?? 0)) / Math.log(1 + PROMINENT))
    const used = titleWeight === 0 ? 0 : titleTerms.reduce((sum, term) => sum + idf(term) * prominence(term), 0) / titleWeight
    const similarity = (STRESSED_WEIGHT * stressed + used) / (STRESSED_WEIGHT + 1)
    const authorNamed = namesAnAuthor(summary, candidate.authors)
    const score = similarity + (authorNamed ? AUTHOR_BONUS : 0) + ORDER_WEIGHT / (1 + candidate.serviceRank)
    return { candidate, score, similarity, authorNamed, index }
  })
  return ranked
    .sort((a, b) => b.score - a.score || a.candidate.serviceRank - b.candidate.serviceRank || a.index - b.index)
    .map(({ index: _index, ...rest }) => rest)
}

/**
 * The summary's words that tell the candidates apart, weighted (1 + ln tf) · idf, idf over the
 * candidates: words none of them has cannot tell them apart and are left out.
 */
function characteristicTerms(
  summary: readonly string[],
  df: ReadonlyMap<string, number>,
  idf: (term: string) => number,
): { term: string; weight: number }[] {
  const tf = new Map<string, number>()
  for (const term of summary) if (df.has(term)) tf.set(term, (tf.get(term) ?? 0) + 1)
  return [...tf]
    .map(([term, f]) => ({ term, weight: (1 + Math.log(f)) * idf(term) }))
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
    .slice(0, SUMMARY_TERMS)
}

/**
 * The content words of `text` cut to their first STEM_LENGTH letters: a crude stemmer, but one that
 * joins what a summary and an abstract write differently (transfer and transferred, molecule and
 * molecular, convolution and convolutional).
 */
function stems(text: string): string[] {
  return contentTerms(text).map((term) => term.slice(0, STEM_LENGTH))
}

/** Whether `text` names one of `authors` by family name, capitalised as a name is. */
export function namesAnAuthor(text: string, authors: readonly string[]): boolean {
  return authors.some((author) => {
    // The capitalised part of the name: "van Hasselt" is named as "Hasselt" as often as in full.
    const family = familyName(author).replace(/^(?:\p{Ll}+\s+)+/u, '')
    if ([...family].length < MIN_NAME_LENGTH || !/^\p{Lu}/u.test(family)) return false
    return occursAsWord(text, family)
  })
}

const WORD_CHAR = /[\p{L}\p{N}]/u

function occursAsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = text.slice(Math.max(0, at - 2), at)
    const after = text.slice(at + word.length, at + word.length + 2)
    if (!WORD_CHAR.test(Array.from(before).at(-1) ?? '') && !WORD_CHAR.test(Array.from(after)[0] ?? '')) return true
  }
  return false
}

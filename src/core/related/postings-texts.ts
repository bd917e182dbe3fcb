/**
 * The texts of a library's papers as `related` reads them (RelatedTexts), from the library's search
 * postings instead of its bodies: they hold every word of each entry's title and body, in order,
 * read by the tokenizer `related` reads with, and each field's length. A paper's text is its title
 * and its summaries' bodies (its abstract when it has none), so its words and its length are those
 * of its entries' fields. Only the prose of a summary that may hold citation markup differs from its
 * stored text (the markup is left out): those summaries are read whole, few and only when asked about.
 */
import { CitationResolver } from '../citations/citations.js'
import type { Paper, Summary } from '../model.js'
import type { PaperOutline, SummaryOutline } from '../records/outline.js'
import { BODY, TITLE } from '../search/docs.js'
import { FIELD_COUNT, fieldCount } from '../search/postings.js'
import type { PostingsView } from '../search/postings-view.js'
import { surfaceForms } from '../text/plural.js'
import { paperProse, type PaperDoc, type RelatedTexts } from './related.js'
import { similarityTerms, TF_CAP, type Occurrences } from './text.js'

/** Whole records read by their place in the library's papers or summaries; null when they cannot be (the caller reads the library whole). */
export interface PlacedRecords {
  papers(places: readonly number[]): Paper[] | null
  summaries(places: readonly number[]): Summary[] | null
}

/** Raised when records could not be read where the index says they lie: the library is read whole instead. */
export class RecordsUnavailable extends Error {}

/**
 * Where each paper's text lies in the postings: the entries (libraryEntries order) of its summaries,
 * or of the paper alone (`summarised` false), and how many entries there are.
 */
export function entriesOfPapers(docs: ReadonlyMap<string, PaperDoc>, papers: number, summaries: number): PaperEntries {
  // Entries are the summaries of papers in the library, in order, then the papers without one (libraryEntries).
  const kept = new Uint8Array(summaries)
  for (const doc of docs.values()) for (const at of doc.summaryAt) kept[at] = 1
  const positionOf = new Int32Array(summaries)
  let position = 0
  for (let at = 0; at < summaries; at++) if (kept[at]) positionOf[at] = position++
  const entries: number[][] = Array.from({ length: papers }, () => [])
  const summarised: boolean[] = Array.from({ length: papers }, () => false)
  for (const doc of docs.values()) {
    summarised[doc.at] = doc.summaryAt.length > 0
    entries[doc.at] = doc.summaryAt.map((at) => positionOf[at]!)
  }
  for (const list of entries) if (list.length === 0) list.push(position++)
  return { entries, summarised, count: position }
}

/** Where each paper's text lies in the postings (entriesOfPapers), by the paper's place in the library. */
export interface PaperEntries {
  /** The entries of each paper's summaries, or of the paper alone. */
  entries: number[][]
  /** Whether each paper has summaries. */
  summarised: boolean[]
  /** How many entries there are. */
  count: number
}

function abstractOf(records: PlacedRecords, doc: PaperDoc): string {
  const [paper] = records.papers([doc.at]) ?? []
  if (!paper) throw new RecordsUnavailable('paper moved')
  return paper.abstract ?? ''
}

/**
 * The texts of the library whose outline is `papers` and `summaries`, from `view` (its postings, in
 * the order of libraryEntries) and `records` (its records read where they lie).
 */
export function postingsTexts<P extends PaperOutline, S extends SummaryOutline>(
  view: PostingsView,
  library: { papers: readonly P[]; summaries: readonly S[]; entries: PaperEntries },
  records: PlacedRecords,
): RelatedTexts<P, S> {
  const { papers, summaries } = library
  const { entries, summarised } = library.entries
  const resolver = new CitationResolver({ papers, summaries })
  const summariesAt = (places: readonly number[]) => {
    const read = records.summaries(places)
    if (!read) throw new RecordsUnavailable('summaries moved')
    return read
  }

  /** The vocabulary entries of the words folding to each of `keys` (every spelling of each). */
  const vocabulary = (keys: ReadonlySet<string>) => {
    const words = new Map<number, string>()
    for (const key of keys) for (const form of surfaceForms(key)) view.exact(form, (w) => words.set(w, key))
    return words
  }

  /** Which of `words` (vocabulary entries) a paper's title and bodies hold, as read from the postings. */
  const heldIn = (paper: number, words: { keys: readonly string[]; keyOf: Int32Array }) => {
    const held = new Set<string>()
    entries[paper]!.forEach((position, i) => {
      const doc = view.order[position]!
      const tokens = view.tokensOf(doc)
      const read = (field: number) => {
        for (let t = view.fieldStart(doc, field), end = view.fieldStart(doc, field + 1); t < end; t++) {
          const key = words.keyOf[tokens[t]!] ?? -1
          if (key >= 0) held.add(words.keys[key]!)
        }
      }
      if (i === 0) read(TITLE) // every entry of the paper has its title: read once
      read(BODY)
    })
    return held
  }

  return {
    prose(doc) {
      return paperProse(doc.paper, summariesAt(doc.summaryAt), () => abstractOf(records, doc), resolver)
    },

    termsIn(docs, terms) {
      // Each vocabulary entry's word, as a place in `keys`: every word of the sampled texts is looked up.
      const keys = [...terms]
      const placeOf = new Map(keys.map((key, i) => [key, i]))
      const keyOf = new Int32Array(view.vocabulary).fill(-1)
      for (const [w, key] of vocabulary(terms)) keyOf[w] = placeOf.get(key)!
      const words = { keys, keyOf }
      // Read whole: the summaries of these papers, to find those whose prose (markup left out) is not their stored text.
      const bodies = summariesAt(docs.flatMap((doc) => doc.summaryAt))
      let next = 0
      return docs.map((doc) => {
        const own = bodies.slice(next, (next += doc.summaryAt.length))
        const prose = paperProse(doc.paper, own, () => '', resolver)
        if (prose === [doc.paper.title, ...own.map((s) => s.body)].join('\n') || own.length === 0) return heldIn(doc.at, words)
        return new Set(similarityTerms(prose).filter((term) => terms.has(term)))
      })
    },

    occurrences(keys) {
      const words = vocabulary(keys)
      const counts: (Map<string, number> | undefined)[] = []
      const paperOf = new Int32Array(view.count)
      const first = new Uint8Array(view.count)
      entries.forEach((list, paper) =>
        list.forEach((position, i) => {
          paperOf[position] = paper
          first[position] = i === 0 ? 1 : 0
        }),
      )
      for (const [w, key] of words) {
        view.eachDocument(w, (doc, packed) => {
          const position = view.positionOf[doc]!
          const paper = paperOf[position]!
          const n = fieldCount(packed, BODY) + (first[position] ? fieldCount(packed, TITLE) : 0)
          if (n === 0) return
          const own = (counts[paper] ??= new Map())
          own.set(key, (own.get(key) ?? 0) + n)
        })
      }
      // A paper's text is its title, its summaries' bodies (or its abstract), each after a line break, and one more after the last body.
      const lengthOf = (paper: number) => {
        const list = entries[paper]!
        let length = view.lengths[view.order[list[0]!]! * FIELD_COUNT + TITLE]! + list.length + (summarised[paper] ? 1 : 0)
        for (const position of list) length += view.lengths[view.order[position]! * FIELD_COUNT + BODY]!
        return length
      }
      const found: Occurrences['found'] = new Map()
      let totalLength = 0
      papers.forEach((paper, at) => {
        const length = lengthOf(at)
        totalLength += length
        const own = counts[at]
        if (!own) return
        for (const [key, n] of own) own.set(key, Math.min(TF_CAP, n))
        found.set(paper.key, { counts: own, length })
      })
      return { texts: papers.length, totalLength, found }
    },
  }
}

/**
 * The texts of a library's papers as `related` reads them (RelatedTexts), from the library's search
 * postings instead of its bodies: they hold every word of each entry's title and body, in order,
 * read by the tokenizer `related` reads with, and each field's length. A paper's text is its title
 * and its summaries' bodies (its abstract when it has none), so its words and its length are those
 * of its entries' fields. Only the prose of a summary that may hold citation markup differs from its
 * stored text (the markup is left out): those summaries are read whole, few and only when asked about.
 */
import type { CitationResolver } from '../citations/citations.js'
import type { Paper, Summary } from '../model.js'
import type { PaperOutline, SummaryOutline } from '../records/outline.js'
import { BODY, TITLE } from '../search/docs.js'
import { FIELD_COUNT, fieldCount, MAY_CITE } from '../search/postings.js'
import type { PostingsView } from '../search/postings-view.js'
import { surfaceForms } from '../text/plural.js'
import { paperProse } from './library-texts.js'
import type { PaperTable } from './paper-table.js'
import type { PaperDoc, RelatedTexts } from './related-source.js'
import { similarityTerms, TF_CAP, type Occurrences } from './text.js'

/** Whole records read by their place in the library's papers or summaries; null when they cannot be (the caller reads the library whole). */
export interface PlacedRecords {
  papers(places: readonly number[]): Paper[] | null
  summaries(places: readonly number[]): Summary[] | null
}

/** Vocabulary entries looked for in texts: each entry's place in `keys` (keyOf, -1 when none), and the stamp of the text that last held each key. */
interface HeldWords {
  keys: readonly string[]
  keyOf: Int32Array
  seen: Int32Array
  stamp: number
}

/** Add to `held` the keys of `words` that tokens `from` to `to` are, each once a text (`stamp`). */
function holding(tokens: Uint32Array, from: number, to: number, words: HeldWords, stamp: number, held: Set<string>): void {
  const { keyOf, seen, keys } = words
  for (let t = from; t < to; t++) {
    const key = keyOf[tokens[t]!] ?? -1
    if (key >= 0 && seen[key] !== stamp) {
      seen[key] = stamp
      held.add(keys[key]!)
    }
  }
}

/** Raised when records could not be read where the index says they lie: the library is read whole instead. */
export class RecordsUnavailable extends Error {}

/** Where each paper's text lies in the postings: the entries (libraryEntries order) of its summaries, or of the paper alone. */
export interface PaperEntries {
  /** Each summary's entry (-1 for one whose paper is not in the library: no entry). */
  ofSummary: Int32Array
  /** Each paper's entry when it has no summary, else -1. */
  alone: Int32Array
  /** How many entries there are. */
  count: number
}

/** Where the text of each paper of `table` (of a library of `summaries` summaries) lies in the postings. */
export function entriesOfPapers(table: PaperTable, summaries: number): PaperEntries {
  // The summaries of papers in the library, in order, then the papers without one (libraryEntries).
  const ofSummary = new Int32Array(summaries).fill(-1)
  const alone = new Int32Array(table.count).fill(-1)
  for (let k = 0; k < table.summaryAt.length; k++) ofSummary[table.summaryAt[k]!] = 0
  let position = 0
  for (let at = 0; at < summaries; at++) if (ofSummary[at] === 0) ofSummary[at] = position++
  for (let p = 0; p < table.count; p++) if (table.first[p] === table.first[p + 1]) alone[p] = position++
  return { ofSummary, alone, count: position }
}

/** The entries of a paper's text: its summaries', or its own when it has none. */
function entriesOf(entries: PaperEntries, doc: Pick<PaperDoc, 'at' | 'summaryAt'>): number[] {
  return doc.summaryAt.length > 0 ? doc.summaryAt.map((at) => entries.ofSummary[at]!) : [entries.alone[doc.at]!]
}

/** The paper of `doc` read whole where it lies: its title from there, not from a column of every title (~80 ms to decode at 100,000 summaries). */
function paperOf(records: PlacedRecords, doc: PaperDoc): Paper {
  const [paper] = records.papers([doc.at]) ?? []
  if (!paper) throw new RecordsUnavailable('paper moved')
  return paper
}

/**
 * The texts of the library `table` was made of, from `view` (its postings, in the order of
 * libraryEntries) and `records` (its records read where they lie), citations in them resolved by
 * `resolver` (as CitationResolver resolves them over the library).
 */
export function postingsTexts<P extends PaperOutline, S extends SummaryOutline>(
  view: PostingsView,
  library: { table: PaperTable<P, S>; entries: PaperEntries; resolver: Pick<CitationResolver, 'resolve'> },
  records: PlacedRecords,
): RelatedTexts<P, S> {
  const { table, entries, resolver } = library
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
  const heldIn = (paper: PaperDoc, words: HeldWords) => {
    const held = new Set<string>()
    const stamp = ++words.stamp
    const positions = entriesOf(entries, paper)
    for (let i = 0; i < positions.length; i++) {
      const doc = view.order[positions[i]!]!
      const tokens = view.tokensOf(doc)
      // Every entry of the paper has its title: read once.
      if (i === 0) holding(tokens, view.fieldStart(doc, TITLE), view.fieldStart(doc, TITLE + 1), words, stamp, held)
      holding(tokens, view.fieldStart(doc, BODY), view.fieldStart(doc, BODY + 1), words, stamp, held)
    }
    return held
  }

  return {
    prose(doc) {
      const paper = paperOf(records, doc)
      return paperProse(paper, summariesAt(doc.summaryAt), () => paper.abstract ?? '', resolver)
    },

    termsIn(asked, terms) {
      // Each vocabulary entry's word, as a place in `keys`: every word of the sampled texts is looked up.
      const keys = [...terms]
      const placeOf = new Map(keys.map((key, i) => [key, i]))
      // Every word of the paper asked about is looked up (~300 words, each in every spelling): the vocabulary read whole once, not a block a probe.
      view.readWordsWhole()
      const keyOf = new Int32Array(view.vocabulary).fill(-1)
      for (const [w, key] of vocabulary(terms)) keyOf[w] = placeOf.get(key)!
      const words = { keys, keyOf, seen: new Int32Array(keys.length), stamp: 0 }
      return asked.map((doc) => {
        if (!doc.summaryAt.some((at) => (view.features[view.order[entries.ofSummary[at]!]!]! & MAY_CITE) !== 0)) return heldIn(doc, words)
        // Read whole: the prose of a paper whose summaries may hold citations (markup left out) may not be their stored text.
        const bodies = summariesAt(doc.summaryAt)
        const { title } = paperOf(records, doc)
        const prose = paperProse({ title }, bodies, () => '', resolver)
        if (prose === [title, ...bodies.map((s) => s.body)].join('\n')) return heldIn(doc, words)
        return new Set(similarityTerms(prose).filter((term) => terms.has(term)))
      })
    },

    occurrences(keys) {
      const words = vocabulary(keys)
      // Each entry's paper, and whether it is the paper's first (every entry of a paper has its title: counted once).
      const paperOf = new Int32Array(entries.count)
      const first = new Uint8Array(entries.count)
      for (let p = 0; p < table.count; p++) {
        const [from, to] = [table.first[p]!, table.first[p + 1]!]
        if (from === to) {
          paperOf[entries.alone[p]!] = p
          first[entries.alone[p]!] = 1
        }
        for (let k = from; k < to; k++) {
          const position = entries.ofSummary[table.summaryAt[k]!]!
          paperOf[position] = p
          first[position] = k === from ? 1 : 0
        }
      }
      const counts: (Map<string, number> | undefined)[] = []
      for (const [w, key] of words) {
        view.eachDocument(w, (doc, packed) => {
          const position = view.positionOf[doc]!
          const n = fieldCount(packed, BODY) + (first[position] ? fieldCount(packed, TITLE) : 0)
          if (n === 0) return
          const own = (counts[paperOf[position]!] ??= new Map())
          own.set(key, (own.get(key) ?? 0) + n)
        })
      }
      // A paper's text is its title, then each of its summaries' bodies (or its abstract) after a line break, and one more after the last body.
      const { lengths, order } = view
      const length = (p: number) => {
        const [from, to] = [table.first[p]!, table.first[p + 1]!]
        if (from === to) {
          const doc = order[entries.alone[p]!]!
          return lengths[doc * FIELD_COUNT + TITLE]! + 1 + lengths[doc * FIELD_COUNT + BODY]!
        }
        let total = lengths[order[entries.ofSummary[table.summaryAt[from]!]!]! * FIELD_COUNT + TITLE]! + (to - from) + 1
        for (let k = from; k < to; k++) total += lengths[order[entries.ofSummary[table.summaryAt[k]!]!]! * FIELD_COUNT + BODY]!
        return total
      }
      // Every paper's length added up in one loop over the entries (whole numbers: the sum is the
      // same in any order): each entry's body and line break, each paper's title once, and the line
      // break after the last body of a paper with summaries.
      let totalLength = 0
      for (let position = 0; position < entries.count; position++) {
        const doc = order[position]!
        totalLength += lengths[doc * FIELD_COUNT + BODY]! + 1 + (first[position] === 1 ? lengths[doc * FIELD_COUNT + TITLE]! : 0)
      }
      for (let p = 0; p < table.count; p++) if (table.first[p] !== table.first[p + 1]) totalLength++
      const found: Occurrences<number>['found'] = new Map()
      for (let p = 0; p < table.count; p++) {
        const own = counts[p]
        if (!own) continue
        for (const [key, n] of own) own.set(key, Math.min(TF_CAP, n))
        found.set(p, { counts: own, length: length(p) })
      }
      return { texts: table.count, totalLength, found }
    },
  }
}

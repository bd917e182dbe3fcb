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
  /** The JSON text of each summary as the library file holds it (not parsed: mayCite is all that is asked of it). */
  summaryTexts(places: readonly number[]): string[] | null
}

/**
 * Whether the JSON text of a summary may hold citation markup: its body does only when it has `@` or
 * a backslash before `cite` (extractCitations looks no further), which JSON writes as `@` or `\\`
 * then the letters, or as `\u` escapes. Most summaries have none: their prose is their stored text,
 * whose words the postings hold, and they are not parsed. (Plain searches first: LaTeX fills bodies
 * with backslashes, each of which the expression alone would look at.)
 */
function mayCite(text: string): boolean {
  return text.includes('@') || text.includes('\\u') || (text.includes('cite') && LATEX_CITE.test(text))
}

const LATEX_CITE = /\\\\[a-z]*cite/

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

/** Where the text of each paper of `docs` (paperDocs of a library of `papers` and `summaries`) lies in the postings. */
export function entriesOfPapers(docs: ReadonlyMap<string, PaperDoc>, papers: number, summaries: number): PaperEntries {
  // The summaries of papers in the library, in order, then the papers without one (libraryEntries).
  const ofSummary = new Int32Array(summaries).fill(-1)
  const alone = new Int32Array(papers).fill(-1)
  const PLACE = -2 // an entry, to be numbered in order
  for (const doc of docs.values()) for (const at of doc.summaryAt) ofSummary[at] = PLACE
  for (const doc of docs.values()) if (doc.summaryAt.length === 0) alone[doc.at] = PLACE
  let position = 0
  for (let at = 0; at < summaries; at++) if (ofSummary[at] === PLACE) ofSummary[at] = position++
  for (let at = 0; at < papers; at++) if (alone[at] === PLACE) alone[at] = position++
  return { ofSummary, alone, count: position }
}

/** The entries of a paper's text: its summaries', or its own when it has none. */
function entriesOf(entries: PaperEntries, doc: PaperDoc): number[] {
  return doc.summaryAt.length > 0 ? doc.summaryAt.map((at) => entries.ofSummary[at]!) : [entries.alone[doc.at]!]
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
  library: { papers: readonly P[]; summaries: readonly S[]; docs: ReadonlyMap<string, PaperDoc<P, S>>; entries: PaperEntries },
  records: PlacedRecords,
): RelatedTexts<P, S> {
  const { papers, summaries, docs, entries } = library
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
  const heldIn = (paper: PaperDoc, words: { keys: readonly string[]; keyOf: Int32Array }) => {
    const held = new Set<string>()
    entriesOf(entries, paper).forEach((position, i) => {
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

    termsIn(asked, terms) {
      const texts = records.summaryTexts(asked.flatMap((doc) => doc.summaryAt))
      if (!texts) throw new RecordsUnavailable('summaries moved')
      // Each vocabulary entry's word, as a place in `keys`: every word of the sampled texts is looked up.
      const keys = [...terms]
      const placeOf = new Map(keys.map((key, i) => [key, i]))
      const keyOf = new Int32Array(view.vocabulary).fill(-1)
      for (const [w, key] of vocabulary(terms)) keyOf[w] = placeOf.get(key)!
      const words = { keys, keyOf }
      let next = 0
      return asked.map((doc) => {
        const own = texts.slice(next, (next += doc.summaryAt.length))
        if (!own.some(mayCite)) return heldIn(doc, words)
        // Read whole: the prose of a paper whose summaries may hold citations (markup left out) may not be their stored text.
        const bodies = summariesAt(doc.summaryAt)
        const prose = paperProse(doc.paper, bodies, () => '', resolver)
        if (prose === [doc.paper.title, ...bodies.map((s) => s.body)].join('\n')) return heldIn(doc, words)
        return new Set(similarityTerms(prose).filter((term) => terms.has(term)))
      })
    },

    occurrences(keys) {
      const words = vocabulary(keys)
      // Each entry's paper, and whether it is the paper's first (every entry of a paper has its title: counted once).
      const paperOf = new Int32Array(entries.count)
      const first = new Uint8Array(entries.count)
      for (const doc of docs.values()) {
        entriesOf(entries, doc).forEach((position, i) => {
          paperOf[position] = doc.at
          first[position] = i === 0 ? 1 : 0
        })
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
      const length = (doc: PaperDoc) => {
        const list = entriesOf(entries, doc)
        let total = view.lengths[view.order[list[0]!]! * FIELD_COUNT + TITLE]! + list.length + (doc.summaryAt.length > 0 ? 1 : 0)
        for (const position of list) total += view.lengths[view.order[position]! * FIELD_COUNT + BODY]!
        return total
      }
      const found: Occurrences['found'] = new Map()
      let totalLength = 0
      for (const doc of docs.values()) {
        const own = counts[doc.at]
        const size = length(doc)
        totalLength += size
        if (!own) continue
        for (const [key, n] of own) own.set(key, Math.min(TF_CAP, n))
        found.set(doc.paper.key, { counts: own, length: size })
      }
      return { texts: docs.size, totalLength, found }
    },
  }
}

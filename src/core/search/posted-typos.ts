/**
 * Typo correction over the postings (correctTypo, typos.ts): a word the library lacks looked for with
 * the library's words one edit from it, each term named by the word of it met first in library order
 * (in the sample first), as the scan names them.
 */
import { FIELD_NAMES } from './docs.js'
import type { WordSpec } from './pattern.js'
import { FIELD_COUNT_MAX } from './postings.js'
import type { PostingsView } from './postings-view.js'
import { WordCursor } from './count-lists.js'
import { correctable, NEAR_LENGTH, nearTests, nearWords, pieces } from './typos.js'
import type { WordTable, WordTables } from './word-tables.js'
import { foldPlural } from '../text/plural.js'

const ALL_FIELDS = FIELD_NAMES.length

/** The typo corrections of a library's postings (PostingsSearch makes them as it plans a query). */
export class PostedTypos {
  constructor(
    private readonly view: PostingsView,
    private readonly wordTables: WordTables,
    /** The documents sampled for estimates (sampleOf, compile.ts): looked at first for a term's name. */
    private readonly sample: readonly number[],
    /** How many times words of `tables` in a row are in field `field` of document `doc`, up to `cap` (PostingsSearch's countField). */
    private readonly countField: (tables: readonly WordTable[], doc: number, field: number, cap: number) => number,
  ) {}

  /** correctTypo (typos.ts) over the postings: the library's words one edit from a word it lacks, as weaker alternatives. */
  correct(spec: WordSpec, fields: readonly number[]): WordSpec {
    const [key] = spec.keys
    const word = spec.exact ? [...spec.exact][0] : key
    if (spec.keys.size !== 1 || word === undefined || !correctable(word)) return spec
    // Kept as the query's own table (tableOf): a word the library has is looked for with this very table.
    const table = this.wordTables.tableOf(spec)
    const wordOnly = [table]
    // Every live vocabulary entry is in some field: with all fields, the first live document says it.
    const anywhere = table.accepted.some((w) =>
      this.view.someDocument(w, (doc) => fields.length === ALL_FIELDS || fields.some((f) => this.countField(wordOnly, doc, f, 1) > 0)),
    )
    if (anywhere) return spec
    const nearTo = wordsNear(this.view, word)
    let found = this.neighbours(nearTo, fields, true)
    if (found.size === 0 && this.sample.length < this.view.count) found = this.neighbours(nearTo, fields, false)
    return found.size === 0 ? spec : { ...spec, alternatives: found }
  }

  /** neighbours (typos.ts) over the postings: the terms of the words `nearTo` holds, each with the first word seen, in the sample or everywhere. */
  private neighbours(nearTo: ReadonlyMap<number, string>, fields: readonly number[], inSample: boolean): Map<string, string> {
    const { view } = this
    const found = new Map<string, string>()
    if (nearTo.size === 0) return found
    let mask = 0
    for (const field of fields) mask |= FIELD_COUNT_MAX << (4 * field)
    const terms = new Set(nearTo.values()).size
    const cursors = new Map<number, WordCursor[]>()
    // In library order, as the scan reads them: the first word seen names its term; every term
    // named, the words of later entries would name none.
    if (inSample) {
      // A few hundred entries, most often named by the first holding a near word: each near word's
      // lists asked about each entry, rather than every entry of them read (150,000 for graph and
      // graphs at 100,000 summaries).
      for (const doc of this.sample) {
        this.nameNear(doc, nearTo, mask, fields, found, cursors)
        if (found.size === terms) break
      }
      return found
    }
    // For each document, the one near word it has in `fields` (w + 1), or -1 for several.
    const holds = new Int32Array(view.documents)
    for (const w of nearTo.keys())
      view.eachDocument(w, (doc, packed) => {
        if ((packed & mask) !== 0) holds[doc] = holds[doc] === 0 || holds[doc] === w + 1 ? w + 1 : -1
      })
    for (const doc of view.order) {
      const held = holds[doc]!
      if (held === 0) continue
      if (held > 0) {
        const term = nearTo.get(held - 1)!
        if (!found.has(term)) found.set(term, view.word(held - 1) ?? '')
      } else this.nameNear(doc, nearTo, mask, fields, found, cursors)
      if (found.size === terms) break
    }
    return found
  }

  /**
   * The terms not yet `found` of the near words (`nearTo`) that document `doc` has in `fields`
   * (`mask` of their counts), each named by its word met first in the document's words in order,
   * field after field: with several, told by where each is in each field (the positions of its
   * entry, a block read), not by reading the words in order, which needs where every entry's
   * fields start (2.4 MB read and checked at 100,000 summaries). `cursors`: each near word's lists,
   * kept from one document to the next.
   */
  private nameNear(
    doc: number,
    nearTo: ReadonlyMap<number, string>,
    mask: number,
    fields: readonly number[],
    found: Map<string, string>,
    cursors: Map<number, WordCursor[]>,
  ): void {
    const { view } = this
    const held: WordCursor[] = []
    const words: number[] = []
    for (const [w, term] of nearTo) {
      if (found.has(term)) continue // met first or not, it names nothing new
      let lists = cursors.get(w)
      if (!lists) cursors.set(w, (lists = view.listsOf(w).map((list) => new WordCursor(list))))
      for (const list of lists)
        if (list.seek(doc) && (list.fields[list.at]! & mask) !== 0) {
          held.push(list)
          words.push(w)
        }
    }
    if (held.length === 1) found.set(nearTo.get(words[0]!)!, view.word(words[0]!) ?? '')
    if (held.length <= 1) return
    for (const field of fields) {
      // Each held word's first place in the field (places differ: one word at each), met in that order.
      const firsts: [place: number, w: number][] = []
      held.forEach((list, i) => {
        const read = (list.positions ??= view.listPositions(list, false))
        if (read.read(list.at, field) > 0) firsts.push([read.positions[0]!, words[i]!])
      })
      firsts.sort((a, b) => a[0] - b[0])
      for (const [, w] of firsts) {
        const term = nearTo.get(w)!
        if (!found.has(term)) found.set(term, view.word(w) ?? '')
      }
    }
  }
}

/**
 * The vocabulary entries of `view` one edit from `word` (nearWords, typos.ts), each with its term: those
 * near by their singular, then those near by their term. Looked for in the near table
 * (near-table.ts), whose candidates are checked here as a scan checks each word it reads.
 */
export function wordsNear(view: PostingsView, word: string): Map<number, string> {
  const near = nearWords(word)
  const tests = nearTests(word)
  const singular = foldPlural(word)
  // The words a scan of the text reads: those holding a piece of the word an edit cannot both break.
  const [one, two] = pieces(singular)
  const read = (seen: string) => seen.includes(one) || seen.includes(two)
  const longest = word.length + NEAR_LENGTH
  const { words, stems } = view.nearCandidates([singular, tests.key])
  // A word whose singular is its stem's text is in the table by its stem: a stem near as a singular stands for its words.
  const bySingular = new Set(words)
  const byTerm: [s: number, stem: string][] = []
  for (const s of stems) {
    const stem = view.stemText(s) ?? ''
    if (tests.folded(stem)) view.eachWordOfStem(s, (w) => bySingular.add(w))
    if (tests.stem(stem)) byTerm.push([s, stem])
  }
  const nearTo = new Map<number, string>()
  for (const w of [...bySingular].sort((a, b) => a - b)) {
    const spelled = view.spelled(w)
    if (spelled > longest) continue
    const seen = view.word(w) ?? ''
    const term = read(seen) && tests.singular(seen) ? near(seen, spelled) : null
    if (term !== null) nearTo.set(w, term)
  }
  // The delta's words the base lacks: a few, each checked.
  view.eachExtra((w, seen, stem) => {
    const term = read(seen) ? near(seen, view.spelled(w), stem) : null
    if (term !== null) nearTo.set(w, term)
  })
  for (const [s, stem] of byTerm)
    view.eachWordOfStem(s, (w) => {
      if (nearTo.has(w) || view.spelled(w) > longest) return
      if (read(view.word(w) ?? '')) nearTo.set(w, stem)
    })
  return nearTo
}

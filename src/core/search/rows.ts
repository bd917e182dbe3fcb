/**
 * Words in a row (a phrase) over the postings: where each of the row's words is (the postings'
 * positions), the rarest looked up first, and the starts of the row they leave counted as the words
 * in order count them; for a scan, the fields where every positional place has a word marked for
 * every document at once.
 */
import type { CompiledCondition } from './compiled.js'
import { sumOfWeights } from './pattern.js'
import { FIELD_COUNT, fieldCount } from './postings.js'
import type { PostingsView } from './postings-view.js'
import { andInto, markFields, WordCursor } from './count-lists.js'
import { weightOf, type WordTable, type WordTables } from './word-tables.js'

/**
 * Most words a word of a row may accept for where they are to be looked up in the postings'
 * positions (a prefix's, past it: each of its words would be looked for in every document looked at).
 */
const POSITIONAL_WORDS = 64

/**
 * How words in a row are looked for (countField): the places in the row whose words are looked up
 * in the postings' positions (few words each), rarest first, and the others, read from the
 * document's words in order where the first leave a start of the row.
 */
interface RowPlan {
  positional: number[]
  others: number[]
  /** For each positional place, its words' lists (made when first needed: a row's commonest words are looked up where a rarer one was not ruled out). */
  words: (PlaceWords | undefined)[]
  /**
   * For a scan: the fields (a bit each) of every document where every positional place has a word
   * (with a follower bit of the next place's words, where known: rowMarks),
   * and its count in each (document × FIELD_COUNT + field) once asked, counted with `cap`; `counted`
   * says which are (a bit a field, as `marks`: no array of counts filled with a mark of none asked,
   * 4.8 MB at 100,000 entries).
   */
  marks: Uint8Array | null
  counts: Float64Array | null
  counted: Uint8Array | null
  cap: number
}

/** The lists of the words a place of a row accepts (the base's and the delta's of each), and each one's word's weight there. */
interface PlaceWords {
  lists: WordCursor[]
  weights: Float64Array
}

/** How a library's postings look for words in a row (PostingsSearch keeps one for its queries). */
export class Rows {
  constructor(
    private readonly view: PostingsView,
    private readonly wordTables: WordTables,
  ) {}

  private readonly plans = new WeakMap<readonly WordTable[], RowPlan>()

  /** How the words `tables` accept are looked for in a row (RowPlan). */
  rowPlan(tables: readonly WordTable[]): RowPlan {
    let plan = this.plans.get(tables)
    if (!plan) {
      const places = tables.map((_, i) => i).sort((a, b) => this.wordTables.spreadOf(tables[a]!) - this.wordTables.spreadOf(tables[b]!))
      const few = (i: number) => tables[i]!.accepted.length <= POSITIONAL_WORDS
      const [positional, others] = [places.filter(few), places.filter((i) => !few(i))]
      plan = { positional, others, words: [], marks: null, counts: null, counted: null, cap: 0 }
      this.plans.set(tables, plan)
    }
    return plan
  }

  /** The lists of the words place `place` of a row accepts (RowPlan.words). */
  private wordsAt(tables: readonly WordTable[], plan: RowPlan, place: number): PlaceWords {
    let words = plan.words[place]
    if (!words) {
      const table = tables[place]!
      const lists: WordCursor[] = []
      const weights: number[] = []
      for (const w of table.accepted) {
        for (const list of this.view.listsOf(w)) {
          lists.push(new WordCursor(list))
          weights.push(weightOf(table, w))
        }
      }
      words = { lists, weights: Float64Array.from(weights) }
      plan.words[place] = words
    }
    return words
  }

  /**
   * countField for a scan, which asks about most documents holding the row's rarest words: none in
   * the fields where not every positional place has a word (marked for every document at once, from
   * their lists), else rowFromPositions, kept.
   */
  rowInScan(tables: readonly WordTable[], plan: RowPlan, doc: number, field: number, cap: number): number {
    if (((this.rowMarks(tables, plan, cap)[doc]! >>> field) & 1) === 0) return 0
    const counts = plan.counts!
    const at = doc * FIELD_COUNT + field
    if (((plan.counted![doc]! >>> field) & 1) !== 0) return counts[at]!
    plan.counted![doc] = plan.counted![doc]! | (1 << field)
    return (counts[at] = this.rowFromPositions(tables, plan, doc, field, cap, true))
  }

  /**
   * The fields of each document where every positional place of a row has a word, one of whose
   * entries has a follower bit of the next place's terms (WordTable.follows; RowPlan.marks), its
   * counts kept with `cap` made room for.
   */
  private rowMarks(tables: readonly WordTable[], plan: RowPlan, cap: number): Uint8Array {
    if (plan.marks && plan.counts && plan.cap === cap) return plan.marks
    const { documents } = this.view
    let marks: Uint8Array | null = null
    for (const place of plan.positional) {
      const some = new Uint8Array(documents)
      const follows = tables[place + 1]?.follows ?? 0
      for (const cursor of this.wordsAt(tables, plan, place).lists) markFields(cursor, some, follows)
      if (marks) andInto(marks, some)
      else marks = some
    }
    plan.marks = marks!
    plan.counts = new Float64Array(documents * FIELD_COUNT)
    plan.counted = new Uint8Array(documents)
    plan.cap = cap
    return plan.marks
  }

  /**
   * For a clause of words in a row alone (a phrase), whose words can be looked up where they are:
   * the live documents holding them in a row in its fields, ascending (their counts kept for the
   * scan, rowInScan), rather than every document holding the rarest of them. Null for another clause.
   */
  rowCandidates(clause: readonly CompiledCondition<number>[]): Uint32Array | null {
    const [condition] = clause
    if (clause.length !== 1 || condition!.negated || condition!.test.kind !== 'text') return null
    const { pattern, fields, countCap } = condition!.test.term
    const tables = this.wordTables.tablesOf(pattern)
    if (tables.length < 2) return null
    const plan = this.rowPlan(tables)
    if (plan.positional.length === 0) return null
    let sought = 0
    for (const field of fields) sought |= 1 << field
    const { documents, positionOf } = this.view
    const marks = this.rowMarks(tables, plan, countCap)
    const counts = plan.counts!
    const counted = plan.counted!
    const found: number[] = []
    for (let doc = 0; doc < documents; doc++) {
      const some = marks[doc]! & sought
      if (some === 0 || !(positionOf[doc]! >= 0)) continue
      let holds = false
      for (let field = 0; field < FIELD_COUNT; field++) {
        if (((some >>> field) & 1) === 0) continue
        const at = doc * FIELD_COUNT + field
        if (((counted[doc]! >>> field) & 1) === 0) {
          counts[at] = this.rowFromPositions(tables, plan, doc, field, countCap, true)
          counted[doc] = counted[doc]! | (1 << field)
        }
        if (counts[at]! > 0) holds = true
      }
      if (holds) found.push(doc)
    }
    return Uint32Array.from(found)
  }

  /**
   * Whether the word lists alone say no row starts in field `field` of `doc`: a positional place has
   * no word there, or none whose entry has a follower bit of the next place's terms (rowMarks' test,
   * for one document). For documents asked about apart from a scan (a phrase's leaders, the sample):
   * a pasted sentence's phrase of a dozen words is ruled out so in most, before any position is read.
   */
  ruledOut(tables: readonly WordTable[], plan: RowPlan, doc: number, field: number): boolean {
    for (const place of plan.positional) {
      const follows = tables[place + 1]?.follows ?? 0
      const { lists } = this.wordsAt(tables, plan, place)
      let held = false
      for (let i = 0; i < lists.length && !held; i++) {
        const list = lists[i]!
        const packed = list.seek(doc) ? list.fields[list.at]! : 0
        held = fieldCount(packed, field) > 0 && (follows === 0 || (packed & follows) !== 0)
      }
      if (!held) return true
    }
    return false
  }

  /** Room reused by rowFromPositions: the starts of the row it looks at, and the weight of each place's word at each. */
  private rowStarts = new Int32Array(64)
  private rowWeights = new Float64Array(64 * 8)
  /** What placesOf found: positions, ascending, and the weight of the word at each. */
  private placed = new Uint32Array(64)
  private placedWeights = new Float64Array(64)

  /**
   * countField for words in a row (`tables`), from where their words are (Postings.positions): the
   * starts of the row where the rarest place's words are, kept where each other place's words are
   * the right number of words on (looked up rarest first, until none is left: a common word's list
   * is read only for a document where the rarer ones are in a row; a place accepting many words is
   * read from the document's words in order), then counted as the words in order count them: from
   * the first, each occurrence after the one before ends, the first `cap`, each weighing the product
   * of its words' weights in the row's order.
   */
  rowFromPositions(tables: readonly WordTable[], plan: RowPlan, doc: number, field: number, cap: number, many: boolean): number {
    const { positional } = plan
    const k = tables.length
    const first = positional[0]!
    let n = this.placesOf(this.wordsAt(tables, plan, first), doc, field, many)
    if (n === 0) return 0
    if (this.rowStarts.length < n) this.rowStarts = new Int32Array(2 * n)
    if (this.rowWeights.length < n * k) this.rowWeights = new Float64Array(2 * n * k)
    const { rowStarts: starts, rowWeights: weights } = this
    let kept = 0
    for (let j = 0; j < n; j++) {
      if (this.placed[j]! < first) continue
      starts[kept] = this.placed[j]! - first
      weights[kept * k + first] = this.placedWeights[j]!
      kept++
    }
    for (let p = 1; p < positional.length && kept > 0; p++) {
      const place = positional[p]!
      n = this.placesOf(this.wordsAt(tables, plan, place), doc, field, many)
      const { placed, placedWeights } = this
      let left = 0
      // Both ascending: each start's word `place` words on is looked for from where the last one's was.
      for (let j = 0, at = 0; j < kept; j++) {
        const sought = starts[j]! + place
        while (at < n && placed[at]! < sought) at++
        if (at === n || placed[at] !== sought) continue
        starts[left] = starts[j]!
        weights.copyWithin(left * k, j * k, j * k + k)
        weights[left * k + place] = placedWeights[at]!
        left++
      }
      kept = left
    }
    if (kept > 0 && plan.others.length > 0) {
      for (const place of plan.others) if (this.absentFrom(tables[place]!, doc, field, many, false)) return 0
      kept = this.othersFromTokens(tables, plan.others, doc, field, kept)
    }
    if (kept === 0) return 0
    const found: number[] = []
    for (let j = 0, free = 0; j < kept && found.length < cap; j++) {
      if (starts[j]! < free) continue
      let weight = weights[j * k]!
      for (let i = 1; i < k; i++) weight *= weights[j * k + i]!
      found.push(weight)
      free = starts[j]! + k
    }
    return sumOfWeights(found)
  }

  /** Of the `kept` starts of rowFromPositions, those where the words of the places `others` are too, read from the document's words in order; how many. */
  private othersFromTokens(tables: readonly WordTable[], others: readonly number[], doc: number, field: number, kept: number): number {
    const k = tables.length
    const { rowStarts: starts, rowWeights: weights } = this
    const tokens = this.view.tokensOf(doc)
    const start = this.view.fieldStart(doc, field)
    const length = this.view.fieldStart(doc, field + 1) - start
    let left = 0
    for (let j = 0; j < kept; j++) {
      let all = true
      for (const place of others) {
        const at = starts[j]! + place
        const weight = at < length ? weightOf(tables[place]!, tokens[start + at]!) : 0
        if (weight === 0) {
          all = false
          break
        }
        weights[j * k + place] = weight
      }
      if (!all) continue
      starts[left] = starts[j]!
      weights.copyWithin(left * k, j * k, j * k + k)
      left++
    }
    return left
  }

  /**
   * Where the words of `lists` are in field `field` of `doc` (their cursors moved to it): into
   * `placed`, ascending, each with its word's weight; how many.
   */
  private placesOf({ lists, weights }: PlaceWords, doc: number, field: number, whole: boolean): number {
    const { view } = this
    let n = 0
    let words = 0
    for (let i = 0; i < lists.length; i++) {
      const list = lists[i]!
      if (!(list.seek(doc) && fieldCount(list.fields[list.at]!, field) > 0)) continue
      const at = list.at
      const read = (list.positions ??= view.listPositions(list, whole))
      const count = read.read(at, field)
      if (count === 0) continue
      if (this.placed.length < n + count) {
        const grown = new Uint32Array(2 * (n + count))
        grown.set(this.placed)
        this.placed = grown
        const weights = new Float64Array(grown.length)
        weights.set(this.placedWeights)
        this.placedWeights = weights
      }
      const { positions } = read
      const { placed, placedWeights } = this
      for (let j = 0; j < count; j++) {
        placed[n + j] = positions[j]!
        placedWeights[n + j] = weights[i]!
      }
      n += count
      words++
    }
    // Words of one table at the same place cannot both be there: positions from several words only need merging.
    if (words > 1) this.sortPlaced(n)
    return n
  }
  /** The first `n` of `placed` (and their weights) in ascending order (a few dozen at most: sorted by insertion). */
  private sortPlaced(n: number): void {
    const { placed, placedWeights } = this
    for (let i = 1; i < n; i++) {
      const position = placed[i]!
      const weight = placedWeights[i]!
      let j = i - 1
      for (; j >= 0 && placed[j]! > position; j--) {
        placed[j + 1] = placed[j]!
        placedWeights[j + 1] = placedWeights[j]!
      }
      placed[j + 1] = position
      placedWeights[j + 1] = weight
    }
  }

  /**
   * Whether none of `table`'s words is in the field, when that costs little to know: from its counts
   * once made, and made for it when it is the `rarest` of the words in a row (it rules out most
   * documents), or when `many` documents are looked at, or its words are in at most half the entries.
   * For a few hundred, counts of a word in most entries (`the`, `we` of a pasted sentence's phrase)
   * cost a pass over every entry's and would rule out few: the words in order are read instead,
   * which give the same answer.
   */
  absentFrom(table: WordTable, doc: number, field: number, many: boolean, rarest: boolean): boolean {
    if (!table.counts && !rarest && !many && 2 * this.wordTables.spreadOf(table) > this.view.documents) return false
    return this.wordTables.fieldCounts(table).occurrences[doc * FIELD_COUNT + field] === 0
  }

  private readonly byRarity = new WeakMap<readonly WordTable[], WordTable[]>()

  /** The distinct tables of words in a row, the rarest first: it rules out most documents. */
  rarestFirst(tables: readonly WordTable[]): WordTable[] {
    let ordered = this.byRarity.get(tables)
    if (!ordered) {
      ordered = [...new Set(tables)].sort((a, b) => this.wordTables.spreadOf(a) - this.wordTables.spreadOf(b))
      this.byRarity.set(tables, ordered)
    }
    return ordered
  }
}

/**
 * Finding query words in raw stored text without tokenising it (the fast scan of DESIGN.md section 5).
 *
 * Each word compiles to one case-insensitive expression over its plain spellings (plural forms,
 * `varepsilon` for `epsilon`), read through accents (search-fold.ts). A place the expression
 * proposes only counts when the word there, read by the same tokenizer as the query (`tokenAt`),
 * folds to one of the keys.
 */
import { beforeLeadingMarks, wordStartSource } from './search-fold.js'
import { GREEK_LETTERS } from './text-latex.js'
import { surfaceForms } from './text-plural.js'
import { nextToken, tokenAt, type Token } from './text.js'

/** What one query word accepts. */
export interface WordSpec {
  /** Plural-folded keys that match (several after typo correction). */
  keys: ReadonlySet<string>
  /** Also accept any word starting with this normalised prefix (the word still being typed). */
  prefix: string | null
}

/** A place in a text where a term matched: [start, end) in UTF-16 units. */
export interface Span {
  start: number
  end: number
  /** 1 for the word itself; less when only the prefix of a word still being typed matched. */
  weight: number
}

/**
 * What a completion of a word being typed counts for, against the word itself: typing `GP`
 * should find `\mathcal{GP}` before `GPUs`, while `neur` (no word of its own) finds all completions.
 */
const PREFIX_WEIGHT = 0.3

/** Plain spellings that read as `key`: its plural forms, and `varepsilon` for a Greek `epsilon`. */
function spellings(key: string): string[] {
  return GREEK_LETTERS.has(key) ? [...surfaceForms(key), 'var' + key] : surfaceForms(key)
}

/**
 * The beginnings to look for so that every spelling is found: their common start when it is
 * nearly whole (one literal, which regex engines find fastest: `graph` for graph, graphs), else
 * the spellings that do not begin with another (`tranformer|transformer`, not `tran`, which
 * begins far too many words). A place only has to be proposed; the word there is checked after.
 */
export function startsToFind(spellings: readonly string[]): string[] {
  if (spellings.length === 0) return []
  let common = spellings[0]!
  for (const word of spellings) while (!word.startsWith(common)) common = common.slice(0, -1)
  const shortest = Math.min(...spellings.map((word) => word.length))
  if (common.length >= Math.min(shortest, Math.max(2, shortest - 2))) return [common]
  const starts: string[] = []
  for (const word of [...spellings].sort((a, b) => a.length - b.length)) if (!starts.some((s) => word.startsWith(s))) starts.push(word)
  return starts
}

/**
 * No word starts right after an ASCII letter or digit (they are word characters, and a command's
 * word starts after its backslash): places there need not be proposed. Without this, `qua` would
 * propose every `qua` inside a word, three times as many places as start one.
 */
const NOT_AFTER_LETTER = '(?<![A-Za-z0-9])'

/** One query word compiled for scanning. */
export class WordPattern {
  /** Proposes candidate places; global, so callers set `lastIndex`. */
  readonly finder: RegExp
  /** The words that fold to one of the keys (as `foldPlural` would say, without running it on every word read). */
  private readonly accepted: ReadonlySet<string>

  constructor(readonly spec: WordSpec) {
    const words = [...spec.keys].flatMap(spellings)
    if (spec.prefix !== null) words.push(spec.prefix)
    const starts = startsToFind([...new Set(words)])
    this.finder = new RegExp(starts.length > 0 ? `${NOT_AFTER_LETTER}(?:${starts.map(wordStartSource).join('|')})` : '(?!)', 'gi')
    this.accepted = new Set([...spec.keys].flatMap(surfaceForms))
  }

  /** How well a token is this word: 1, PREFIX_WEIGHT for a completion of the prefix, 0 for not at all. */
  weigh(token: Token): number {
    if (this.accepted.has(token.word)) return 1
    return this.spec.prefix !== null && token.word.startsWith(this.spec.prefix) ? PREFIX_WEIGHT : 0
  }
}

/** A term compiled for scanning: one word, or several that must follow each other (a phrase). */
export class TermPattern {
  readonly words: WordPattern[]
  // The last search, reused while its answer still holds: counting asks for the occurrence after
  // the one before, and a text is often asked about twice in a row (is it there? how often?).
  private last: { text: string; from: number; span: Span | null } | null = null

  constructor(specs: readonly WordSpec[]) {
    this.words = specs.map((spec) => new WordPattern(spec))
  }

  /** The first occurrence in `text` at or after `from`, or null. */
  find(text: string, from = 0): Span | null {
    const last = this.last
    if (last && last.text === text && last.from <= from && (last.span === null || last.span.start >= from)) return last.span
    const span = this.scan(text, from)
    this.last = { text, from, span }
    return span
  }

  /**
   * How many times the term occurs (completions of a prefix weigh less), looking at no more than
   * `cap` occurrences: term frequency saturates anyway.
   */
  count(text: string, cap: number): number {
    let total = 0
    let seen = 0
    for (let span = this.find(text); span && seen < cap; span = this.find(text, span.end), seen++) total += span.weight
    return total
  }

  /** Every occurrence, up to `limit`. */
  spans(text: string, limit: number): Span[] {
    const spans: Span[] = []
    for (let span = this.find(text); span && spans.length < limit; span = this.find(text, span.end)) spans.push(span)
    return spans
  }

  /** The occurrence starting with `token`, or null. */
  private matchAt(text: string, token: Token | null): Span | null {
    let weight = token ? this.words[0]!.weigh(token) : 0
    if (!token || weight === 0) return null
    let end = token.end
    for (let i = 1; i < this.words.length; i++) {
      const next = nextToken(text, end)
      weight *= next ? this.words[i]!.weigh(next) : 0
      if (!next || weight === 0) return null
      end = next.end
    }
    return { start: token.start, end, weight }
  }

  private scan(text: string, from: number): Span | null {
    const finder = this.words[0]?.finder
    if (!finder) return null
    finder.lastIndex = from
    for (let hit = finder.exec(text); hit; hit = finder.exec(text)) {
      const span = this.matchAt(text, tokenAt(text, beforeLeadingMarks(text, hit.index)))
      if (span) return span
    }
    return null
  }
}

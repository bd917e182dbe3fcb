/**
 * Finding query words in raw stored text without tokenising it (the fast scan).
 *
 * Each word compiles to one case-insensitive expression over the beginnings of the words that
 * share its stem (text/stem.ts `termStarts`, and `varepsilon` for `epsilon`), read through accents
 * (fold.ts). A place the expression proposes only counts when the word there, read by the same
 * tokenizer as the query (`tokenAt`), has one of the terms.
 */
import { beforeLeadingMarks, wordStartSources } from './fold.js'
import { lowerBound, type ScanText } from './text.js'
import { SEARCH_TUNING } from './tuning.js'
import { GREEK_LETTERS } from '../text/latex.js'
import { stemWord, termStarts } from '../text/stem.js'
import { nextToken, tokenAt, type Token } from '../text/words.js'
import { pushAll, smallest } from '../lists.js'

/** What one query word accepts. */
export interface WordSpec {
  /** Terms (stems, text/stem.ts) whose words match. */
  keys: ReadonlySet<string>
  /**
   * The words that count in full: the word as typed, its singular and plural. A word that only
   * shares the stem counts SEARCH_TUNING.stemWeight. Absent: every word of the terms counts in full.
   */
  exact?: ReadonlySet<string>
  /** Typo corrections (search-typos.ts): terms of library words near a word the library lacks, by the word seen. */
  alternatives?: ReadonlyMap<string, string>
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
export const PREFIX_WEIGHT = 0.3

/** Beginnings of the plain spellings that read as `term`: its words', and `varepsilon` for a Greek `epsilon`. */
function spellings(term: string): string[] {
  return GREEK_LETTERS.has(term) ? [...termStarts(term), 'var' + term] : termStarts(term)
}

/** Beginnings of the plain spellings of words starting with `prefix`: itself, and `varep` for `ep` (`\varepsilon` reads as epsilon). */
function prefixSpellings(prefix: string): string[] {
  return [...GREEK_LETTERS.keys()].some((name) => name.startsWith(prefix)) ? [prefix, 'var' + prefix] : [prefix]
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
  const shortest = smallest(spellings.map((word) => word.length))
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

/** Finds the places where a word may begin, one after another. */
export interface PlaceFinder {
  /** The first such place at or after `from` in `field`, or -1. */
  next(field: ScanText, from: number): number
}

/** Places an expression matches (words written in Latin-1 alone). */
class MatchedPlaces implements PlaceFinder {
  constructor(private readonly expression: RegExp) {}

  next(field: ScanText, from: number): number {
    this.expression.lastIndex = from
    return this.expression.exec(field.text)?.index ?? -1
  }
}

/** The words with a character beyond Latin-1 where an expression matches at their start (see ScanText). */
class WordsBeyondLatin1 implements PlaceFinder {
  /** `expression` is sticky: it is tried at one place. */
  constructor(private readonly expression: RegExp) {}

  next(field: ScanText, from: number): number {
    const starts = field.wideWords
    for (let i = lowerBound(starts, from); i < starts.length; i++) {
      this.expression.lastIndex = starts[i]!
      if (this.expression.test(field.text)) return starts[i]!
    }
    return -1
  }
}

/**
 * The expression of `source` with `flags`, made once for the words compiled again and again: browse
 * compiles every word of the query at each keystroke, for each screenful of records it reads (a few
 * dozen expressions), and one made anew is parsed and compiled anew, its first runs slower (0.02–0.05
 * ms more over a summary's body). Shared: each use sets where it starts (lastIndex) before it runs.
 */
function expressionOf(source: string, flags: string): RegExp {
  const key = `${flags}/${source}`
  let expression = expressions.get(key)
  if (!expression) {
    if (expressions.size >= EXPRESSIONS_KEPT) expressions.clear()
    expressions.set(key, (expression = new RegExp(source, flags)))
  }
  return expression
}

const expressions = new Map<string, RegExp>()
/** Expressions kept (expressionOf): those of the words of a few hundred texts typed. */
const EXPRESSIONS_KEPT = 1000

/** The place finders of a word: an expression over texts in Latin-1, and one tried at the words beyond it. */
function placeFinders(spec: WordSpec): PlaceFinder[] {
  const words = [...spec.keys, ...(spec.alternatives?.keys() ?? [])].flatMap(spellings)
  if (spec.prefix !== null) pushAll(words, prefixSpellings(spec.prefix))
  const sources = startsToFind([...new Set(words)]).map(wordStartSources)
  const expression = (parts: readonly (string | null)[], flags: string) => {
    const present = parts.filter((source): source is string => source !== null)
    return present.length > 0 ? expressionOf(`${NOT_AFTER_LETTER}(?:${present.join('|')})`, flags) : null
  }
  const latin1 = expression(
    sources.map((s) => s.latin1),
    'gi',
  )
  const full = expression(
    sources.map((s) => s.full),
    'iy',
  )
  return [...(latin1 ? [new MatchedPlaces(latin1)] : []), ...(full ? [new WordsBeyondLatin1(full)] : [])]
}

/** One query word compiled for scanning. */
export class WordPattern {
  private found: readonly PlaceFinder[] | undefined
  private firsts: ReadonlySet<string> | undefined

  constructor(readonly spec: WordSpec) {}

  /**
   * Where the word may begin: found by its expressions, checked by reading the word there. Made
   * when first scanned for: the postings engine weighs words by `spec` alone, and a search then
   * builds expressions (and the table of folded letters) only for the snippets of what it shows.
   */
  get places(): readonly PlaceFinder[] {
    this.found ??= placeFinders(this.spec)
    return this.found
  }

  /**
   * How well a token is this word: 1 for the word itself, less for a word of the same stem, a typo
   * correction or a completion of the prefix, 0 for not at all.
   */
  weigh(token: Token): number {
    const { exact, keys, alternatives, prefix } = this.spec
    if (exact?.has(token.word)) return 1
    // A term begins with its word's first letter (stems change endings; so do the irregular plurals'
    // singulars): a word starting otherwise is none of the terms, and is not stemmed. A phrase's
    // next word is weighed at each place its first word is found, mostly words like `the` and `of`,
    // each stemmed cold in a fresh process.
    this.firsts ??= new Set([...keys, ...(alternatives?.keys() ?? [])].map((term) => term.charAt(0)))
    if (this.firsts.has(token.word.charAt(0))) {
      const term = stemWord(token.word)
      if (keys.has(term)) return exact ? SEARCH_TUNING.stemWeight : 1
      if (alternatives?.has(term)) return SEARCH_TUNING.typoWeight
    }
    return prefix !== null && token.word.startsWith(prefix) ? PREFIX_WEIGHT : 0
  }
}

/**
 * The sum of occurrences' weights, heaviest first: a sum that does not depend on the order the
 * occurrences come in (floating-point addition does), so an engine that knows only how many of
 * each weight a field has (postings-search.ts) adds to the same number to the last bit.
 */
export function sumOfWeights(weights: number[]): number {
  weights.sort((a, b) => b - a)
  let total = 0
  for (const weight of weights) total += weight
  return total
}

/** A term compiled for scanning: one word, or several that must follow each other (a phrase). */
export class TermPattern {
  readonly words: WordPattern[]
  // Each place finder's last answer, reused while it still holds: counting asks for the occurrence
  // after the one before, and a text is often asked about twice in a row (is it there? how often?).
  private readonly last: { field: ScanText | null; from: number; span: Span | null }[] = []

  constructor(specs: readonly WordSpec[]) {
    this.words = specs.map((spec) => new WordPattern(spec))
  }

  /** The first occurrence in `field` at or after `from`, or null. */
  find(field: ScanText, from = 0): Span | null {
    const places = this.words[0]?.places ?? []
    let first: Span | null = null
    for (let i = 0; i < places.length; i++) {
      const span = this.findWith(i, places[i]!, field, from)
      if (span && (!first || span.start < first.start)) first = span
    }
    return first
  }

  /**
   * How many times the term occurs (completions of a prefix weigh less), looking at no more than
   * `cap` occurrences: term frequency saturates anyway.
   */
  count(field: ScanText, cap: number): number {
    const weights: number[] = []
    for (let span = this.find(field); span && weights.length < cap; span = this.find(field, span.end)) weights.push(span.weight)
    return sumOfWeights(weights)
  }

  /** Every occurrence, up to `limit`. */
  spans(field: ScanText, limit: number): Span[] {
    const spans: Span[] = []
    for (let span = this.find(field); span && spans.length < limit; span = this.find(field, span.end)) spans.push(span)
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

  private findWith(i: number, places: PlaceFinder, field: ScanText, from: number): Span | null {
    const last = (this.last[i] ??= { field: null, from: 0, span: null })
    if (last.field === field && last.from <= from && (last.span === null || last.span.start >= from)) return last.span
    // Kept in place rather than replaced: one object fewer per look, for each of thousands of texts.
    last.field = field
    last.from = from
    last.span = this.scan(places, field, from)
    return last.span
  }

  private scan(places: PlaceFinder, field: ScanText, from: number): Span | null {
    const { text } = field
    for (let at = places.next(field, from); at >= 0; at = places.next(field, at + 1)) {
      const start = beforeLeadingMarks(text, at)
      const span = start >= from ? this.matchAt(text, tokenAt(text, start)) : null
      if (span) return span
    }
    return null
  }
}

/**
 * Limits on what a `.bib` file may expand to, checked before @retorquere/bibtex-parser reads it.
 *
 * Why a scan of our own: the parser expands `@string` macros as it reads (each definition is kept
 * expanded, then read again as LaTeX) and offers no hook to stop it, so 600 bytes of definitions
 * that each use the one before twice grow to 2^30 characters (3 GB, then "Invalid array length"),
 * and 19 levels store a 1.5 MB title after 14 s. Its LaTeX reader is also quadratic in the length
 * of one value (100 kB: 1.6 s, 400 kB: 13 s, 1 MB: over 2 minutes), and each entry it cannot read
 * costs it a pass over the file up to that entry (32,000 broken entries in 128 kB: 31 s). Each
 * repeat of a field name costs a pass over the repeats before it (16,000 `note`s in one entry:
 * 64 s), and the LaTeX reader recurses into braces (`\emph{` nested 200 deep: 0.6 s; 1,000: a
 * stack overflow).
 * So this scan reads the file the way the parser's tokenizer does (bibtex-cursor.ts; the same
 * recovery from errors) and adds up lengths instead of building strings: each value's expanded
 * length and macro depth come from those of the macros it uses, and nothing is ever expanded.
 * It also finds the values the parser need not read (bibtex-hidden-values.ts hides them): those of
 * fields precis does not read, and those that keep more characters than their field can be stored
 * with, which the record check would refuse after the parser had spent seconds on them.
 */
import { DataError } from '../core/errors.js'
import { pushAll } from '../core/lists.js'
import { BibtexCursor, Unreadable, type Literal } from './bibtex-cursor.js'
import { plainRuns, type PlainRun } from './bibtex-plain-runs.js'
import { isPlainText, keptCharacters } from './bibtex-text.js'

/** Longest value (a field or an `@string`), macros expanded. Summaries longer than this come in as Markdown. */
export const MAX_BIBTEX_VALUE_CHARS = 100_000
/** Deepest chain of `@string` macros defined with other macros; real files nest two or three. */
export const MAX_MACRO_DEPTH = 10
/** All values of a file together, macros expanded: at least this, else twice the file's length. */
export const MIN_EXPANSION_BUDGET = 1_000_000
/** Braces nested in one value (math aside, which the parser never sees); real titles nest four or five. */
export const MAX_BRACE_DEPTH = 32
/** Fields in one entry; real entries have a few dozen at most. */
export const MAX_FIELDS_PER_ENTRY = 100
/** Entries the parser cannot read before the file is refused as not BibTeX. */
export const MAX_UNREADABLE_ENTRIES = 100

/** The total length a file's values may expand to. */
export function expansionBudget(fileChars: number): number {
  return Math.max(MIN_EXPANSION_BUDGET, 2 * fileChars)
}

/** A value as the scan knows it: its length once expanded, and how deep its macros nest. */
interface Sized {
  chars: number
  depth: number
  /** The text of a value that is one braced or quoted literal, as it stands in the file. */
  literal?: Literal
}

// The parser's own abbreviations (months, ACM and IEEE journals): none is longer than this.
const BUILT_IN_MACRO_CHARS = 70

/** Where a value is in the text: from `start` up to `end`. */
export interface ValueSpan {
  start: number
  end: number
}

/** A value too long to be stored: where it is, and its literal as it stands in the text. */
export interface LongValue extends ValueSpan {
  literal: string
}

/** What the scan needs to know of the reader. Field names are in lower case. */
export interface ScanOptions {
  /** A literal piece as it will be stored (bibtex-text.ts hides math behind placeholders while the parser reads). */
  restore?: (literal: string) => string
  /** Whether precis reads a field at all. */
  reads?: (field: string) => boolean
  /** The most characters a field's text is stored with, when the model limits it. */
  storedLimit?: (field: string) => number | undefined
  /** Whether precis reads a field as text or Markdown (not as written, as names or as a list): a plain value of it needs no parse. */
  readsAsText?: (field: string) => boolean
}

/** The values, in the entries the parser will read, that it need not read. */
export interface SpareValues {
  /** Those of fields precis does not read. */
  unread: ValueSpan[]
  /** Those that keep more characters than their field can be stored with (keptCharacters), whatever LaTeX they hold. */
  tooLong: LongValue[]
  /** Those of fields read as text that hold no LaTeX (isPlainText): the parser would give back their text as written. */
  plain: LongValue[]
  /** The plain runs (plainRuns) inside the other values of fields read as text: the same holds for each. */
  runs: LongValue[]
}

/**
 * Throws DataError naming `source`, the entry and field (or the `@string`) and the limit when the
 * `.bib` text would expand past a limit. Returns the values the parser need not read.
 */
export function checkBibtexExpansion(text: string, source: string, options: ScanOptions = {}): SpareValues {
  const scan = new ExpansionScan(text, source, options)
  scan.run()
  return scan.spare
}

class ExpansionScan extends BibtexCursor {
  private total = 0
  private unreadable = 0
  private readonly macros = new Map<string, Sized>()
  private readonly budget: number
  /** Where the value being read belongs, for messages: `entry gilmer2017, field title`. */
  private place = ''
  readonly spare: SpareValues = { unread: [], tooLong: [], plain: [], runs: [] }

  constructor(
    text: string,
    private readonly source: string,
    private readonly options: ScanOptions,
  ) {
    super(text)
    this.budget = expansionBudget(text.length)
  }

  run(): void {
    while (this.pos < this.text.length) this.next()
  }

  /** One top-level item, as the parser's parseNext reads it. */
  private next(): void {
    this.skipWhitespace()
    while (this.pos < this.text.length && this.text[this.pos] !== '@') {
      if (this.text[this.pos] === '%') this.skipLine()
      else this.pos++
    }
    if (this.pos >= this.text.length) return
    const start = this.pos
    const unread = this.spare.unread.length
    const tooLong = this.spare.tooLong.length
    const plain = this.spare.plain.length
    const runs = this.spare.runs.length
    try {
      this.match('@')
      const directive = this.key().toLowerCase()
      if (directive === 'string') {
        const guard = this.guard()
        this.definition()
        this.match(guard)
      } else if (directive === 'preamble') {
        this.place = '@preamble'
        this.value()
      } else if (directive === 'comment') {
        this.comment()
      } else {
        const guard = this.guard()
        this.entry(guard)
        this.match(guard)
      }
    } catch (error) {
      if (!(error instanceof Unreadable)) throw error
      // The parser skips the entry, and looks for the next from where this one began.
      this.spare.unread.length = unread
      this.spare.tooLong.length = tooLong
      this.spare.plain.length = plain
      this.spare.runs.length = runs
      if (++this.unreadable > MAX_UNREADABLE_ENTRIES) {
        throw new DataError(
          `${this.source} has more than ${MAX_UNREADABLE_ENTRIES} entries that cannot be read as BibTeX; is it a .bib file?`,
        )
      }
      this.pos = start + 1
      while (this.pos < this.text.length && this.text[this.pos] !== '@') this.pos++
    }
  }

  private definition(): void {
    const name = this.key()
    if (!name) return
    this.place = `@string ${name}`
    this.expect('=')
    const value = this.value()
    const sized = { chars: value.chars, depth: value.depth + 1 }
    if (sized.depth > MAX_MACRO_DEPTH) {
      throw new DataError(`${this.source}, ${this.place}: @string macros are nested ${sized.depth} deep (the limit is ${MAX_MACRO_DEPTH})`)
    }
    this.macros.set(name.toUpperCase(), sized)
  }

  private entry(guard: string): void {
    if (this.tryMatch(guard)) return
    const key = this.tryMatch(',') ? '' : this.key('[]*"')
    const entry = { name: key ? `entry ${key}` : 'an entry without a key', fields: 0 }
    if (this.tryMatch('=')) this.field(key, entry)
    this.tryMatch(',', true)
    if (this.tryMatch(guard)) return
    this.field(this.key(), entry)
    while (this.tryMatch(',', true)) {
      if (this.tryMatch(guard)) return
      this.field(this.key(), entry)
    }
  }

  private field(name: string, entry: { name: string; fields: number }): void {
    if (!name) return
    if (++entry.fields > MAX_FIELDS_PER_ENTRY) {
      throw new DataError(
        `${this.source}, ${entry.name}: the entry has more than ${MAX_FIELDS_PER_ENTRY} fields (the limit is ${MAX_FIELDS_PER_ENTRY})`,
      )
    }
    const field = name.toLowerCase()
    this.place = `${entry.name}, field ${field}`
    this.expect('=')
    const start = this.pos
    const { chars, literal } = this.value()
    const span = { start, end: this.pos }
    const limit = this.options.storedLimit?.(field)
    if (this.options.reads && !this.options.reads(field)) this.spare.unread.push(span)
    else if (literal === undefined) return
    else if (limit !== undefined && chars > limit && keptCharacters(this.restore(literal.text)) > limit) {
      this.spare.tooLong.push({ ...span, literal: literal.text })
    } else if (this.options.readsAsText?.(field)) {
      if (isPlainText(literal.text)) this.spare.plain.push({ ...span, literal: literal.text })
      else
        pushAll(
          this.spare.runs,
          plainRuns(literal.text).map((run) => runIn(literal, run)),
        )
    }
  }

  private restore(literal: string): string {
    return this.options.restore?.(literal) ?? literal
  }

  /** `piece # piece # ...`: each value read is counted against the limits. */
  private value(): Sized {
    const first = this.piece()
    let { chars, depth } = first
    let pieces = 1
    while (this.tryMatch('#')) {
      pieces++
      this.match('#')
      const piece = this.piece()
      chars += piece.chars
      depth = Math.max(depth, piece.depth)
      this.checkValue(chars, depth)
    }
    this.checkValue(chars, depth)
    this.total += chars
    if (this.total > this.budget) {
      throw new DataError(
        `${this.source}, ${this.place}: with @string macros expanded, the file's values pass ${this.budget.toLocaleString('en-US')} characters in all ` +
          `(the limit is twice the file's length, at least ${MIN_EXPANSION_BUDGET.toLocaleString('en-US')})`,
      )
    }
    return { chars, depth, literal: pieces === 1 ? first.literal : undefined }
  }

  private checkValue(chars: number, macroDepth: number): void {
    if (chars <= MAX_BIBTEX_VALUE_CHARS) return
    const expanded = macroDepth > 0 ? ' with @string macros expanded' : ''
    throw new DataError(
      `${this.source}, ${this.place}: the value is ${chars.toLocaleString('en-US')} characters long${expanded} ` +
        `(the limit is ${MAX_BIBTEX_VALUE_CHARS.toLocaleString('en-US')})`,
    )
  }

  private checkBraces(depth: number): void {
    if (depth <= MAX_BRACE_DEPTH) return
    throw new DataError(
      `${this.source}, ${this.place}: the value nests braces ${depth.toLocaleString('en-US')} deep (the limit is ${MAX_BRACE_DEPTH})`,
    )
  }

  /** A braced or quoted literal, a number, or a macro name (an unknown name is kept as `{{name}}`). */
  private piece(): Sized {
    if (this.tryMatch('{') || this.tryMatch('"')) {
      const literal = this.tryMatch('{') ? this.braced() : this.quoted()
      this.checkBraces(literal.braces)
      return { chars: this.restore(literal.text).length, depth: 0, literal }
    }
    const bare = this.key()
    if (/^\d+$/.test(bare)) return { chars: bare.length, depth: 0 }
    return this.macros.get(bare.toUpperCase()) ?? { chars: Math.max(BUILT_IN_MACRO_CHARS, bare.length + 4), depth: 1 }
  }
}

/** A run of `literal` where it lies in the file. */
function runIn(literal: Literal, run: PlainRun): LongValue {
  return { start: literal.start + run.start, end: literal.start + run.end, literal: literal.text.slice(run.start, run.end) }
}

/**
 * Throws DataError when the parsed entries hold more text than the file may expand to. The scan
 * above bounds the macros; this catches `crossref`, through which every child entry inherits its
 * parent's fields (the parser shares the strings, so adding up their lengths costs nothing).
 * `length` counts a hidden value as the text it stands for.
 */
export function checkParsedSize(
  entries: ReadonlyArray<{ key: string; fields: Record<string, unknown> }>,
  source: string,
  fileChars: number,
  length: (value: string) => number = (value) => value.length,
): void {
  const budget = expansionBudget(fileChars)
  let total = 0
  for (const entry of entries) {
    for (const value of Object.values(entry.fields)) {
      total += typeof value === 'string' ? length(value) : JSON.stringify(value ?? '').length
    }
    if (total > budget) {
      throw new DataError(
        `${source}, entry ${entry.key}: with crossref fields inherited, the entries pass ${budget.toLocaleString('en-US')} characters in all ` +
          `(the limit is twice the file's length, at least ${MIN_EXPANSION_BUDGET.toLocaleString('en-US')})`,
      )
    }
  }
}

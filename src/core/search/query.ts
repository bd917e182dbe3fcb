/**
 * The query grammar shared by `search`, `list`, `export` and `tag --query` (`precis help query`):
 * words (all must match), `"exact phrase"`, `-word` / `-field:value` (exclude), `a OR b`, and the
 * fields of query-fields.ts. `OR` binds tighter than the implicit AND, as on Google:
 * `gnn message OR graph` means gnn AND (message OR graph).
 */
import { UsageError } from '../errors.js'
import { FIELDS, FieldValueError, type Term } from './query-fields.js'
import { closest, editDistance } from '../text/similar.js'

export type { Term, TextField, HasFeature } from './query-fields.js'

/** One condition: a term, possibly negated. */
export interface Condition {
  term: Term
  /** Written with a leading `-`: the entry must NOT match the term. */
  negated: boolean
  /** 1-based column in the query where the condition starts (for messages). */
  column: number
}

/** Conditions joined by OR: the clause holds when any of them does. */
export interface Clause {
  anyOf: Condition[]
}

/** A parsed query: every clause must hold. No clauses matches everything. */
export interface Query {
  clauses: Clause[]
  /**
   * The query ends in a plain word with no space after it: the word may still be being typed,
   * so search can match it as a prefix.
   */
  openEnded: boolean
}

/**
 * Whether `name` (lowercase, before a colon in pasted text) is a field name or a slip of the keyboard
 * for one, refused with "did you mean" rather than searched as text: within one edit of a field name
 * of four letters or fewer (`tags` for tag), or two of a longer one (`tittle`, `athor`). Two-letter
 * words never are: `is:` and `as:` are English.
 */
export function nearFieldName(name: string): boolean {
  if (name.length < 3) return FIELDS.has(name)
  return [...FIELDS.keys()].some((field) => {
    const allowed = field.length <= 4 ? 1 : 2
    return editDistance(name, field, allowed) <= allowed
  })
}

type Token = { kind: 'or'; column: number } | { kind: 'condition'; condition: Condition }

/** Pasted text: an `OR` with no term on one side is the word "or" (a stop word, left out). */
function withoutStrayOr(tokens: Token[], reading: QueryReading): Token[] {
  if (reading === 'strict') return tokens
  return tokens.filter((token, i) => token.kind !== 'or' || (tokens[i - 1]?.kind === 'condition' && tokens[i + 1]?.kind === 'condition'))
}

/** A usage error pointing at `column` of the query, with the query and a caret under the spot. */
function queryError(input: string, column: number, message: string, hints: string[] = []): UsageError {
  return new UsageError(`${message} at column ${column}`, [`  ${input}`, `  ${' '.repeat(column - 1)}^`, ...hints])
}

/**
 * How to read what the grammar cannot: `strict` refuses it (the filters of `list`, `export`,
 * `tag --query`); `pasted` reads it as text (`search` and `browse`, where a sentence from a paper
 * is pasted whole). A field name mistyped is refused either way (nearFieldName).
 */
export type QueryReading = 'strict' | 'pasted'

class Lexer {
  private readonly chars: string[]
  private pos = 0

  constructor(
    private readonly input: string,
    private readonly reading: QueryReading,
  ) {
    this.chars = [...input]
  }

  /** All tokens of the input, in order. */
  tokens(): Token[] {
    const tokens: Token[] = []
    for (;;) {
      while (this.pos < this.chars.length && /\s/u.test(this.chars[this.pos]!)) this.pos++
      if (this.pos >= this.chars.length) return tokens
      const token = this.token()
      if (token) tokens.push(token)
    }
  }

  private fail(column: number, message: string): never {
    throw queryError(this.input, column, message)
  }

  /** The next token; null for pasted text the grammar has no use for (a dash alone, a stray quote). */
  private token(): Token | null {
    const pasted = this.reading === 'pasted'
    const column = this.pos + 1
    const negated = this.chars[this.pos] === '-'
    if (negated) {
      this.pos++
      if (this.pos >= this.chars.length || /\s/u.test(this.chars[this.pos]!)) {
        if (pasted) return null
        this.fail(column, 'Nothing to exclude after "-"')
      }
    }
    if (this.chars[this.pos] === '"') {
      if (pasted && !this.closes()) {
        this.pos++ // a quote never closed is punctuation: the words after it are plain words
        return null
      }
      if (pasted && this.emptyPhrase()) return null
      const value = this.quoted()
      return { kind: 'condition', condition: { term: { kind: 'text', field: 'any', value, quoted: true }, negated, column } }
    }
    const wordStart = this.pos
    const word = this.word()
    if (word === 'OR' && !negated) return { kind: 'or', column }
    const field = /^([A-Za-z]+):/.exec(word)
    if (!field) {
      return { kind: 'condition', condition: { term: { kind: 'text', field: 'any', value: word, quoted: false }, negated, column } }
    }
    const name = field[1]!.toLowerCase()
    const spec = FIELDS.get(name)
    if (!spec && pasted && !nearFieldName(name)) {
      // `Exposure: a study`: a word followed by a colon, not a field.
      return { kind: 'condition', condition: { term: { kind: 'text', field: 'any', value: word, quoted: false }, negated, column } }
    }
    if (!spec) this.unknownField(field[1]!, column)
    let value = word.slice(field[0].length)
    const quoted = value === '' && this.chars[this.pos] === '"'
    const valueColumn = wordStart + [...field[0]].length + 1
    if (quoted) value = this.quoted()
    if (value.trim() === '') this.fail(valueColumn, `Missing value after "${name}:"`)
    try {
      const term = spec.parse(value, quoted)
      return { kind: 'condition', condition: { term, negated, column } }
    } catch (error) {
      if (error instanceof FieldValueError) this.fail(valueColumn + (quoted ? 1 : 0) + error.offset, error.message)
      throw error
    }
  }

  /** A run of characters up to white space or a quote. */
  private word(): string {
    const start = this.pos
    while (this.pos < this.chars.length && !/[\s"]/u.test(this.chars[this.pos]!)) this.pos++
    return this.chars.slice(start, this.pos).join('')
  }

  /** Whether the quote at the current position closes on nothing but spaces; if so, steps past it. */
  private emptyPhrase(): boolean {
    const close = this.chars.indexOf('"', this.pos + 1)
    if (
      this.chars
        .slice(this.pos + 1, close)
        .join('')
        .trim() !== ''
    )
      return false
    this.pos = close + 1
    return true
  }

  /** Whether the quote at the current position has a closing one. */
  private closes(): boolean {
    return this.chars.indexOf('"', this.pos + 1) >= 0
  }

  /** A quoted string starting at the current quote; returns its content. */
  private quoted(): string {
    const column = this.pos + 1
    const close = this.chars.indexOf('"', this.pos + 1)
    if (close < 0) this.fail(column, 'Unbalanced quote')
    const value = this.chars.slice(this.pos + 1, close).join('')
    this.pos = close + 1
    if (value.trim() === '') this.fail(column, 'Empty phrase')
    return value
  }

  private unknownField(name: string, column: number): never {
    const suggestion = closest(name.toLowerCase(), [...FIELDS.keys()], 1)[0]
    const hint = suggestion ? ` (did you mean "${suggestion}:"?)` : ''
    const fields = [...FIELDS.keys()].map((f) => f + ':').join(' ')
    throw queryError(this.input, column, `Unknown field "${name}:"${hint}`, [
      `  Fields: ${fields} To search for the text itself, put it in quotes.`,
    ])
  }
}

/**
 * Parse a query that is still being typed (browse): a phrase not closed yet is read as if it were,
 * and a last condition typed only half-way (`year:20`, `title:`) is left out until it parses.
 * Anything else malformed is a UsageError as with parseQuery.
 */
export function parseTypedQuery(input: string): Query {
  try {
    return parseQuery(input)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    const quotes = [...input].filter((c) => c === '"').length
    const readings: [string, boolean][] = []
    // A phrase closed for the person stays open-ended: its last word may be half typed.
    if (quotes % 2 === 1) readings.push([`${input}"`, !/\s$/u.test(input)])
    // Without the condition being typed (`year:20`), the words before it are finished. An unknown
    // field name will not get better with more typing: that error stands.
    const field = /(?:^|\s)-?([A-Za-z]+):\S*$/u.exec(input)
    if (!/\s$/u.test(input) && !(field && !FIELDS.has(field[1]!.toLowerCase()))) readings.push([input.replace(/\S+$/u, ''), false])
    for (const [text, openEnded] of readings) {
      try {
        return { ...parseQuery(text), openEnded }
      } catch {
        // try the next reading
      }
    }
    // Nothing more to type would make it a query: text pasted into the box, read as text.
    try {
      return parseQuery(input, 'pasted')
    } catch {
      throw error
    }
  }
}

/** Parse a query; a malformed one is a UsageError (exit 2) naming the column, with a caret line. */
export function parseQuery(input: string, reading: QueryReading = 'strict'): Query {
  const tokens = withoutStrayOr(new Lexer(input, reading).tokens(), reading)
  const clauses: Clause[] = []
  let pendingOr: { column: number } | null = null
  for (const [index, token] of tokens.entries()) {
    if (token.kind === 'or') {
      if (index === 0 || tokens[index - 1]!.kind === 'or') throw queryError(input, token.column, '"OR" needs a search term before it')
      pendingOr = token
      continue
    }
    if (pendingOr) clauses[clauses.length - 1]!.anyOf.push(token.condition)
    else clauses.push({ anyOf: [token.condition] })
    pendingOr = null
  }
  if (pendingOr) throw queryError(input, pendingOr.column, '"OR" needs a search term after it')
  const last = tokens[tokens.length - 1]
  const lastCondition = last?.kind === 'condition' ? last.condition : null
  const openEnded =
    lastCondition !== null &&
    !lastCondition.negated &&
    lastCondition.term.kind === 'text' &&
    !lastCondition.term.quoted &&
    !/\s$/u.test(input)
  return { clauses, openEnded }
}

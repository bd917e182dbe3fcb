/**
 * What a value must be to enter a record, whichever way it comes in (flags, prompts, the editor,
 * every import format, metadata replies). Each door runs its values through these checks and turns
 * a problem into its own refusal (a usage error for a flag, an invalid record for an import), so the
 * rules live here once. They are stricter than the read path's (src/core/schema/validate-fast.ts), which
 * must still read every library written before them.
 */
import { MAX_URL_LENGTH, normalizeArxivId, normalizeDoi, normalizeUrl } from '../papers/identifiers.js'
import type { Paper, Summary } from '../model.js'

/** Longest stored value of each text field, in characters (code points; a key's and an id's in UTF-16 code units, as the read path counts them). */
export const FIELD_LIMITS = {
  title: 1000,
  /** Each author's name. */
  author: 200,
  /** How many authors: collaborations in physics list about 3,000. */
  authors: 5000,
  venue: 500,
  abstract: 20_000,
  category: 100,
  arxiv: 100,
  doi: MAX_URL_LENGTH,
  url: MAX_URL_LENGTH,
  by: 200,
  /** A citekey and a summary id (the read path's limits). */
  key: 200,
  id: 210,
} as const

// What the Markdown round trip cannot carry: NUL and the other C0 controls but tab, line feed and
// carriage return (CRLF line ends are kept as written), and either half of a surrogate pair alone.
// eslint-disable-next-line no-control-regex -- finds the control characters the Markdown round trip cannot carry
const UNSTORABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`

function describeCharacter(code: number): string {
  if (code === 0) return 'a NUL character'
  if (code < 0x20) return `a control character (${hex(code)})`
  return `a lone surrogate (${hex(code)}, half of a character)`
}

/** `line 3, column 5` in multi-line text, `character 5` in a single line (both counted from 1). */
function describePosition(text: string, index: number): string {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1
  if (lineStart === 0 && !text.includes('\n')) return `character ${index + 1}`
  let line = 1
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++
  return `line ${line}, column ${index - lineStart + 1}`
}

/**
 * Why `text` cannot be stored (it holds a character the Markdown round trip cannot carry, or is over
 * `limit` characters), with the position; null when it can.
 */
export function textProblem(text: string, limit = Infinity): string | null {
  // Characters are code points, as the metadata sources count them when they cut (an emoji is one).
  if (text.length > limit) {
    let characters = 0
    for (const _ of text) characters++
    if (characters > limit) return `is longer than ${limit} characters (${characters})`
  }
  const at = text.search(UNSTORABLE)
  return at < 0 ? null : `contains ${describeCharacter(text.charCodeAt(at))} at ${describePosition(text, at)}`
}

/** One field that cannot be stored, and why (`reason` reads after the field's name). */
export interface FieldProblem {
  field: string
  /** Which item of a list field (counted from 0), when the problem is one item's. */
  item?: number
  reason: string
}

/** Values checked: the fields in their stored form, and what could not be stored. */
export interface Checked<T> {
  value: T
  problems: FieldProblem[]
}

/** The paper fields that come from outside. */
export type PaperFields = Pick<Paper, 'title' | 'authors' | 'venue' | 'arxiv' | 'category' | 'doi' | 'url' | 'abstract'>

/** A value quoted for a message, cut at 60 characters: a refusal must stay readable whatever it refuses. */
export const shown = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)

/** An identifier in its stored form (blank is none), or the reason it is not one. */
function checkIdentifier(
  value: string,
  limit: number,
  normalise: (text: string) => string | null,
  what: string,
): { value: string | null; reason?: string } {
  if (value.trim() === '') return { value: null }
  const problem = textProblem(value, limit)
  if (problem) return { value, reason: problem }
  const normal = normalise(value)
  return normal === null ? { value, reason: `is not ${what}: ${shown(value)}` } : { value: normal }
}

const IDENTIFIERS = {
  arxiv: (value: string) =>
    checkIdentifier(value, FIELD_LIMITS.arxiv, normalizeArxivId, 'an arXiv id (such as 1704.01212 or math/0501234)'),
  doi: (value: string) => checkIdentifier(value, FIELD_LIMITS.doi, normalizeDoi, 'a DOI (such as 10.1000/xyz123)'),
  url: (value: string) => checkIdentifier(value, FIELD_LIMITS.url, normalizeUrl, 'an http or https link'),
} as const

/**
 * The paper fields present in `paper` (others are left out) checked and in stored form: arXiv ids
 * without their version, DOIs bare and lower-cased, blank identifiers as none.
 */
export function checkPaperFields<T extends Partial<PaperFields>>(paper: T): Checked<T> {
  const value: T = { ...paper }
  const problems: FieldProblem[] = []
  const text = (field: 'title' | 'venue' | 'abstract' | 'category') => {
    const current = paper[field]
    const problem = typeof current === 'string' ? textProblem(current, FIELD_LIMITS[field]) : null
    if (problem) problems.push({ field, reason: problem })
  }
  text('title')
  text('venue')
  text('abstract')
  text('category')
  if (paper.authors) {
    if (paper.authors.length > FIELD_LIMITS.authors)
      problems.push({ field: 'authors', reason: `lists more than ${FIELD_LIMITS.authors} names (${paper.authors.length})` })
    paper.authors.forEach((name, i) => {
      const problem = textProblem(name, FIELD_LIMITS.author)
      if (problem) problems.push({ field: 'authors', item: i, reason: problem })
    })
  }
  for (const field of ['arxiv', 'doi', 'url'] as const) {
    const current = paper[field]
    if (typeof current !== 'string') continue
    const checked = IDENTIFIERS[field](current)
    if (checked.reason) problems.push({ field, reason: checked.reason })
    else value[field] = checked.value
  }
  return { value, problems }
}

/** The summary fields from outside: who wrote it and its text (tags have their own rules). */
export function checkSummaryFields<T extends Partial<Pick<Summary, 'by' | 'body'>>>(summary: T): Checked<T> {
  const problems: FieldProblem[] = []
  const by = typeof summary.by === 'string' ? textProblem(summary.by, FIELD_LIMITS.by) : null
  if (by) problems.push({ field: 'by', reason: by })
  const body = typeof summary.body === 'string' ? textProblem(summary.body) : null
  if (body) problems.push({ field: 'body', reason: body })
  return { value: summary, problems }
}

/** `title is longer than 1000 characters (1200)`, `authors (name 2) contains ...`: one line, the field first. */
export function describeFieldProblem(problem: FieldProblem, field = problem.field): string {
  return `${field}${problem.item === undefined ? '' : ` (name ${problem.item + 1})`} ${problem.reason}`
}

/** The first problem with `fields` as one line, or null: what a prompt shows before asking again. */
export function firstPaperProblem(fields: Partial<PaperFields>): string | null {
  const [problem] = checkPaperFields(fields).problems
  return problem ? describeFieldProblem(problem) : null
}

/** A citekey or summary id from an import that can name a record (else one is made). */
export function isUsableName(name: string, kind: 'key' | 'id'): boolean {
  // The read path counts a key's length in UTF-16 code units.
  return name !== '' && name.length <= FIELD_LIMITS[kind] && textProblem(name) === null && !/\s/.test(name)
}

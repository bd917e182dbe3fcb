/**
 * The `name:value` fields of the query grammar (`precis help query`). One table, so a new field
 * (`cites:`, `citedby:`) is one entry here, one `Term` variant and one case in the matcher.
 */
import { tagProblem } from '../tags/rules.js'
import { READING_STATES, type ReadingState } from '../model.js'

/** Text fields: the words must occur in that part of the paper (`any`: anywhere). */
export type TextField = 'any' | 'title' | 'author' | 'venue'

/** What a query condition tests, once parsed. */
export type Term =
  | {
      kind: 'text'
      field: TextField
      /** The words as typed; several words (or `self-attention`) must appear in a row. */
      value: string
      /** Written in quotes. */
      quoted: boolean
    }
  /** The summary carries `tag` or a tag below it (`ml` matches `ml/gnn`). */
  | { kind: 'tag'; tag: string }
  /** Publication year within [from, to]; null is open-ended. */
  | { kind: 'year'; from: number | null; to: number | null }
  /** The summary contains math or a figure; or its paper has no real metadata yet (`no-metadata`). */
  | { kind: 'has'; feature: HasFeature }
  /** The summary id or paper key equals `id`, or the summary id starts with it (case-insensitive). */
  | { kind: 'id'; id: string }
  /** The summary cites the paper `key` names (a paper key or summary id; lowercase), or a citation written `key`. */
  | { kind: 'cites'; key: string }
  /** The entry's paper is cited by a summary of `key` (a paper key: any of its summaries; or a summary id). */
  | { kind: 'citedby'; key: string }
  /** The entry's paper is in this reading state (core/queue/reading.ts; `none`: a paper in none). */
  | { kind: 'state'; state: ReadingState | 'none' }

export type HasFeature = 'math' | 'figure' | 'no-metadata'

/** Why a field value was refused, and where in the value (0-based code point offset). */
export class FieldValueError extends Error {
  constructor(
    message: string,
    /** Offset inside the value where the problem starts. */
    readonly offset = 0,
  ) {
    super(message)
  }
}

/** How one field turns its value into a term. */
export interface FieldSpec {
  /** Parse the value (already unquoted); throw FieldValueError when it cannot mean anything. */
  parse(value: string, quoted: boolean): Term
  /** One line for help text and error messages. */
  example: string
}

const YEAR = /^\d{4}$/
const STATES: readonly (ReadingState | 'none')[] = [...READING_STATES, 'none']
const HAS: readonly HasFeature[] = ['math', 'figure', 'no-metadata']

function year(text: string, offset: number): number {
  if (!YEAR.test(text)) throw new FieldValueError(`Bad year "${text}": a year has four digits`, offset)
  return Number(text)
}

/** `2017`, `>=2018`, `>2018`, `<=2019`, `<2019`, `2015..2020`, `2015..`, `..2020`. */
export function parseYear(value: string): Term {
  const comparison = /^(>=|<=|>|<)(.*)$/.exec(value)
  if (comparison) {
    const [, op, rest] = comparison as unknown as [string, string, string]
    const n = year(rest, op.length)
    if (op === '>=') return { kind: 'year', from: n, to: null }
    if (op === '>') return { kind: 'year', from: n + 1, to: null }
    if (op === '<=') return { kind: 'year', from: null, to: n }
    return { kind: 'year', from: null, to: n - 1 }
  }
  const dots = value.indexOf('..')
  if (dots < 0) {
    const n = year(value, 0)
    return { kind: 'year', from: n, to: n }
  }
  const [start, end] = [value.slice(0, dots), value.slice(dots + 2)]
  if (start === '' && end === '') throw new FieldValueError('Bad year range "..": give a start, an end or both')
  const from = start === '' ? null : year(start, 0)
  const to = end === '' ? null : year(end, dots + 2)
  if (from !== null && to !== null && from > to) throw new FieldValueError(`Bad year range "${value}": ${from} is after ${to}`)
  return { kind: 'year', from, to }
}

function text(field: TextField): FieldSpec['parse'] {
  return (value, quoted) => ({ kind: 'text', field, value, quoted })
}

/** Every field the grammar knows, by lowercase name. */
export const FIELDS: ReadonlyMap<string, FieldSpec> = new Map<string, FieldSpec>([
  ['title', { parse: text('title'), example: 'title:"message passing"' }],
  ['author', { parse: text('author'), example: 'author:gilmer' }],
  ['venue', { parse: text('venue'), example: 'venue:neurips' }],
  [
    'tag',
    {
      parse: (value) => {
        const tag = value.trim().toLowerCase().replace(/\s+/g, '-')
        const problem = tagProblem(tag)
        if (problem) throw new FieldValueError(`Bad tag "${value}": ${problem}`)
        return { kind: 'tag', tag }
      },
      example: 'tag:ml (also matches ml/gnn)',
    },
  ],
  ['year', { parse: parseYear, example: 'year:2017, year:>=2018, year:<=2019, year:2015..2020' }],
  [
    'has',
    {
      parse: (value) => {
        const feature = value.toLowerCase() as HasFeature
        if (!HAS.includes(feature)) throw new FieldValueError(`has: takes ${HAS.slice(0, -1).join(', ')} or ${HAS.at(-1)}, not "${value}"`)
        return { kind: 'has', feature }
      },
      example: 'has:math, has:figure, has:no-metadata (papers to identify)',
    },
  ],
  ['id', { parse: (value) => ({ kind: 'id', id: value.toLowerCase() }), example: 'id:gilmer2017neural' }],
  [
    'cites',
    { parse: (value) => ({ kind: 'cites', key: value.trim().toLowerCase() }), example: 'cites:gilmer2017neural (summaries citing it)' },
  ],
  [
    'state',
    {
      parse: (value) => {
        const state = value.trim().toLowerCase() as ReadingState | 'none'
        if (!STATES.includes(state))
          throw new FieldValueError(`state: takes ${STATES.slice(0, -1).join(', ')} or ${STATES.at(-1)}, not "${value}"`)
        return { kind: 'state', state }
      },
      example: 'state:to-read, state:reading, state:read, state:none (the reading queue)',
    },
  ],
  [
    'citedby',
    {
      parse: (value) => ({ kind: 'citedby', key: value.trim().toLowerCase() }),
      example: 'citedby:gilmer2017neural (papers its summaries cite)',
    },
  ],
])

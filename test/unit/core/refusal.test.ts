/**
 * Why a library is refused, told from zod's issues record by record and stopped once enough are
 * counted: the same lines as zod over the whole value gives (the reference below) wherever the
 * problems are fewer than the count's bound, and the same first problems past it.
 */
import { describe, expect, it } from 'vitest'
import { DataError } from '../../../src/core/errors.js'
import { LIBRARY_FORMAT, LIBRARY_VERSION } from '../../../src/core/model.js'
import { parseLibraryFile, zodSchemas } from '../../../src/core/schema/schema.js'
import { pick, seeded, type Random } from '../../support/random.js'
import { randomLibrary } from '../../support/random-library.js'

/** What a refusal said before it was bounded: zod over the whole value, five issues and a count of the rest. */
function zodOverAll(value: unknown): string[] {
  const result = zodSchemas().librarySchema.safeParse(value)
  if (result.success) return ['it breaks a rule of the library format']
  const lines = result.error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('')
    return `${path.replace(/^\./, '') || '(top level)'}: ${issue.message}`
  })
  if (result.error.issues.length > 5) lines.push(`... and ${result.error.issues.length - 5} more problems`)
  return lines
}

function refusal(value: unknown): string[] {
  try {
    parseLibraryFile(JSON.stringify(value), 'lib.json')
  } catch (error) {
    expect(error).toBeInstanceOf(DataError)
    expect((error as DataError).message).toBe('lib.json is not a valid precis library')
    return (error as DataError).details
  }
  throw new Error('the library was read')
}

type Fields = Record<string, unknown>
const BREAKS: ((record: Fields) => void)[] = [
  (r) => (r.year = 'last year'),
  (r) => delete r.title,
  (r) => (r.created = 'yesterday'),
  (r) => (r.tags = ['Not A Tag']),
  (r) => (r.key = 42),
  (r) => (r.deleted = null),
  (r) => (r.summary = 'gone'),
  (r) => (r.attachments = [{ kind: 'file', name: '../escape' }]),
  (r) => (r.priority = 99),
]
const TOP_BREAKS: ((library: Fields) => void)[] = [
  (l) => (l.format = 'other'),
  (l) => (l.papers = {}),
  (l) => delete l.summaries,
  (l) => (l.trash = 'none'),
]

/** A random library with `breaks` records broken (and now and then its top level). */
function brokenLibrary(random: Random, breaks: number): Fields {
  const library = JSON.parse(JSON.stringify(randomLibrary(random, 12))) as Fields
  const lists = ['papers', 'summaries', 'trash'].map((name) => library[name] as Fields[])
  for (let b = 0; b < breaks; b++) {
    const list = pick(random, lists)
    if (list.length > 0) pick(random, BREAKS)(pick(random, list))
  }
  if (random() < 0.25) pick(random, TOP_BREAKS)(library)
  return library
}

describe('a refused library is explained as zod over the whole of it explains it', () => {
  it.each([
    ['null', null],
    ['a list', []],
    ['a string', 'library'],
    ['no fields', {}],
  ])('%s', (_, value) => {
    expect(refusal(value)).toEqual(zodOverAll(value))
  })

  // As many as still fail for each way of breaking the explanation on purpose that BENCHMARKS.md (s43-suite-u) lists.
  it('100 random libraries with 1 to 30 broken records', () => {
    const random = seeded(42)
    let refused = 0
    for (let round = 0; round < 100; round++) {
      const library = brokenLibrary(random, 1 + Math.floor(random() * 30))
      const expected = zodOverAll(library)
      if (expected[0] === 'it breaks a rule of the library format') continue // a break that happened to keep it valid
      expect(refusal(library)).toEqual(expected)
      refused++
    }
    expect(refused).toBeGreaterThan(75)
  })
})

// Far past the count's bound, and past the ~125,000 items a list spread into one call's arguments overflows the stack with.
it('130,000 broken summaries: the same first five problems, and "over 995 more" after them', () => {
  const broken = (i: number) => ({ id: `s${i}`, paper: 'p', by: 'Reader', body: 'x', tags: [], created: 'yesterday', updated: 'today' })
  const library = {
    format: LIBRARY_FORMAT,
    version: LIBRARY_VERSION,
    papers: [],
    summaries: Array.from({ length: 130_000 }, (_, i) => broken(i)),
    trash: [],
  }
  const few = { ...library, summaries: library.summaries.slice(0, 3) }
  const lines = refusal(library)
  expect(lines.slice(0, 5)).toEqual(zodOverAll(few).slice(0, 5))
  expect(lines[5]).toBe('... and over 995 more problems')
  expect(lines).toHaveLength(6)
})

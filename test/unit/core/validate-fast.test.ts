import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { DataError } from '../../../src/core/errors.js'
import type { Library } from '../../../src/core/model.js'
import { buildZodSchemas } from '../../../src/core/schema/zod.js'
import { validateLibrary } from '../../../src/core/schema/schema.js'
import { checkLibrary } from '../../../src/core/schema/validate-fast.js'
import { serializeLibrary } from '../../../src/store/serialize.js'
import { paper, smallLibrary } from '../../support/library.js'

// zod is the reference: the hand-written check must accept and refuse exactly what it does,
// and give the same records back.
const { librarySchema } = buildZodSchemas(z)

function libraryWithTrash(): Library {
  const lib = smallLibrary()
  const [first] = lib.summaries
  lib.trash = [
    { summary: { ...first!, id: 'gone' }, paper: paper({ key: 'gone' }), deleted: '2025-01-01T00:00:00Z' },
    { summary: { ...first!, id: 'gone-2' }, paper: null, deleted: '2025-01-02T10:11:12.5+02:00' },
  ]
  return lib
}

function expectSameVerdict(value: unknown): void {
  const reference = librarySchema.safeParse(value)
  const fast = checkLibrary(value)
  expect(fast === null, JSON.stringify(value).slice(0, 300)).toBe(!reference.success)
  if (reference.success) {
    expect(fast).toEqual(reference.data)
    expect(JSON.stringify(fast)).toBe(JSON.stringify(reference.data)) // same fields, same order
  }
}

/** Set `path` (e.g. ['papers', 0, 'year']) in a copy of the library to `value`; `undefined` deletes. */
function withValue(path: readonly (string | number)[], value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(libraryWithTrash())) as Record<string | number, unknown>
  let node = copy
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>
  const last = path.at(-1)!
  if (value === undefined) delete node[last]
  else node[last] = value
  return copy
}

const timestamps = [
  '2024-02-29T00:00:00Z',
  '2023-02-29T00:00:00Z',
  '2000-02-29T12:00:00Z',
  '1900-02-29T12:00:00Z',
  '2024-04-31T00:00:00Z',
  '2024-04-30T23:59:59.999999Z',
  '2024-01-01T24:00:00Z',
  '2024-01-01T00:00Z',
  '2024-01-01T00:00:00',
  '2024-01-01T00:00:00+0200',
  '2024-01-01T00:00:00+24:00',
  '2024-01-01T00:00:00-23:59',
  '2024-01-01 00:00:00Z',
  '2024-01-01T00:00:00.Z',
  '2024-13-01T00:00:00Z',
  ' 2024-01-01T00:00:00Z',
  '',
]

const strange = [
  null,
  0,
  -1,
  1,
  1.5,
  5,
  6,
  10000,
  9999,
  2017,
  -0,
  true,
  'text',
  '',
  'to-read',
  'reading',
  'read',
  'Read',
  'x'.repeat(201),
  'x'.repeat(211),
  [],
  ['a'],
  {},
  { a: 1 },
]

const tags = [
  'gnn',
  'ml/gnn',
  'Bad',
  'with space',
  '',
  'a//b',
  '/a',
  'a/',
  'x'.repeat(64),
  'x'.repeat(65),
  'ü',
  'é'.repeat(64),
  'tab\tx',
  'rtl\u202e',
  'nbsp\u00a0x',
]

describe('checkLibrary agrees with the zod schema', () => {
  it.each([
    ['the small library', smallLibrary()],
    ['a library with trash', libraryWithTrash()],
    ['null', null],
    ['an array', []],
    ['a string', 'precis-library'],
  ])('on %s', (_, value) => expectSameVerdict(value))

  const fieldPaths: (string | number)[][] = [
    ['format'],
    ['version'],
    ['papers'],
    ['summaries'],
    ['trash'],
    ...['key', 'title', 'authors', 'year', 'venue', 'arxiv', 'doi', 'url', 'abstract', 'added', 'state', 'priority'].map((f) => [
      'papers',
      0,
      f,
    ]),
    ['trash', 0, 'paper', 'priority'],
    ...['id', 'paper', 'by', 'body', 'tags', 'created', 'updated'].map((f) => ['summaries', 1, f]),
    ['trash', 0, 'summary'],
    ['trash', 0, 'paper'],
    ['trash', 1, 'paper'],
    ['trash', 0, 'deleted'],
    ['trash', 1, 'summary', 'tags'],
    ['trash', 0, 'paper', 'year'],
    ['papers', 1],
    ['summaries', 0],
    ['trash', 1],
    ['papers', 0, 'authors', 0],
    ['summaries', 0, 'tags', 1],
  ]
  const cases = fieldPaths.flatMap((path) => [undefined, ...strange].map((value) => [path.join('.'), value, path] as const))
  it.each(cases)('with %s set to %j', (_, value, path) => expectSameVerdict(withValue(path, value)))

  it.each(timestamps)('on the timestamp %j', (stamp) => {
    expectSameVerdict(withValue(['papers', 0, 'added'], stamp))
    expectSameVerdict(withValue(['trash', 1, 'deleted'], stamp))
  })

  it.each(tags)('on the tag %j', (tag) => expectSameVerdict(withValue(['summaries', 0, 'tags', 0], tag)))

  it('drops unknown keys and __proto__ as zod does', () => {
    const text = JSON.stringify(smallLibrary()).replace(
      '"key":"gilmer2017neural"',
      '"__proto__":{"polluted":1},"extra":5,"key":"gilmer2017neural"',
    )
    const value = JSON.parse(text) as unknown
    expectSameVerdict(value)
    expect(Object.getPrototypeOf(checkLibrary(value)!.papers[0])).toBe(Object.prototype)
  })

  it('keeps records that hold exactly the known fields in file order, and rebuilds the others', () => {
    const lib = libraryWithTrash()
    lib.papers[0]!.category = 'cs.LG'
    const value = JSON.parse([...serializeLibrary(lib)].join('')) as Library // as read from a file: fields in order
    const reordered = { ...value.summaries[1]!, id: 'reordered' }
    value.summaries[1] = Object.fromEntries(Object.entries(reordered).reverse()) as typeof reordered
    const checked = checkLibrary(value)!
    expect(checked.papers[0]).toBe(value.papers[0])
    expect(checked.papers[1]).toBe(value.papers[1])
    expect(checked.trash[0]).toBe(value.trash[0])
    expect(checked.summaries[0]).toBe(value.summaries[0])
    expect(checked.summaries[1]).not.toBe(value.summaries[1])
    expect(Object.keys(checked.summaries[1]!)).toEqual(['id', 'paper', 'by', 'body', 'tags', 'created', 'updated'])
    expectSameVerdict(value)
  })

  it('agrees on random damage (seeded)', () => {
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
    const values = [undefined, ...strange, ...timestamps, ...tags]
    for (let i = 0; i < 400; i++) {
      const path = pick(fieldPaths)
      expectSameVerdict(withValue(path, pick(values)))
    }
  })
})

describe('validateLibrary explains a refusal with zod', () => {
  it.each([
    [['papers', 0, 'year'], '2017', 'papers[0].year: Invalid input'],
    [['summaries', 0, 'tags', 0], 'Bad', 'summaries[0].tags[0]: tag "Bad": it is not lowercase'],
    [['trash', 0, 'deleted'], 'yesterday', 'trash[0].deleted: Invalid ISO datetime'],
    [['format'], undefined, 'format: Invalid input'],
  ] as const)('at %j', (path, value, expected) => {
    const reference = librarySchema.safeParse(withValue(path, value))
    expect(reference.success).toBe(false)
    try {
      validateLibrary(withValue(path, value), 'lib.json')
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(DataError)
      const details = (error as DataError).details
      expect(details[0]).toContain(expected)
      expect(details[0]).toContain(reference.error!.issues[0]!.message)
    }
  })
})

describe('attachments: checkLibrary agrees with the zod schema', () => {
  const sha = 'ab'.repeat(32)
  const pdf = { kind: 'file', name: 'paper.pdf', sha256: sha, size: 12, added: '2026-01-01T00:00:00Z' }
  const link = { kind: 'link', url: 'https://example.org/code', added: '2026-01-01T00:00:00Z' }
  it.each([
    ['a file and a link', [pdf, link]],
    ['an empty list', []],
    ['a file named ..', [{ ...pdf, name: '..' }]],
    ['a path as a name', [{ ...pdf, name: 'a/b.pdf' }]],
    ['two files whose names differ in case', [pdf, { ...pdf, name: 'PAPER.pdf', sha256: 'cd'.repeat(32) }]],
    ['an upper-case hash', [{ ...pdf, sha256: sha.toUpperCase() }]],
    ['a fractional size', [{ ...pdf, size: 1.5 }]],
    ['an absurd size', [{ ...pdf, size: 2 ** 40 }]],
    ['a file: link', [{ ...link, url: 'file:///etc/passwd' }]],
    ['a link with a space', [{ ...link, url: 'https://a b' }]],
    ['a missing timestamp', [{ kind: 'link', url: 'https://a.org' }]],
    ['an unknown kind', [{ kind: 'dir', added: '2026-01-01T00:00:00Z' }]],
    ['a stray field', [{ ...pdf, extra: 1 }]],
    ['fields out of order', [{ added: pdf.added, size: 12, sha256: sha, name: 'paper.pdf', kind: 'file' }]],
    ['an object', { 0: pdf }],
    ['null', null],
  ])('on %s', (_, attachments) => expectSameVerdict(withValue(['papers', 0, 'attachments'], attachments)))

  it('keeps a paper with attachments in file order as it is, and rebuilds one whose attachment holds __proto__', () => {
    const lib = libraryWithTrash()
    lib.papers[0]!.attachments = [pdf as never, link as never]
    const value = JSON.parse([...serializeLibrary(lib)].join('')) as Library
    expect(checkLibrary(value)!.papers[0]).toBe(value.papers[0])
    const text = JSON.stringify(lib).replace('"kind":"link"', '"__proto__":{"polluted":1},"kind":"link"')
    const hostile = JSON.parse(text) as Library
    expectSameVerdict(hostile)
    const checked = checkLibrary(hostile)!.papers[0]!.attachments![1]!
    expect(Object.getPrototypeOf(checked)).toBe(Object.prototype)
    expect(Object.keys(checked)).toEqual(['kind', 'url', 'added'])
  })
})

import { describe, expect, it } from 'vitest'
import { DataError } from '../../../src/core/errors.js'
import { emptyLibrary, LIBRARY_VERSION, type Library, type Paper, type Summary } from '../../../src/core/model.js'
import { parseLibrary, parseLibraryFile } from '../../../src/core/schema/schema.js'
import { NewerLibraryError } from '../../../src/core/schema/upgrade.js'
import { compareIds, serializeLibrary, stableLibrary } from '../../../src/store/serialize.js'
import { smallLibrary } from '../../support/library.js'

const valid = () => JSON.stringify(smallLibrary())

describe('parseLibrary', () => {
  it('reads back what was written', () => {
    expect(parseLibrary(valid(), 'lib.json')).toEqual(smallLibrary())
  })

  it.each([
    ['empty', ''],
    ['truncated', valid().slice(0, 200)],
    ['NUL-filled', '\u0000'.repeat(64)],
    ['BOM-prefixed', '\ufeff' + valid()],
    ['null', 'null'],
    ['an array', '[]'],
    ['wrong format', JSON.stringify({ ...emptyLibrary(), format: 'other' })],
    ['version 0', JSON.stringify({ ...emptyLibrary(), version: 0 })],
    ['a newer version', JSON.stringify({ ...emptyLibrary(), version: LIBRARY_VERSION + 1 })],
    ['no version', JSON.stringify({ format: 'precis-library', papers: [], summaries: [], trash: [] })],
    ['a year as text', valid().replace('"year":2017', '"year":"2017"')],
    ['an invalid tag', valid().replace('"gnn"', '"Bad Tag"')],
    ['a bad timestamp', valid().replace('2024-03-01T00:00:00.000Z', 'yesterday')],
    ['two summaries with one id', valid().replace('"gilmer2017neural-2"', '"gilmer2017neural"')],
  ])('refuses %s with a DataError naming the file', (_, text) => {
    expect(() => parseLibrary(text, '/x/lib.json')).toThrow(DataError)
    expect(() => parseLibrary(text, '/x/lib.json')).toThrow('/x/lib.json')
  })

  it('names the field at fault', () => {
    try {
      parseLibrary(valid().replace('"year":2017', '"year":"2017"'), 'lib.json')
      expect.unreachable()
    } catch (error) {
      expect((error as DataError).details.join('\n')).toContain('papers[0].year')
    }
  })

  it('drops unknown keys and never lets __proto__ reach an object', () => {
    const text = valid().replace('"key":"gilmer2017neural"', '"__proto__":{"polluted":1},"extra":5,"key":"gilmer2017neural"')
    const lib = parseLibrary(text, 'lib.json')
    expect(Object.keys(lib.papers[0]!)).not.toContain('extra')
    expect(Object.getPrototypeOf(lib.papers[0])).toBe(Object.prototype)
    expect(({} as { polluted?: number }).polluted).toBeUndefined()
  })
})

describe('the arXiv category (a field added after version 1 files were written)', () => {
  const withCategory = (category: unknown) =>
    valid().replace('"arxiv":"1704.01212"', `"arxiv":"1704.01212","category":${JSON.stringify(category)}`)
  it('is kept when present, in schema order, and stays absent when absent', () => {
    const lib = parseLibrary(withCategory('cs.LG'), 'lib.json')
    expect(lib.papers[0]?.category).toBe('cs.LG')
    expect(Object.keys(lib.papers[0]!).indexOf('category')).toBe(Object.keys(lib.papers[0]!).indexOf('arxiv') + 1)
    expect(Object.keys(parseLibrary(valid(), 'lib.json').papers[0]!)).not.toContain('category')
    expect([...serializeLibrary(lib)].join('')).toContain('"category": "cs.LG"')
  })
  it.each([[5], [['cs.LG']]])('refuses %j', (category) => {
    expect(() => parseLibrary(withCategory(category), 'lib.json')).toThrow(DataError)
  })
})

describe('serializeLibrary', () => {
  const text = (lib: Library) => [...serializeLibrary(lib)].join('')
  const shuffled = (lib: Library): Library => ({
    ...lib,
    // Records in reverse order, fields in reverse order: what code that builds records freely might hold.
    papers: lib.papers.map((p) => Object.fromEntries(Object.entries(p).reverse()) as Paper).reverse(),
    summaries: lib.summaries.map((s) => Object.fromEntries(Object.entries(s).reverse()) as Summary).reverse(),
    trash: [...lib.trash].reverse(),
  })
  const withTrash = (): Library => {
    const lib = smallLibrary()
    const [first, second] = [lib.summaries[0]!, lib.summaries[1]!]
    lib.trash = [
      { summary: { ...second, id: 'later' }, paper: null, deleted: '2025-02-01T00:00:00.000Z' },
      { summary: { ...first, id: 'earlier' }, paper: lib.papers[0]!, deleted: '2025-01-01T00:00:00.000Z' },
    ]
    lib.summaries.push({ ...first, id: 'gilmer2017neural-10' })
    return lib
  }

  it.each([
    ['the small library', smallLibrary()],
    ['an empty library', emptyLibrary()],
    ['a library with trash', withTrash()],
  ])('writes %s as the same text whatever the order of its records and fields', (_, lib) => {
    expect(text(shuffled(lib))).toBe(text(lib))
    expect(text(lib)).toBe(JSON.stringify(JSON.parse(text(lib)), null, 2) + '\n') // one field per line
    expect(parseLibrary(text(lib), 'lib.json')).toEqual(stableLibrary(lib))
  })

  it('sorts papers by key, summaries by id with numbers in order, trash by deletion time', () => {
    const lib = parseLibrary(text(shuffled(withTrash())), 'lib.json')
    expect(lib.papers.map((p) => p.key)).toEqual(['gilmer2017neural', 'rasmussen2004gaussian'])
    expect(lib.summaries.map((s) => s.id)).toEqual([
      'gilmer2017neural',
      'gilmer2017neural-2',
      'gilmer2017neural-10',
      'rasmussen2004gaussian',
    ])
    expect(lib.trash.map((e) => e.summary.id)).toEqual(['earlier', 'later'])
    expect(Object.keys(lib.summaries[0]!)).toEqual(['id', 'paper', 'by', 'body', 'tags', 'created', 'updated'])
  })
})

describe('compareIds', () => {
  it.each([
    ['x', 'x-2', -1],
    ['x-2', 'x-10', -1],
    ['x-10', 'x-9', 1],
    ['smith2009deep', 'smith2017deep', -1],
    ['smith2017deep', 'smith2017deepa', -1],
    ['x01', 'x1', -1],
    ['x1', 'x1', 0],
    ['B', 'a', -1], // code units, not locale: the same order on every machine
  ])('%s vs %s → %i', (a, b, sign) => {
    expect(Math.sign(compareIds(a, b))).toBe(sign)
    expect(Math.sign(compareIds(b, a))).toBe(sign === 0 ? 0 : -sign)
  })
})

describe('format versions: older files upgraded in memory, newer ones refused', () => {
  const v1 = () => JSON.stringify({ ...smallLibrary(), version: 1 })
  it('a version-1 file reads as the current version, and says it was version 1', () => {
    const read = parseLibraryFile(v1(), 'lib.json')
    expect(read.fileVersion).toBe(1)
    expect(read.library).toEqual(smallLibrary())
    expect(read.library.version).toBe(LIBRARY_VERSION)
  })

  it('a current file says so', () => {
    expect(parseLibraryFile(valid(), 'lib.json').fileVersion).toBe(LIBRARY_VERSION)
  })

  it.each([LIBRARY_VERSION + 1, 99])('version %d is refused as newer, naming both versions and never as damage', (version) => {
    const text = JSON.stringify({ ...smallLibrary(), version, papers: 'whatever a newer precis writes' })
    expect(() => parseLibrary(text, '/x/lib.json')).toThrow(NewerLibraryError)
    expect(() => parseLibrary(text, '/x/lib.json')).toThrow(
      `/x/lib.json was written by a newer precis (library format version ${version}; this precis knows up to ${LIBRARY_VERSION})`,
    )
  })

  it('a reading state and priority are kept in schema order, after added', () => {
    const text = valid().replace('"key":"gilmer2017neural"', '"priority":2,"state":"to-read","key":"gilmer2017neural"')
    const paper = parseLibrary(text, 'lib.json').papers[0]!
    expect(paper).toMatchObject({ state: 'to-read', priority: 2 })
    expect(Object.keys(paper).slice(-3)).toEqual(['added', 'state', 'priority'])
  })

  it.each([
    ['an unknown state', '"state":"done"'],
    ['priority 0', '"state":"to-read","priority":0'],
    ['priority 6', '"state":"to-read","priority":6'],
    ['a fractional priority', '"state":"to-read","priority":2.5'],
    ['a priority as text', '"state":"to-read","priority":"1"'],
  ])('refuses %s', (_, fields) => {
    expect(() => parseLibrary(valid().replace('"key":"gilmer2017neural"', `${fields},"key":"gilmer2017neural"`), 'lib.json')).toThrow(
      DataError,
    )
  })
})

import { describe, expect, it } from 'vitest'
import { DataError } from '../../../src/core/errors.js'
import { emptyLibrary } from '../../../src/core/model.js'
import { parseLibrary } from '../../../src/core/schema.js'
import { serializeLibrary } from '../../../src/store/serialize.js'
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
    ['a newer version', JSON.stringify({ ...emptyLibrary(), version: 2 })],
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

describe('serializeLibrary', () => {
  it.each([
    ['the small library', smallLibrary()],
    ['an empty library', emptyLibrary()],
  ])('writes %s as JSON.stringify(lib, null, 2) does', (_, lib) => {
    expect([...serializeLibrary(lib)].join('')).toBe(JSON.stringify(lib, null, 2) + '\n')
  })
})

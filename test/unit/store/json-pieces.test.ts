import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DataError } from '../../../src/core/errors.js'
import { parseLibrary } from '../../../src/core/schema/schema.js'
import { parseJsonPieces } from '../../../src/store/json-pieces.js'
import { LibraryFile } from '../../../src/store/library-file.js'
import { sizeWarning, WARN_LIBRARY_FILE_BYTES, MAX_LIBRARY_FILE_BYTES } from '../../../src/store/size-limit.js'
import { tempDir } from '../../support/context.js'
import { smallLibrary } from '../../support/library.js'

const pieces = (text: string) => parseJsonPieces(Buffer.from(text, 'utf8'))

/** Same value, same key order, or both refuse. */
function expectLikeJsonParse(text: string): void {
  let expected: unknown
  try {
    expected = JSON.parse(text)
  } catch {
    expect(() => pieces(text), text).toThrow(SyntaxError)
    return
  }
  expect(JSON.stringify(pieces(text)), text).toBe(JSON.stringify(expected))
}

describe('parseJsonPieces reads what JSON.parse reads', () => {
  it.each([
    '{}',
    ' {\n} \n',
    '{"a":[]}',
    '{"a":[ ]}',
    ' { "a" : [ 1 , "x]" , {"b":"}\\"", "c":[["]"]]} ] , "c" : {"d":[1,2]}, "e": null, "f": -1.5e3, "g": true } ',
    '{"a":1,"a":[2],"b":3}',
    '{"s":"back\\\\slash\\\\","t":["\\\\\\"",""]}',
    '{"ü":["Schrödinger ψ 😀"]}',
    '{"":[""], "n":[0,-0,1e-7]}',
  ])('accepts %j', (text) => expectLikeJsonParse(text))

  it.each([
    '',
    ' ',
    '{',
    '{"a":[1,]}',
    '{"a":1,}',
    '{"a" 1}',
    '{"a":[1 2]}',
    '{"a":"x}',
    '{"a":1} x',
    '{a:1}',
    '{"a":tru}',
    '{"a":[1]]}',
    '{"a":{"b":1}',
    '{"a":[1}',
    '{"a":}',
    '{,"a":1}',
    '{"a":1 "b":2}',
    '{"a":[,1]}',
    '{"a":1"b"}',
    '{"a":"\\u12"}',
    '{"a":[01]}',
    '{"a":["tab\there"]}',
  ])('refuses %j like JSON.parse', (text) => expectLikeJsonParse(text))

  it('refuses a top level that is not an object', () => {
    expect(() => pieces('[1]')).toThrow(SyntaxError)
  })

  it('keeps __proto__ a plain key, as JSON.parse does', () => {
    const value = pieces('{"__proto__":[{"polluted":1}],"x":{"__proto__":{"y":1}}}') as Record<string, unknown>
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
    expect(Object.keys(value)).toEqual(['__proto__', 'x'])
    expect(({} as { polluted?: number }).polluted).toBeUndefined()
  })

  it('agrees with JSON.parse on random documents in any layout (seeded)', () => {
    let seed = 11
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const strings = ['', 'a', 'q"uote', 'back\\', ']}', '{[', 'é∑', '\n\t', '\\"']
    const value = (depth: number): unknown => {
      const kind = Math.floor(random() * (depth > 2 ? 4 : 6))
      if (kind === 0) return strings[Math.floor(random() * strings.length)]
      if (kind === 1) return Math.round(random() * 1e6) / 100 - 5000
      if (kind === 2) return random() < 0.5 ? null : random() < 0.5
      if (kind === 3) return 'x'.repeat(Math.floor(random() * 5))
      if (kind === 4) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1))
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 4) }, () => [strings[Math.floor(random() * strings.length)]!, value(depth + 1)]),
      )
    }
    for (let i = 0; i < 300; i++) {
      const doc = Object.fromEntries(
        Array.from({ length: 1 + Math.floor(random() * 4) }, (_, k) => [`k${k}`, random() < 0.5 ? [value(1), value(1)] : value(1)]),
      )
      for (const indent of [undefined, 2, '\t']) {
        const text = JSON.stringify(doc, null, indent)
        expectLikeJsonParse(text)
        expectLikeJsonParse(text.slice(0, Math.floor(random() * text.length))) // cut short: refused
      }
    }
  })
})

describe('LibraryFile in pieces', () => {
  it.each([
    ['compact', JSON.stringify(smallLibrary())],
    ['indented', JSON.stringify(smallLibrary(), null, 2) + '\n'],
  ])('reads a %s library as the whole-text path does', async (_, text) => {
    const path = join(tempDir(), 'library.json')
    writeFileSync(path, text)
    expect(await new LibraryFile(path, 0).read()).toEqual(parseLibrary(text, path))
  })

  it.each([
    ['damaged JSON', JSON.stringify(smallLibrary()).slice(0, 300), 'is not valid JSON'],
    ['an invalid record', JSON.stringify(smallLibrary()).replace('"year":2017', '"year":"2017"'), 'papers[0].year'],
  ])('refuses %s with a DataError', async (_, text, expected) => {
    const path = join(tempDir(), 'library.json')
    writeFileSync(path, text)
    const read = new LibraryFile(path, 0).read()
    await expect(read).rejects.toThrow(DataError)
    await read.catch((error: DataError) => expect([error.message, ...error.details].join('\n')).toContain(expected))
  })
})

describe('sizeWarning', () => {
  it.each([
    [0, false],
    [WARN_LIBRARY_FILE_BYTES - 1, false],
    [WARN_LIBRARY_FILE_BYTES, true],
    [MAX_LIBRARY_FILE_BYTES, true],
  ])('for %d bytes warns: %s', (bytes, warns) => {
    const warning = sizeWarning('/x/library.json', bytes)
    expect(warning !== null).toBe(warns)
    if (warning) expect(warning).toContain('precis cannot read a library file over 2 GiB')
  })
})

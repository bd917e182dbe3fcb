import { describe, expect, it } from 'vitest'
import { DataError } from '../../../src/core/errors.js'
import { MAX_INPUT_BYTES, MAX_JSON_DEPTH, decodeInput, parseJsonText } from '../../../src/core/text/input.js'

const bytes = (...values: number[]) => new Uint8Array(values)

describe('decodeInput', () => {
  it.each([
    ['plain ASCII', new TextEncoder().encode('hello'), 'hello'],
    ['UTF-8 with a BOM', bytes(0xef, 0xbb, 0xbf, 0x68, 0xc3, 0xa9), 'hé'],
    ['four-byte characters', new TextEncoder().encode('𝒪(n)'), '𝒪(n)'],
  ])('decodes %s', (_case, input, text) => {
    expect(decodeInput(input, 'f.txt')).toBe(text)
  })

  it.each([
    ['invalid UTF-8', bytes(0x68, 0xc3, 0x28), /f\.txt is not valid UTF-8/],
    ['Latin-1 text', bytes(0x63, 0x61, 0x66, 0xe9), /f\.txt is not valid UTF-8/],
    ['a NUL byte', bytes(0x61, 0x00, 0x62), /f\.txt looks like a binary file/],
    ['too many bytes', new Uint8Array(MAX_INPUT_BYTES + 1).fill(0x61), /f\.txt is too big/],
  ])('refuses %s, naming the file', (_case, input, message) => {
    expect(() => decodeInput(input, 'f.txt')).toThrow(DataError)
    expect(() => decodeInput(input, 'f.txt')).toThrow(message)
  })
})

describe('parseJsonText', () => {
  it('parses ordinary JSON and ignores brackets inside strings', () => {
    const text = JSON.stringify({ a: ['['.repeat(500), '\\"[{'] })
    expect(parseJsonText(text, 'l.json')).toEqual({ a: ['['.repeat(500), '\\"[{'] })
  })

  it.each([
    ['deep arrays', '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1), /nested too deeply/],
    ['a million open brackets', '['.repeat(1_000_000), /nested too deeply/],
    ['broken JSON', '{"a": }', /not valid JSON/],
  ])('refuses %s, naming the file', (_case, text, message) => {
    expect(() => parseJsonText(text, 'l.json')).toThrow(message)
    expect(() => parseJsonText(text, 'l.json')).toThrow(/l\.json/)
  })

  it('accepts nesting up to the limit', () => {
    const text = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)
    expect(() => parseJsonText(text, 'l.json')).not.toThrow()
  })
})

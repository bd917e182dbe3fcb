// A row column of the index (ROW_COLUMNS: the keys and ids) is written as its JSON array and where each
// value's JSON ends in it, each value stringified once: the array's bytes are JSON.stringify's, and
// each end is the byte after a value, where a read of that row alone cuts it (rowInBlocks).
import { describe, expect, it } from 'vitest'
import { rowColumn } from '../../../src/store/index/encode-index.js'

/** Texts of every kind JSON writes: escapes, quotes, characters of two, three and four bytes, one UTF-16 half alone. */
const TEXTS = ['plain', 'quo"te', 'back\\slash', 'tab\there', 'Ünïcödé', '数学', '𝒢𝒫 emoji 🙂', 'half \ud800 alone', '', 'x'.repeat(5000)]

const columns: [string, unknown[]][] = [
  ['none', []],
  ['one plain key', ['smith2020deep']],
  ['every kind of text', TEXTS],
  ['plain text only (a byte each)', ['a', 'bc', 'vaswani2017attention', '']],
  ['one byte of two among plain ones', ['a', 'b', 'é', 'c']],
  ['values that are not text', [1, 2.5, null, true, ['x', 'ÿ'], { a: 'b' }, undefined, -0]],
  // eslint-disable-next-line no-sparse-arrays
  ['a hole', ['a', , 'b']],
]

describe('rowColumn', () => {
  for (const [name, values] of columns) {
    it(`writes JSON.stringify's bytes and each value's end: ${name}`, () => {
      const { bytes, ends } = rowColumn(values)
      expect(bytes.equals(Buffer.from(JSON.stringify(values)))).toBe(true)
      expect(ends.length).toBe(values.length)
      const read = Array.from(ends, (end, i) => {
        // Each value lies from one byte past the end before it (the opening bracket before the first) to its end, a comma or the bracket closing the array.
        expect(String.fromCharCode(bytes[end]!)).toBe(i === values.length - 1 ? ']' : ',')
        return JSON.parse(bytes.subarray((i === 0 ? 0 : ends[i - 1]!) + 1, end).toString('utf8')) as unknown
      })
      expect(read).toEqual(JSON.parse(JSON.stringify(values)))
    })
  }
})

// The rows `list` pipes, as an index keeps them made: whatever bytes a forged index holds, only rows
// plainRowsOf could have made pass arePlainRows, and plainRowsOf makes what plainPiece writes.
import { describe, expect, it } from 'vitest'
import { expectSame } from '../../support/equal.js'
import { arePlainRows, plainPiece, plainRowsOf, type ListedRows } from '../../../src/core/records/plain-rows.js'
import { pick, seeded, seedFromEnv } from '../../support/random.js'

const rows: ListedRows = {
  ids: ['a2020', 'tanaka2020', 'evil'],
  years: [2020, null, 2019],
  titles: ['Plain', '深層学習 — Café ✓ 🎉', 'Evil \u001b[31m\u202e\ttab\nline\u0085'],
  tags: [['ml', 'ml/gnn'], [], ['x']],
}

// The rule arePlainRows keeps, as a regex over the bytes read a letter a byte.
const CHANGED = /[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xd8\x9c|\xe2(?:\x80[\x8e\x8f\xaa-\xae]|\x81[\xa6-\xa9])/
const ROW = /^[^\t\n]*\t[^\t\n]*\t[^\t\n]*\t[^\t\n]*\n$/

/** What arePlainRows answers, said plainly: nothing oneLine changes, and each row from its start to the next one line of four fields. */
function plainRowsByRegex(bytes: Uint8Array, starts: readonly number[]): boolean {
  const text = Buffer.from(bytes).toString('latin1')
  const rows = starts.length - 1
  if (rows < 0 || starts[0] !== 0 || starts[rows] !== text.length || CHANGED.test(text)) return false
  for (let row = 0; row < rows; row++)
    if (!(starts[row]! <= starts[row + 1]!) || !ROW.test(text.slice(starts[row], starts[row + 1]))) return false
  return true
}

describe('rows kept made', () => {
  it('are what plainPiece writes, one start a row', () => {
    const kept = plainRowsOf(rows)
    expect(Buffer.from(kept.bytes).toString('utf8')).toBe(plainPiece(rows, 0, 3))
    expect(kept.starts.length).toBe(4)
    for (const wordwise of [false, true]) expect(arePlainRows(kept.bytes, kept.starts, wordwise)).toBe(true)
  })

  it.each([
    ['U+0085 (C1)', '\u0085'],
    ['U+009B (CSI)', '\u009b'],
    ['U+061C', '\u061c'],
    ['U+200E', '\u200e'],
    ['U+200F', '\u200f'],
    ['U+202A', '\u202a'],
    ['U+202E', '\u202e'],
    ['U+2066', '\u2066'],
    ['U+2069', '\u2069'],
    ['ESC', '\u001b'],
    ['DEL', '\u007f'],
    ['a carriage return', '\r'],
  ])('are refused when a row holds %s', (_, letter) => {
    const bytes = Buffer.from(`id\t1\tti${letter}tle\t\n`, 'utf8')
    for (const wordwise of [false, true]) expect(arePlainRows(bytes, [0, bytes.length], wordwise)).toBe(false)
  })

  it.each([
    ['U+00A0', '\u00a0'],
    ['U+00C2 (its first byte that of the C1 controls)', '\u00c2'],
    ['U+2014 (its first bytes those of the bidi marks)', '\u2014'],
    ['U+2070', '\u2070'],
    ['U+0600', '\u0600'],
  ])('take a row holding %s', (_, letter) => {
    const bytes = Buffer.from(`id\t1\tti${letter}tle\t\n`, 'utf8')
    for (const wordwise of [false, true]) expect(arePlainRows(bytes, [0, bytes.length], wordwise)).toBe(true)
  })

  // Pieces of rows with the letters and bytes that matter (separators, controls, the first bytes of
  // the letters oneLine changes and of their neighbours), at every alignment of the bytes in memory.
  it('answer as the rule said plainly, on random rows at any alignment, read by regexes or a word at a time', () => {
    const random = seeded(seedFromEnv(20))
    const pieces = [
      'a',
      'xyz',
      '\t',
      '\n',
      'é',
      '—',
      '\u00c2',
      '\u0085',
      '\u009f',
      '\u00a0',
      '\u061c',
      '\u0600',
      '\u200d',
      '\u200e',
      '\u202a',
      '\u202f',
      '\u2066',
      '\u2069',
      '\u206a',
      '\r',
      '\u001b',
      '\u007f',
      '🎉',
    ]
    let accepted = 0
    for (let run = 0; run < 3000; run++) {
      const rows = 1 + Math.floor(random() * 4)
      let text = ''
      const starts = [0]
      for (let row = 0; row < rows; row++) {
        const fields = Array.from({ length: 4 }, () =>
          Array.from({ length: Math.floor(random() * 4) }, () => (random() < 0.7 ? 'ab' : pick(random, pieces))).join(''),
        )
        text += `${fields.join('\t')}\n`
        starts.push(Buffer.byteLength(text))
      }
      const bytes = Buffer.from(text, 'utf8')
      if (random() < 0.2) starts[1 + Math.floor(random() * rows)]! += random() < 0.5 ? 1 : -1
      const offset = Math.floor(random() * 4)
      const placed = new Uint8Array(bytes.length + 4).subarray(offset, offset + bytes.length)
      placed.set(bytes)
      const expected = plainRowsByRegex(bytes, starts)
      for (const wordwise of [false, true])
        expectSame(arePlainRows(placed, starts, wordwise), expected, () => JSON.stringify({ text, starts, offset, wordwise }))
      if (expected) accepted++
    }
    // Both answers were met often enough for the comparison to mean something.
    expect(accepted).toBeGreaterThan(300)
    expect(accepted).toBeLessThan(2700)
  })
})

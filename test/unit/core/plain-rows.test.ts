// The rows `list` pipes, as an index keeps them made: whatever bytes a forged index holds, only rows
// plainRowsOf could have made pass isPlainRows, and plainRowsOf makes what plainPiece writes.
import { describe, expect, it } from 'vitest'
import { isPlainRows, plainPiece, plainRowsOf, type ListedRows } from '../../../src/core/records/plain-rows.js'

const rows: ListedRows = {
  ids: ['a2020', 'tanaka2020', 'evil'],
  years: [2020, null, 2019],
  titles: ['Plain', '深層学習 — Café ✓ 🎉', 'Evil \u001b[31m\u202e\ttab\nline\u0085'],
  tags: [['ml', 'ml/gnn'], [], ['x']],
}

/** The kept rows' bytes read a letter a byte, as the index hands them to isPlainRows. */
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1')

describe('rows kept made', () => {
  it('are what plainPiece writes, one start a row', () => {
    const kept = plainRowsOf(rows)
    expect(Buffer.from(kept.bytes).toString('utf8')).toBe(plainPiece(rows, 0, 3))
    expect(kept.starts.length).toBe(4)
    expect(isPlainRows(latin1(kept.bytes), kept.starts)).toBe(true)
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
    expect(isPlainRows(latin1(bytes), [0, bytes.length])).toBe(false)
  })

  it.each([
    ['U+00A0', '\u00a0'],
    ['U+00C2 (its first byte that of the C1 controls)', '\u00c2'],
    ['U+2014 (its first bytes those of the bidi marks)', '\u2014'],
    ['U+2070', '\u2070'],
    ['U+0600', '\u0600'],
  ])('take a row holding %s', (_, letter) => {
    const bytes = Buffer.from(`id\t1\tti${letter}tle\t\n`, 'utf8')
    expect(isPlainRows(latin1(bytes), [0, bytes.length])).toBe(true)
  })
})

// The comparisons list sorts with (and an index's orders are sorted with) answer as the English
// collator does: the shortcut they take for digits and letters of one case never changes an order.
import { describe, expect, it } from 'vitest'
import { expectEqual } from '../../support/equal.js'
import { compareText, compareTitles } from '../../../src/core/records/entries.js'

const text = new Intl.Collator('en')
const titles = new Intl.Collator('en', { sensitivity: 'base' })
const sign = (n: number) => Math.sign(n)

/** Pairs where code order and collation order part: case, punctuation against digits, accents, offsets, prefixes. */
const PAIRS: [string, string][] = [
  ['ab', 'Ac'],
  ['a', 'B'],
  ['Zebra', 'zebra'],
  ['a-b', 'ab'],
  ['a_b', 'a0'],
  ['a:b', 'a9'],
  ['b.c2020', 'b-c2020'],
  ['z9', 'z10'],
  ['Élan', 'elan'],
  ['Äpfel', 'Apfel'],
  ['abc', 'abc\u0301'],
  ['abc', 'abcd'],
  ['abc', 'abc '],
  ['2024-01-01T00:00:00Z', '2024-01-01T00:00:00.5Z'],
  ['2024-01-01T00:00:00+01:00', '2024-01-01T00:00:00.5Z'],
  ['2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z'],
  ['higgins1993dropout0', 'higgins1993dropout10'],
  ['', 'a'],
  ['same', 'same'],
]

describe('compareText and compareTitles', () => {
  it.each(PAIRS)('order %j and %j as the collator does', (a, b) => {
    expect([sign(compareText(a, b)), sign(compareText(b, a))]).toEqual([sign(text.compare(a, b)), sign(text.compare(b, a))])
    expect([sign(compareTitles(a, b)), sign(compareTitles(b, a))]).toEqual([sign(titles.compare(a, b)), sign(titles.compare(b, a))])
  })

  it('order any two strings as the collator does (seeded random strings of the hard characters)', () => {
    const alphabet = [...'aAbBzZ09 -_.:+éÉßİı', '\u0301']
    let seed = 20
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) / (1 << 24)
    const word = () => Array.from({ length: Math.floor(random() * 6) }, () => alphabet[Math.floor(random() * alphabet.length)]!).join('')
    for (let run = 0; run < 5000; run++) {
      const prefix = word()
      const [a, b] = [prefix + word(), prefix + word()]
      expectEqual([a, b, sign(compareText(a, b))], [a, b, sign(text.compare(a, b))])
      expectEqual([a, b, sign(compareTitles(a, b))], [a, b, sign(titles.compare(a, b))])
    }
  })
})

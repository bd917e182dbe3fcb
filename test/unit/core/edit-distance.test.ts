/**
 * editDistance keeps three rows between calls and fills only a band of them when given a bound:
 * its answers must be those of the whole table (the definition, filled here cell by cell) for
 * every bound, up to the bound exactly and `bound + 1` past it; and closest's lists follow.
 */
import { describe, expect, it } from 'vitest'
import { expectSame } from '../../support/equal.js'
import { closest, editDistance } from '../../../src/core/text/similar.js'
import { seeded, seedFromEnv } from '../../support/random.js'

const SEED = seedFromEnv(37)

/** Optimal string alignment over UTF-16 code units, the whole table: what editDistance answers. */
function wholeTable(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1)
    }
  }
  return d[a.length]![b.length]!
}

const LONG = 'the quick brown fox jumps over the lazy dog '.repeat(6)

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['graph', 'graph', 0],
    ['graph', 'grpah', 1], // a transposition
    ['ca', 'abc', 3], // optimal string alignment: no edit of a swapped pair
    ['kitten', 'sitting', 3],
    ['café', 'cafe', 1],
    ['cafe\u0301', 'café', 2], // a combining accent is a code unit of its own
    ['𝔤raph', 'graph', 2], // beyond the BMP: two code units
    ['𝔤raph', '𝔥raph', 1], // the same high surrogate
    ['gilmer2017neural', 'gilmer2017nueral', 1],
    [LONG, LONG.replaceAll('lazy', 'hazy'), 6],
    [LONG, LONG.slice(1), 1],
  ])('%j and %j: %i', (a, b, distance) => {
    expect(wholeTable(a, b)).toBe(distance)
    expect(editDistance(a, b)).toBe(distance)
    expect(editDistance(b, a)).toBe(distance)
    for (let most = 0; most <= distance + 1; most++) expect(editDistance(a, b, most), `at most ${most}`).toBe(Math.min(distance, most + 1))
  })

  it('agrees with the whole table on random words, at every bound, long words between short ones', () => {
    const random = seeded(SEED)
    const word = (longest: number) =>
      Array.from({ length: Math.floor(random() * longest) }, () => 'abcé𝔤'[Math.floor(random() * 5)]).join('')
    for (let run = 0; run < 3000; run++) {
      // Long words now and then: rows grown, then read again for short ones.
      const a = word(run % 50 === 0 ? 60 : 9)
      const b =
        random() < 0.5
          ? word(run % 70 === 0 ? 60 : 9)
          : a.slice(0, Math.floor(random() * a.length)) + word(3) + a.slice(Math.floor(random() * a.length))
      const distance = wholeTable(a, b)
      expectSame(editDistance(a, b), distance, `${a} ${b}`)
      const most = Math.floor(random() * 8)
      expectSame(editDistance(a, b, most), Math.min(distance, most + 1), `${a} ${b} at most ${most}`)
    }
  })
})

describe('closest', () => {
  const names = [
    'gilmer2017neural',
    'gilmer2017neural-2',
    'kipf2017semi',
    'kipf2017semi-2',
    'vaswani2017attention',
    'hamilton2017inductive',
  ]

  it.each([
    ['gilmre2017neural', ['gilmer2017neural', 'gilmer2017neural-2']], // shares the start
    ['kipf2017', ['kipf2017semi', 'kipf2017semi-2']], // contained
    ['vsawani2017atention', ['vaswani2017attention']], // two edits: a swap and a letter
    ['hamiltn2017inductiv', ['hamilton2017inductive']],
    ['nosuchid2017paper', []],
    ['', ['gilmer2017neural', 'gilmer2017neural-2', 'hamilton2017inductive', 'kipf2017semi', 'kipf2017semi-2']], // every name contains it
    ['hmailton2017indcutive', ['hamilton2017inductive']],
  ])('%s: %j', (wanted, expected) => {
    expect(closest(wanted, names, 5)).toEqual(expected)
  })

  it('keeps the list the whole table gives on random names', () => {
    const random = seeded(SEED + 1)
    const name = () => Array.from({ length: 3 + Math.floor(random() * 12) }, () => 'abcde2017'[Math.floor(random() * 9)]).join('')
    for (let run = 0; run < 200; run++) {
      const candidates = Array.from({ length: 40 }, name)
      const wanted = name()
      const allowed = Math.max(2, Math.floor(wanted.length / 3))
      const expected = candidates
        .map((candidate) => {
          const related = candidate.includes(wanted) || wanted.includes(candidate) || candidate.slice(0, 4) === wanted.slice(0, 4)
          return { candidate, distance: related ? 0 : wholeTable(wanted, candidate) }
        })
        .filter((c) => c.distance <= allowed)
        .sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate))
        .map((c) => c.candidate)
      expect(closest(wanted, candidates, 5)).toEqual([...new Set(expected)].slice(0, 5))
    }
  })
})

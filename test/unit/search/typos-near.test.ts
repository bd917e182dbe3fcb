/**
 * textsNear and nearStarts (typos.ts): the words typo correction checks are found as ranges of the
 * sorted vocabulary and stems by their first letters, and every word nearWords would find near a
 * typo is among them: by its singular in the words' ranges, by its term in the stems'.
 */
import { describe, expect, it } from 'vitest'
import { expectEqual, expectSame } from '../../support/equal.js'
import { nearStarts, nearTests, nearWords, textsNear } from '../../../src/core/search/typos.js'
import { foldPlural } from '../../../src/core/text/plural.js'
import { stemWord } from '../../../src/core/text/stem.js'
import { pick, seeded, type Random } from '../../support/random.js'

const sorted = (texts: string[]) => [...new Set(texts)].sort()

function near(texts: string[], target: string, ending = false, few = 0): number[] {
  const found: number[] = []
  textsNear(texts, target, ending, (i) => found.push(i), few)
  return [...new Set(found)].sort((a, b) => a - b)
}

/** `text` and every string one edit from it (a unit of `letters` inserted or replaced, one deleted, two neighbours swapped). */
function oneEdit(text: string, letters: readonly string[]): string[] {
  const strings = [text]
  for (let at = 0; at <= text.length; at++) {
    const [before, after] = [text.slice(0, at), text.slice(at)]
    for (const letter of letters) strings.push(before + letter + after, before + letter + after.slice(1))
    if (after.length > 0) strings.push(before + after.slice(1))
    if (after.length > 1) strings.push(before + after[1]! + after[0]! + after.slice(2))
  }
  return strings
}

// What an edit at one of the first two letters (or past them) leaves of the first three (a: the text's, b: the target's).
function startsNear(text: string, target: string): boolean {
  const [a0, a1, a2] = text
  const [b0, b1, b2] = target
  return (
    (a0 === b0 && (a1 === b1 || a1 === b2 || a2 === b1 || a2 === b2)) ||
    (a1 === b1 && a2 === b2) ||
    (a0 === b1 && (a1 === b2 || a1 === b0)) ||
    (a1 === b0 && a2 === b1)
  )
}

const word = (random: Random, letters: string[], shortest: number, longest: number) =>
  Array.from({ length: shortest + Math.floor(random() * (longest - shortest + 1)) }, () => pick(random, letters)).join('')

function edited(random: Random, text: string, letters: string[]): string {
  const at = Math.floor(random() * (text.length + 1))
  const letter = pick(random, letters)
  switch (Math.floor(random() * 4)) {
    case 0:
      return text.slice(0, at) + letter + text.slice(at)
    case 1:
      return text.slice(0, at) + text.slice(at + 1)
    case 2:
      return text.slice(0, at) + letter + text.slice(at + 1)
    default:
      return text.slice(0, at) + text.slice(at + 1, at + 2) + text.slice(at, at + 1) + text.slice(at + 2)
  }
}

describe('textsNear', () => {
  it('gives every text beginning with a string one edit from the target (less its last unit, with an ending), and only texts whose first three letters may be', () => {
    const random = seeded(7)
    // Few letters (a unit past ASCII, a surrogate pair's, the last unit), so that edits of the target are in the texts.
    const letters = ['a', 'b', 'c', 'd', 'é', '\ud835', '\uffff']
    let plural = 0
    for (let round = 0; round < 2000; round++) {
      const target = word(random, letters.slice(0, 4), 1, 7)
      const ending = random() < 0.5
      // Looked up to the end, or given once a few texts share the units before an edit.
      const few = pick(random, [0, 0, 3, 20])
      const suffix = () => pick(random, ['', '', letters[0]!, letters[1]! + letters[2]!])
      const texts = sorted([
        ...Array.from({ length: Math.floor(random() * 40) }, () => word(random, letters, 0, 7)),
        ...Array.from({ length: Math.floor(random() * 20) }, () => edited(random, target, letters) + suffix()),
        // A plural whose ending changes the singular's last letter (study, studies).
        ...Array.from({ length: Math.floor(random() * 5) }, () => edited(random, target, letters).slice(0, -1) + suffix()),
      ])
      const found = near(texts, target, ending, few)
      const strings = oneEdit(target, letters)
      const expected = texts.flatMap((text, i) =>
        strings.some((s) => text.startsWith(s) || (ending && text.startsWith(s.slice(0, -1)))) ? [i] : [],
      )
      if (ending) plural += expected.filter((i) => !strings.some((s) => texts[i]!.startsWith(s))).length
      expectEqual(
        found.filter((i) => expected.includes(i)),
        expected,
        target,
      )
      if (few === 0 && target.length >= 4)
        for (const i of found) expectSame(startsNear(texts[i]!, target), true, `${texts[i]} for ${target}`)
    }
    expect(plural).toBeGreaterThan(100)
  })

  it('gives every text when the target is too short to rule any out, or the texts are few', () => {
    expect(near(['a', 'abc', 'zzz'], 'a')).toEqual([0, 1, 2])
    expect(near(['a', 'abc', 'zzz'], 'ab', true)).toEqual([0, 1, 2])
    expect(near(['aaa', 'graph', 'zzz'], 'graph', false, 3)).toEqual([0, 1, 2])
  })

  it('finds nothing in no texts, and a text at either end', () => {
    expect(near([], 'graph')).toEqual([])
    expect(near(['agraph', 'graph', 'zzz'], 'graph')).toEqual([0, 1])
    expect(near(['aaa', 'rgaph'], 'graph')).toEqual([1])
  })
})

describe('nearStarts', () => {
  it('keeps every word nearWords finds: near by its singular among the words, by its stem among the stems', () => {
    const random = seeded(23)
    const letters = [...'abeilnorsty']
    let seen = 0
    // Each word nearWords finds that the ranges would miss, by what: told together at the end (an
    // expect for each of some 40,000 checks was most of the test's time).
    const missed: string[] = []
    const found = (texts: string[], target: string, ending?: boolean) => near(texts, target, ending).join() === '0'
    for (let round = 0; round < 20_000; round++) {
      const typo = word(random, letters, 5, 9)
      const starts = nearStarts(typo)
      const one = edited(random, typo, letters)
      const library = pick(random, [one, one + 's', one + 'es', one + 'ing', one.replace(/y$/, 'ies'), edited(random, one, letters)])
      const stem = stemWord(library)
      if (nearWords(typo)(library, library.length, stem) === null) continue
      seen++
      if (starts === null) continue
      const tests = nearTests(typo)
      if (tests.singular(library) && !found([library], starts.singular, true)) missed.push(`${typo} → ${library}: its singular`)
      if (tests.stem(stem) && !found([stem], starts.key)) missed.push(`${typo} → ${library}: its stem`)
      if (!tests.singular(library) && !tests.stem(stem)) missed.push(`${typo} → ${library}: by neither test`)
    }
    expect(missed).toEqual([])
    expect(seen).toBeGreaterThan(1000)
  })

  it('looks at no first letters when an irregular plural may be near, or the singular is short', () => {
    expect(nearStarts('graph')).toEqual({ singular: 'graph', key: stemWord('graph') })
    // mice folds to mouse, one edit from mousse, and its first letters are not mouse's.
    expect(foldPlural('mice')).toBe('mouse')
    expect(nearStarts('mousse')).toBeNull()
    expect(nearStarts('flies')).toBeNull() // fly: a plural's ending may take its third letter
  })
})

import { describe, expect, it } from 'vitest'
import { beforeLeadingMarks, pieceSource, wordStartSources } from '../../../src/core/search/fold.js'
import { foldEach, foldLetters, isWordCharAt, tokenAt } from '../../../src/core/text/words.js'
import { pick, seeded } from '../../support/random.js'

/** Whether the full expression for `start` matches at the very beginning of `text`. */
const startsWord = (start: string, text: string) => new RegExp(wordStartSources(start).full, 'iy').test(text)

describe('wordStartSources read through accents', () => {
  it.each([
    ['schrodinger', 'Schrödinger'],
    ['schrodinger', 'Schro\u0308dinger'],
    ['schrodinger', 'SCHRÖDINGER'],
    ['erdos', 'Erdős'],
    ['emile', 'Émile'],
    ['lukasz', 'Łukasz'],
    ['soren', 'Søren'],
    ['efficient', 'eﬃcient'],
    ['ef', 'eﬃcient'], // a ligature running past the end of what is typed
    ['fit', 'ﬁt'],
    ['theta', 'θ'],
    ['the', 'Θ'],
    ['theta', 'ϑ'],
    ['mu', 'µ'],
    ['λογος', 'Λόγος'],
    ['quantum', 'Quantum'],
  ])('%s at the start of %s', (start, text) => {
    expect(startsWord(start, text)).toBe(true)
  })

  it.each([
    ['quantum', 'quintum'],
    ['efficient', 'effluent'],
    ['theta', 'η'],
    ['mu', 'ν'],
    ['emile', 'mile'],
  ])('not %s at the start of %s', (start, text) => {
    expect(startsWord(start, text)).toBe(false)
  })

  it('matches every word whose folded reading begins with the start, and every piece inside it (random words)', () => {
    const random = seeded(7)
    const letters = [
      ...'abcefilmnostuxz',
      'é',
      'È',
      'ö',
      'Ø',
      'ł',
      'ß',
      'æ',
      'ﬁ',
      'ﬃ',
      'ﬆ',
      'ǆ',
      '\u0308',
      '\u0301',
      'θ',
      'Σ',
      'µ',
      'ϵ',
      'ά',
    ]
    let checked = 0
    // What fails, told together at the end: an expect for each of some 13,000 checks was half the test's time.
    const missed: string[] = []
    for (let n = 0; n < 1500; n++) {
      const raw = Array.from({ length: 1 + Math.floor(random() * 7) }, () => pick(random, letters)).join('')
      const token = tokenAt(raw, 0)
      if (!token || token.end !== raw.length) continue // not one word
      // Marks before the first letter are stepped over by the scan, not matched by the expression.
      const first = raw.search(/[^\u0300-\u036f]/)
      if (first < 0) continue // marks only: no letters to look for
      if (beforeLeadingMarks(raw, first) !== 0) missed.push(`${raw}: marks before its first letter`)
      for (let cut = 1; cut <= token.word.length; cut++) {
        const start = token.word.slice(0, cut)
        if (!startsWord(start, raw.slice(first))) missed.push(`${start} at the start of ${raw} (${token.word})`)
        const piece = token.word.slice(Math.floor(random() * cut), cut)
        if (piece.length >= 2 && !new RegExp(pieceSource(piece), 'i').test(raw)) missed.push(`${piece} in ${raw} (${token.word})`)
        checked++
      }
    }
    expect(missed).toEqual([])
    expect(checked).toBeGreaterThan(1500)
  })
})

describe('the Latin-1 part of wordStartSources', () => {
  it.each([
    ['graph', 'Graph', true],
    ['godel', 'Gödel', true],
    ['soren', 'Søren', true],
    ['mu', 'µ', true],
    ['graph', 'ĝraph', false], // a character beyond Latin-1: left to the full expression
    ['godel', 'Go\u0308del', false], // a combining mark: likewise
    ['fit', 'ﬁt', false],
    ['theta', 'θ', false],
  ])('%s at the start of %s: %s', (start, text, expected) => {
    expect(new RegExp(wordStartSources(start).latin1!, 'iy').test(text)).toBe(expected)
    expect(startsWord(start, text)).toBe(true)
  })

  it('is null for a word no Latin-1 text can spell', () => {
    expect(wordStartSources('квант').latin1).toBeNull()
    expect(startsWord('квант', 'Квантовый')).toBe(true)
  })
})

describe('pieceSource', () => {
  it.each([
    ['ficient', 'eﬃcient'],
    ['dinger', 'Schrödinger'],
    ['rodi', 'Schröding'],
    ['kasz', 'Łukasz'],
    ['psilo', 'ϵ'],
  ])('finds %s inside %s', (piece, text) => {
    expect(new RegExp(pieceSource(piece), 'i').test(text)).toBe(true)
  })
})

describe('foldEach', () => {
  it('folds each word as foldLetters folds it alone', () => {
    const words = ['ΟΔΟΣ', 'Σ', 'ΑΣ', 'Schro\u0308dinger', 'e\u0301\u0300', '\u0301', 'ﬃ', 'Łukasz', 'İ', 'ß', 'plain', '']
    for (let code = 0x80; code < 0x3000; code++) {
      const char = String.fromCharCode(code)
      if (isWordCharAt(char, 0)) words.push(char, `${char}Σ`, `Σ${char}`)
    }
    for (let code = 0xfb00; code <= 0xfb06; code++) words.push(String.fromCharCode(code))
    expect(foldEach(words)).toEqual(words.map(foldLetters))
  })
})

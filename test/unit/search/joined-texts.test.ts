/**
 * JoinedTexts.containing (texts held as one string) and Utf8Texts.containing (as a postings file's
 * UTF-8 bytes): the texts holding a piece, found in the joined text, as `includes` finds them one by one.
 */
import { describe, expect, it } from 'vitest'
import { JoinedTexts, type SearchableTexts } from '../../../src/core/search/postings.js'
import { Utf8Texts } from '../../../src/store/index/postings-format.js'
import { seeded } from '../../support/random.js'

function joinedOf(texts: string[]): JoinedTexts {
  let end = 0
  return new JoinedTexts(
    texts.join(''),
    Uint32Array.from(texts, (text) => (end += text.length)),
  )
}

function utf8Of(texts: string[]): Utf8Texts {
  let end = 0
  return new Utf8Texts(
    Buffer.from(texts.join('')),
    Uint32Array.from(texts, (text) => (end += Buffer.byteLength(text))),
  )
}

const containing = (joined: SearchableTexts, piece: string) => {
  const found: number[] = []
  joined.containing(piece, (i) => found.push(i))
  return found
}

describe.each([
  ['JoinedTexts', joinedOf],
  ['Utf8Texts', utf8Of],
])('%s', (_, make) => {
  it('finds exactly the texts that hold the piece, never one spanning two texts, in order', () => {
    const random = seeded(5)
    for (let round = 0; round < 300; round++) {
      // Short texts of few letters (empty ones too, and letters of two and four bytes), so pieces often span two texts.
      const letters = ['a', 'b', 'é', '𝛼']
      const texts = Array.from({ length: Math.floor(random() * 30) }, () =>
        Array.from({ length: Math.floor(random() * 5) }, () => letters[Math.floor(random() * letters.length)]).join(''),
      )
      const piece = Array.from({ length: Math.floor(random() * 4) }, () => letters[Math.floor(random() * letters.length)]).join('')
      const expected = texts.flatMap((text, i) => (text.includes(piece) ? [i] : []))
      const joined = make(texts)
      expect(containing(joined, piece)).toEqual(expected)
      expect(Array.from({ length: joined.length + 1 }, (_, i) => joined.at(i))).toEqual([...texts, undefined])
    }
  })

  it('finds a piece at the very start and the very end', () => {
    const joined = make(['graph', 'ab', 'ba', 'raph'])
    expect(containing(joined, 'gr')).toEqual([0])
    expect(containing(joined, 'ph')).toEqual([0, 3])
    expect(containing(joined, 'bb')).toEqual([])
  })
})

describe('Utf8Texts over ends a file precis did not write', () => {
  it('reads a text ending before its start as empty, and every search of the texts ends', () => {
    const random = seeded(11)
    for (let round = 0; round < 300; round++) {
      const bytes = Buffer.from(Array.from({ length: Math.floor(random() * 20) }, () => 'ab'[Math.floor(random() * 2)]).join(''))
      // Ends in any order, the last the text's length (what the decoder checks).
      const ends = Uint32Array.from({ length: 1 + Math.floor(random() * 10) }, () => Math.floor(random() * (bytes.length + 3)))
      ends[ends.length - 1] = bytes.length
      const texts = new Utf8Texts(bytes, ends)
      const expected = Array.from(ends, (end, i) => {
        const start = i === 0 ? 0 : ends[i - 1]!
        return end < start ? '' : bytes.toString('utf8', start, end)
      })
      expect(Array.from(ends, (_, i) => texts.at(i))).toEqual(expected)
      for (const piece of ['a', 'ab', 'ba', '']) {
        const found = containing(texts, piece)
        expect(found.every((i) => i >= 0 && i < ends.length)).toBe(true)
      }
      // Searched, the texts are cut from the bytes read as one Latin-1 string: the same texts.
      expect(Array.from(ends, (_, i) => texts.at(i))).toEqual(expected)
    }
  })
})

/** JoinedTexts.containing: the texts holding a piece, found in the joined text, as `includes` finds them one by one. */
import { describe, expect, it } from 'vitest'
import { JoinedTexts } from '../../../src/core/search/postings.js'
import { seeded } from '../../support/random.js'

function joinedOf(texts: string[]): JoinedTexts {
  let end = 0
  return new JoinedTexts(
    texts.join(''),
    Uint32Array.from(texts, (text) => (end += text.length)),
  )
}

const containing = (joined: JoinedTexts, piece: string) => {
  const found: number[] = []
  joined.containing(piece, (i) => found.push(i))
  return found
}

describe('JoinedTexts.containing', () => {
  it('finds exactly the texts that hold the piece, never one spanning two texts, in order', () => {
    const random = seeded(5)
    for (let round = 0; round < 300; round++) {
      // Short texts of few letters (empty ones too), so pieces often span two texts.
      const texts = Array.from({ length: Math.floor(random() * 30) }, () =>
        Array.from({ length: Math.floor(random() * 5) }, () => 'abé'[Math.floor(random() * 3)]).join(''),
      )
      const piece = Array.from({ length: Math.floor(random() * 4) }, () => 'abé'[Math.floor(random() * 3)]).join('')
      const expected = texts.flatMap((text, i) => (text.includes(piece) ? [i] : []))
      expect(containing(joinedOf(texts), piece)).toEqual(expected)
    }
  })

  it('finds a piece at the very start and the very end', () => {
    const joined = joinedOf(['graph', 'ab', 'ba', 'raph'])
    expect(containing(joined, 'gr')).toEqual([0])
    expect(containing(joined, 'ph')).toEqual([0, 3])
    expect(containing(joined, 'bb')).toEqual([])
  })
})

/**
 * Texts.leads (a postings file's Utf8Texts: the first three bytes of each text, as leadOf reads its
 * characters) and ledNear (typos.ts), the quick test typo correction makes of every library word
 * with them: it lets through every word nearWords finds near a typo.
 */
import { describe, expect, it } from 'vitest'
import { leadOf, leadsOf, UNKNOWN_LEAD } from '../../../src/core/search/postings.js'
import { ledNear, nearLeads, nearWords } from '../../../src/core/search/typos.js'
import { irregularPlurals } from '../../../src/core/text/plural.js'
import { stemWord } from '../../../src/core/text/stem.js'
import { Utf8Texts } from '../../../src/store/index/postings-format.js'
import { pick, seeded } from '../../support/random.js'

function utf8Of(texts: string[]): Utf8Texts {
  let end = 0
  return new Utf8Texts(
    Buffer.from(texts.join('')),
    Uint32Array.from(texts, (text) => (end += Buffer.byteLength(text))),
  )
}

describe('Texts.leads', () => {
  it('reads the lead of each text from its bytes as leadOf reads it from its characters', () => {
    const random = seeded(5)
    // Short texts of few letters (empty ones too, and letters of two and four bytes).
    const letters = ['a', 'b', 'c', 'é', '𝛼']
    for (let round = 0; round < 300; round++) {
      const texts = Array.from({ length: Math.floor(random() * 30) }, () =>
        Array.from({ length: Math.floor(random() * 5) }, () => pick(random, letters)).join(''),
      )
      expect([...utf8Of(texts).leads()]).toEqual(texts.map(leadOf))
      expect([...leadsOf(texts)]).toEqual(texts.map(leadOf))
    }
  })

  it('packs three ASCII characters and knows no other', () => {
    expect(leadOf('graph')).toBe(0x67 | (0x72 << 7) | (0x61 << 14))
    expect(leadOf('gra')).toBe(leadOf('graph'))
    for (const text of ['gr', '', 'éab', 'aéb', 'abé', '𝛼bc', undefined]) expect(leadOf(text)).toBe(UNKNOWN_LEAD)
  })

  it('gives no lead for a text ending before its start (a file precis did not write)', () => {
    const random = seeded(11)
    for (let round = 0; round < 300; round++) {
      const bytes = Buffer.from(Array.from({ length: Math.floor(random() * 20) }, () => pick(random, ['a', 'b'])).join(''))
      // Ends in any order, the last the text's length (what the decoder checks).
      const ends = Uint32Array.from({ length: 1 + Math.floor(random() * 10) }, () => Math.floor(random() * (bytes.length + 3)))
      ends[ends.length - 1] = bytes.length
      const texts = new Utf8Texts(bytes, ends)
      const expected = Array.from(ends, (end, i) => (end < (i === 0 ? 0 : ends[i - 1]!) ? UNKNOWN_LEAD : leadOf(texts.at(i))))
      expect([...texts.leads()]).toEqual(expected)
    }
  })
})

describe('ledNear', () => {
  const nearOf = (typo: string, seen: string) => nearWords(typo)(seen, seen.length, stemWord(seen))
  // ledNear over a vocabulary of one word.
  const passes = (typo: string, seen: string) =>
    ledNear(nearLeads(typo), Infinity, 1, {
      spelled: Uint16Array.of(seen.length),
      wordLeads: Int32Array.of(leadOf(seen)),
      stemOf: Uint32Array.of(0),
      stemLeads: Int32Array.of(leadOf(stemWord(seen))),
    }).length === 1

  it('lets through every word one edit from the typo, its plural, and words whose stem is', () => {
    const random = seeded(23)
    const letters = 'abeilnorsty'
    const edit = (word: string) => {
      const at = Math.floor(random() * word.length)
      const letter = pick(random, [...letters])
      switch (Math.floor(random() * 4)) {
        case 0:
          return word.slice(0, at) + letter + word.slice(at)
        case 1:
          return word.slice(0, at) + word.slice(at + 1)
        case 2:
          return word.slice(0, at) + letter + word.slice(at + 1)
        default:
          return word.slice(0, at) + word.slice(at + 1, at + 2) + word.slice(at, at + 1) + word.slice(at + 2)
      }
    }
    let near = 0
    for (let round = 0; round < 20_000; round++) {
      const typo = Array.from({ length: 5 + Math.floor(random() * 5) }, () => pick(random, [...letters])).join('')
      const edited = edit(typo)
      const seen = pick(random, [edited, edited + 's', edited + 'es', edited + 'ing', edited.replace(/y$/, 'ies'), edit(edited)])
      if (nearOf(typo, seen) === null) continue
      near++
      expect(passes(typo, seen), `${typo} → ${seen}`).toBe(true)
    }
    expect(near).toBeGreaterThan(1000)
  })

  it('lets through irregular plurals whose singular is near, and rules out words far from the start', () => {
    for (const [plural, singular] of irregularPlurals()) {
      const typo = singular.length >= 5 ? singular.slice(0, -1) + 'x' : singular + 'xx'
      if (nearOf(typo, plural) !== null) expect(passes(typo, plural), `${typo} → ${plural}`).toBe(true)
    }
    expect(passes('grpah', 'graphs')).toBe(true)
    expect(passes('grpah', 'molecule')).toBe(false)
    expect(passes('novel', 'tunnel')).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import { expectSame } from '../../support/equal.js'
import { jsonForTerminal, sanitizeTerminal } from '../../../src/core/text/sanitize.js'

/** What the sanitiser's output was written as before jsonForTerminal: its text, encoded as stdout encodes a string. */
const reference = (json: string) => Buffer.from(sanitizeTerminal(json), 'utf8')

/** Hostile texts and the characters either side of each range the sanitiser changes (UTF-8 lead bytes C2, D8, E2 among them). */
const HOSTILE: Record<string, string> = {
  empty: '',
  ascii: 'Graph attention networks (2018), p. 3',
  'ESC sequences': '\u001b[31mred\u001b[0m \u001b]8;;http://x\u0007link\u001b]8;;\u0007 \u001b[2J',
  'C0 controls': '\u0000\u0001\u0008\u000b\u000c\r\u001f\t\n',
  NUL: 'a\u0000b',
  DEL: 'a\u007fb',
  'C1 controls': '\u0080 \u0085 \u008d \u009b31m \u009c \u009f',
  'just past C1': '\u00a0 \u00a9 \u00bf \u00c2 \u00e9',
  'bidi overrides': '\u202a\u202b\u202c\u202d\u202e evil',
  'bidi isolates': '\u2066\u2067\u2068\u2069',
  'bidi marks': '\u200e\u200f\u061c',
  'beside the bidi ranges': '\u200d\u2010\u2027\u2028\u2029\u202f\u2065\u206a\u2060\u2080\u20ac',
  'Arabic around U+061C': '\u0600\u061b\u061d\u063f \u0627\u0644\u0639\u0631\u0628\u064a\u0629',
  'line and paragraph separators': 'a\u2028b\u2029c',
  'lone surrogates': '\ud800 \udc00 \udfff\ud800 x\ud83d',
  'a surrogate pair': '\ud83d\ude00 \u{1f9ea}',
  'accented names': 'Łukasz Kaiser, Gergő Éltető, Jürgen Schmidhuber, Søren',
  'typographic marks': '\u201cquoted\u201d \u2013 \u2014 \u2026 \u2019',
  'mixed with unsafe last': `${'Łé'.repeat(100)}\u202e`,
}

describe('jsonForTerminal', () => {
  for (const [name, text] of Object.entries(HOSTILE)) {
    it(`writes the sanitiser's bytes for ${name}`, () => {
      for (const value of [text, { title: text, authors: [text, 'x'] }, [text, text.split('').reverse().join('')]]) {
        const json = JSON.stringify(value, null, 2)
        const bytes = jsonForTerminal(json)
        expect(Buffer.from(bytes).equals(reference(json)), name).toBe(true)
        // Still the exact data: what it parses to is what was written.
        expect(JSON.parse(Buffer.from(bytes).toString('utf8'))).toEqual(JSON.parse(json))
      }
    })
  }

  it("writes the sanitiser's bytes for random mixes of those characters", () => {
    const alphabet = [...new Set(Object.values(HOSTILE).join('').split(''))]
    let seed = 20
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    let changed = 0
    for (let n = 0; n < 3000; n++) {
      let text = ''
      const length = Math.floor(next() * 12)
      for (let i = 0; i < length; i++) text += next() < 0.6 ? 'a' : alphabet[Math.floor(next() * alphabet.length)]
      const json = JSON.stringify({ text }, null, 2)
      const expected = reference(json)
      expectSame(Buffer.from(jsonForTerminal(json)).equals(expected), true, () => JSON.stringify(text))
      if (!expected.equals(Buffer.from(json, 'utf8'))) changed++
    }
    // Both kinds were met: texts the sanitiser changes and texts it leaves.
    expect(changed).toBeGreaterThan(300)
    expect(changed).toBeLessThan(2700)
  })
})

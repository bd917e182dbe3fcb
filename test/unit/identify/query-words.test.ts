import { describe, expect, it } from 'vitest'
import { queryWords } from '../../../src/core/identify/words.js'
import { comparableBody } from '../../../src/core/papers/summary-bodies.js'
import { IDENTIFY_CASES } from './identify-fixtures.js'

describe('queryWords', () => {
  it.each([
    [
      'names and acronyms over common words',
      'We read it twice. Results improve when ELECTRA replaces BERT, and results improve again.',
      ['electra', 'bert'],
    ],
    ['an author named with an initial', 'In this tutorial paper, Carl E. Rasmussen introduces kernels.', ['rasmussen']],
    [
      'not math, links or images',
      'Kernels $\\pmb{\\mu} + \\mathcal{GP}$ and https://i.imgur.com/Mmp8KO6.png and ![fig](https://x.org/a.png) matter.',
      ['kernel'],
    ],
    ['not the vocabulary of writing about papers', 'This paper proposes an interesting approach; the authors show results.', []],
    ['nothing from nothing', '', []],
  ])('%s', (_name, text, expected) => {
    const words = queryWords(text)
    for (const word of expected) expect(words).toContain(word)
    if (expected.length === 0) expect(words).toEqual([])
    expect(words.join(' ')).not.toMatch(/pmb|mathcal|imgur|https|png/)
  })

  it('takes at most the count asked for, best first, the same each time', () => {
    const text = IDENTIFY_CASES[3]!.summary
    expect(queryWords(text, 3)).toEqual(queryWords(text).slice(0, 3))
    expect(queryWords(text)).toHaveLength(8)
    expect(queryWords(text)).toEqual(queryWords(text))
  })

  it.each(IDENTIFY_CASES)('$name: the words of the real summary', ({ summary, marker }) => {
    expect(queryWords(summary)).toContain(marker)
  })
})

describe('comparableBody, which untitled keys hash', () => {
  it('reads long runs of spaces and newlines in linear time', () => {
    const body = `a${' '.repeat(200_000)}b${'\n'.repeat(200_000)}c`
    expect(comparableBody(body)).toBe(body)
  })
})

describe('queryWords on hostile text', () => {
  it('reads long runs of spaces, unclosed math and image openers in linear time', () => {
    const text = `Alpha${' '.repeat(200_000)}Beta ${'\\\\( '.repeat(20_000)} ${'![x '.repeat(20_000)} ${'$$ '.repeat(20_001)} Gamma`
    expect(queryWords(text)).toEqual(expect.arrayContaining(['alpha', 'beta']))
  })
})

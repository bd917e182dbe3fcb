// show's page comes in parts (renderPaperParts), each summary's body a part of its own: a long body
// of one-byte text is written as it is, never copied into a two-byte string with the header's rules.
import { describe, expect, it } from 'vitest'
import { MAX_BODY_CHARS } from '../../../src/core/markdown/limits.js'
import { renderPaper, renderPaperParts } from '../../../src/render/show.js'
import { paper, summary } from '../../support/library.js'

const OPTIONS = { width: 80, color: false, hyperlinks: false }
/** Characters a one-byte (Latin-1) string cannot hold. */
const BEYOND_LATIN1 = /[^\x00-\xff]/

describe('renderPaperParts', () => {
  const shown = paper({ key: 'gilmer2017neural', title: 'Neural Message Passing for Quantum Chemistry' })
  const long = 'Message passing, again and again. '.repeat(Math.ceil(MAX_BODY_CHARS / 34)) + 'The end.'

  it.each([
    ['no summary', []],
    ['one summary', [summary({ id: 'one', paper: shown.key, body: 'A *short* summary.' })]],
    [
      'two summaries',
      [summary({ id: 'one', paper: shown.key, body: 'First.' }), summary({ id: 'two', paper: shown.key, body: '# Second' })],
    ],
  ])('joined, are the page renderPaper gives: %s', (_, summaries) => {
    expect(renderPaperParts(shown, summaries, OPTIONS).join('')).toBe(renderPaper(shown, summaries, OPTIONS))
  })

  it("a body too long to format is a part of its own, as one-byte as the body: the header's rules are in other parts", () => {
    const parts = renderPaperParts(shown, [summary({ id: 'long', paper: shown.key, body: long })], OPTIONS)
    expect(parts.join('')).toMatch(BEYOND_LATIN1) // the rules' `─`
    const body = parts.filter((part) => part.includes(long))
    expect(body).toHaveLength(1)
    expect(body[0]).not.toMatch(BEYOND_LATIN1)
  })
})

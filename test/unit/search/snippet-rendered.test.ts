/** Search snippets shown as `show` shows a body: math rendered, figures and citations replaced, highlights kept. */
import { describe, expect, it } from 'vitest'
import { CitationResolver } from '../../../src/core/citations/citations.js'
import type { Snippet } from '../../../src/core/search/snippets.js'
import { texToUnicode } from '../../../src/render/math.js'
import { renderSnippet } from '../../../src/render/snippet-rendered.js'
import { tinyLibrary } from './fixture.js'

const rendering = {
  resolver: new CitationResolver(tinyLibrary([{ key: 'gilmer2017neural', title: 'Neural Message Passing for Quantum Chemistry' }])),
  math: (tex: string, display: boolean) => {
    const math = texToUnicode(tex, display)
    return math.faithful ? math.text : null
  },
}

// A snippet with the words in «guillemets» highlighted.
function snippet(marked: string): Snippet {
  const highlights: Snippet['highlights'] = []
  let text = ''
  for (const part of marked.split(/(«[^»]*»)/)) {
    if (part.startsWith('«')) {
      highlights.push({ start: text.length, end: text.length + part.length - 2 })
      text += part.slice(1, -1)
    } else text += part
  }
  return { text, highlights }
}

const shown = (s: Snippet) =>
  s.highlights.reduceRight((text, h) => `${text.slice(0, h.start)}<${text.slice(h.start, h.end)}>${text.slice(h.end)}`, s.text)

describe('renderSnippet', () => {
  it.each([
    ['the «kernel» $k(x, y) = \\sigma^2$ is smooth', 'the <kernel> k(x, y) = σ² is smooth'],
    ['a «covariance» $\\Sigma_{ij}$ here', 'a <covariance> Σᵢⱼ here'],
    ['as in [@gilmer2017neural], «messages» pass', 'as in [Neural Message Passing for Quantum Chemistry], <messages> pass'],
    ['see \\citep{gilmer2017neural} and \\citep{nobody}', 'see [Neural Message Passing for Quantum Chemistry] and [?nobody]'],
    ['a «figure» ![plot](https://x.org/a.png) then', 'a <figure> [fig] then'],
    ['costs $5 and $10 «today»', 'costs $5 and $10 <today>'],
  ])('%j → %j', (input, expected) => {
    expect(shown(renderSnippet(snippet(input), rendering))).toBe(expected)
  })

  it('a match inside a formula highlights the formula', () => {
    const s: Snippet = { text: 'with $\\Sigma$ and more', highlights: [{ start: 6, end: 12 }] }
    expect(shown(renderSnippet(s, rendering))).toBe('with <Σ> and more')
  })
})

import stringWidth from 'fast-string-width'
import { describe, expect, it } from 'vitest'
import { TermPattern } from '../../../src/core/search/pattern.js'
import { bodySnippets, type Snippet } from '../../../src/core/search/snippets.js'
import { ScanText } from '../../../src/core/search/text.js'
import { stemWord } from '../../../src/core/text/stem.js'
import { formatSnippet } from '../../../src/render/snippet.js'

const term = (word: string) => new TermPattern([{ keys: new Set([stemWord(word)]), prefix: null }])
const marked = (snippet: Snippet) => snippet.highlights.map(({ start, end }) => snippet.text.slice(start, end))
const options = { count: 2, length: 120 }
const filler = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ')

describe('bodySnippets', () => {
  it('marks the matched words in a window around them', () => {
    const body = `${filler(40)} the message passing framework ${filler(40)}`
    const [snippet, ...rest] = bodySnippets(new ScanText(body), [term('message'), term('passing')], options)
    expect(rest).toEqual([])
    expect(marked(snippet!)).toEqual(['message', 'passing'])
    expect(snippet!.text.startsWith('…')).toBe(true)
    expect(snippet!.text.endsWith('…')).toBe(true)
  })

  it('prefers the window where more different terms meet', () => {
    const body = `graph ${filler(60)} graph and kernel together ${filler(60)}`
    const [snippet] = bodySnippets(new ScanText(body), [term('graph'), term('kernel')], { count: 1, length: 80 })
    expect(marked(snippet!)).toEqual(['graph', 'kernel'])
  })

  it('gives a second window for matches far apart, in text order', () => {
    const body = `Gaussian ${filler(80)} covariance ${filler(80)}`
    const snippets = bodySnippets(new ScanText(body), [term('covariance'), term('gaussian')], options)
    expect(snippets.map(marked)).toEqual([['Gaussian'], ['covariance']])
  })

  it('folds white space and keeps highlights aligned', () => {
    const body = 'First line\n\n  the   Schrödinger\tequation\nends here.'
    const [snippet] = bodySnippets(new ScanText(body), [term('schrodinger'), term('equation')], options)
    expect(snippet!.text).toBe('First line the Schrödinger equation ends here.')
    expect(marked(snippet!)).toEqual(['Schrödinger', 'equation'])
  })

  it('shows the opening of the body when only other fields matched', () => {
    const [snippet] = bodySnippets(new ScanText(`Opening words. ${filler(100)}`), [term('absent')], options)
    expect(snippet!.text.startsWith('Opening words.')).toBe(true)
    expect(snippet!.highlights).toEqual([])
  })

  it('gives nothing for an empty body', () => {
    expect(bodySnippets(new ScanText('  \n'), [term('x')], options)).toEqual([])
  })

  it('keeps math as its source', () => {
    const [snippet] = bodySnippets(new ScanText('We sample $\\varepsilon \\sim \\mathcal{N}(0, I)$ here.'), [term('epsilon')], options)
    expect(snippet!.text).toBe('We sample $\\varepsilon \\sim \\mathcal{N}(0, I)$ here.')
    expect(marked(snippet!)).toEqual(['varepsilon'])
  })
})

describe('formatSnippet', () => {
  const snippet = (text: string, words: string[]): Snippet => ({
    text,
    highlights: words.map((w) => ({ start: text.indexOf(w), end: text.indexOf(w) + w.length })),
  })
  const brackets = (s: string) => `[${s}]`

  it('styles matched words with the caller’s function', () => {
    expect(formatSnippet(snippet('a graph of nodes', ['graph', 'nodes']), 80, brackets)).toBe('a [graph] of [nodes]')
  })

  it.each([10, 20, 33, 47])('fits in %i columns', (width) => {
    const line = formatSnippet(snippet(`${filler(30)} target ${filler(30)}`, ['target']), width, (s) => s)
    expect(stringWidth(line)).toBeLessThanOrEqual(width)
    expect(line).toContain('target')
  })

  it('counts wide characters as two columns', () => {
    const line = formatSnippet(snippet('图神经网络 graph 消息传递 message 分子性质预测', ['graph']), 16, (s) => s)
    expect(stringWidth(line)).toBeLessThanOrEqual(16)
    expect(line).toContain('graph')
  })

  it('sanitises control characters before styling', () => {
    const line = formatSnippet(snippet('evil \u001b[2J text \u202e here', ['text']), 80, brackets)
    expect(line).toBe('evil \\u001B[2J [text] \\u202E here')
    expect(line).not.toMatch(/[\u001b\u202e]/)
  })

  it('reads a surrogate pair as one character and a lone surrogate or an escape as its own', () => {
    const text = 'x\u{1f600}y \ud800 z\u001b[31m \u00e9\u6f22 end'
    const marked = {
      text,
      highlights: [
        { start: 1, end: 4 },
        { start: 14, end: 16 },
      ],
    }
    expect(formatSnippet(marked, 80, brackets)).toBe('x[\u{1f600}y] \ud800 z\\u001B[31m [\u00e9\u6f22] end')
    expect(formatSnippet(marked, 9, brackets)).toBe('x[\u{1f600}y] \ud800 z\u2026')
  })
})

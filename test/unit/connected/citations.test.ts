import { describe, expect, it } from 'vitest'
import {
  backlinks,
  citationGraph,
  citedPaperKeys,
  CitationResolver,
  extractCitations,
  resolveCitations,
} from '../../../src/core/citations/citations.js'
import { protectedSpans } from '../../../src/core/citations/scan.js'
import { libraryOf, paper, summary } from '../../support/library.js'

/** Each citation as `form:key,key`, in order. */
function found(body: string): string[] {
  return extractCitations(body).map((c) => `${c.form}:${c.keys.join(',')}`)
}

describe('extractCitations', () => {
  it.each([
    ['As \\cite{gilmer2017neural} shows', ['latex:gilmer2017neural']],
    ['\\citep{a2020x, b2021y} and \\citet{c2019z}', ['latex:a2020x,b2021y', 'latex:c2019z']],
    ['\\citep[p.~3]{a2020x} and \\citep[see][ch. 2]{b2021y}', ['latex:a2020x', 'latex:b2021y']],
    ['\\cite*{a2020x} \\parencite{b2021y} \\textcite{c2019z}', ['latex:a2020x', 'latex:b2021y', 'latex:c2019z']],
    ['\\cite{} and \\cite{ , }', []],
    ['a line break \\\\cite{a2020x} is not a command', []],
    ['Pandoc [@gilmer2017neural] style', ['pandoc:gilmer2017neural']],
    ['[see @a2020x, p. 3; @b2021y] and [-@c2019z]', ['pandoc:a2020x', 'pandoc:b2021y', 'pandoc:c2019z']],
    ['in-text @gilmer2017neural says', ['bare:gilmer2017neural']],
    ['(@a2020x) and "@b2021y" and *@c2019z*', ['bare:a2020x', 'bare:b2021y', 'bare:c2019z']],
    ['ends a sentence: @a2020x. Next', ['bare:a2020x']],
    ['keys with inner punctuation @doe:2020.x-y', ['bare:doe:2020.x-y']],
    ['mail ada@example.org or @ada@example.org', []],
    ['a url https://medium.com/@someone/post', []],
    ['a link [@a2020x](https://example.org) is not a citation', []],
    ['a reference link [@a2020x][ref] neither', []],
    ['code `\\cite{a2020x} @b2021y` is code', []],
    ['```\n\\cite{a2020x}\n@b2021y\n```\nafter @c2019z', ['bare:c2019z']],
    ['~~~~\n@a2020x\n~~~\nstill fenced @b2021y', []],
    ['math $x @a2020x$ and $$\\cite{b2021y}$$ and \\(@c\\) then @d2020w', ['bare:d2020w']],
    ['money $5 and @a2020x for $10', ['bare:a2020x']],
    ['an escaped \\$ sign @a2020x and \\$ again', ['bare:a2020x']],
    ['\\begin{align} @a2020x \\end{align} @b2021y', ['bare:b2021y']],
    ['mixed \\cite{a} [@b] @c in order', ['latex:a', 'pandoc:b', 'bare:c']],
    ['', []],
  ])('%j → %j', (body, expected) => {
    expect(found(body)).toEqual(expected)
  })

  it('reports where each citation is, so a renderer can replace it', () => {
    const body = 'See \\citep[p.~2]{a2020x} and [@b2021y].'
    const spans = extractCitations(body).map((c) => body.slice(c.start, c.end))
    expect(spans).toEqual(['\\citep[p.~2]{a2020x}', '@b2021y'])
  })

  it('stays linear on hostile input (unmatched backticks, unclosed math)', () => {
    const body = '`'.repeat(1) + ' x ``'.repeat(20_000) + '\\( '.repeat(20_000) + '@a2020x'
    expect(found(body)).toEqual(['bare:a2020x'])
  })
})

describe('protectedSpans', () => {
  it.each([
    ['plain text', []],
    ['a `b` c', ['`b`']],
    ['a ``b ` c`` d', ['``b ` c``']],
    ['x $a+b$ y', ['$a+b$']],
    ['code `$x` then $y$', ['`$x`', '$y$']],
    ['$a `b` c$', ['$a `b` c$']],
  ])('%j protects %j', (body, expected) => {
    expect(protectedSpans(body).map(([s, e]) => body.slice(s, e))).toEqual(expected)
  })
})

const lib = libraryOf(
  [
    paper({ key: 'gilmer2017neural', title: 'Neural Message Passing for Quantum Chemistry' }),
    paper({ key: 'kipf2017semi', title: 'Semi-Supervised Classification with Graph Convolutional Networks' }),
    paper({ key: 'vaswani2017attention', title: 'Attention Is All You Need' }),
  ],
  [
    summary({ id: 'gilmer2017neural', paper: 'gilmer2017neural', body: 'Builds on [@kipf2017semi] and \\cite{Gilmer2017Neural}.\n' }),
    summary({
      id: 'kipf2017semi',
      paper: 'kipf2017semi',
      body: 'Cited later by @gilmer2017neural; see also \\cite{nobody2020x}. Ping @karpathy.\n',
    }),
    summary({ id: 'kipf2017semi-2', paper: 'kipf2017semi', body: 'A second view, citing [@gilmer2017neural-2; @vaswani2017attention].\n' }),
    summary({ id: 'vaswani2017attention', paper: 'vaswani2017attention', body: 'Cites nothing.\n' }),
  ],
)
lib.summaries.push(summary({ id: 'gilmer2017neural-2', paper: 'gilmer2017neural' }))

describe('resolution', () => {
  const resolver = new CitationResolver(lib)

  it.each([
    ['gilmer2017neural', 'gilmer2017neural'],
    ['GILMER2017NEURAL', 'gilmer2017neural'],
    ['gilmer2017neural-2', 'gilmer2017neural'],
    ['kipf2017', null],
    ['nobody2020x', null],
  ])('%s names %s', (key, expected) => {
    expect(resolver.resolve(key)?.key ?? null).toBe(expected)
  })

  it('keeps unknown explicit keys (to mark them) and drops bare words that name nothing', () => {
    const cited = resolveCitations(lib.summaries[1]!.body, resolver).map((c) => c.cited.map((k) => `${k.key}→${k.paper?.key ?? '?'}`))
    expect(cited).toEqual([['gilmer2017neural→gilmer2017neural'], ['nobody2020x→?']])
  })

  it('lists the papers a summary cites once each, never its own paper', () => {
    expect(citedPaperKeys(lib.summaries[0]!, resolver)).toEqual(['kipf2017semi'])
    expect(citedPaperKeys(lib.summaries[2]!, resolver)).toEqual(['gilmer2017neural', 'vaswani2017attention'])
  })

  it('builds backlinks: who cites each paper', () => {
    const graph = citationGraph(lib)
    const citedBy = (key: string) => graph.citedBy.get(key)?.map((s) => s.id) ?? []
    expect(citedBy('gilmer2017neural')).toEqual(['kipf2017semi', 'kipf2017semi-2'])
    expect(citedBy('kipf2017semi')).toEqual(['gilmer2017neural'])
    expect(citedBy('vaswani2017attention')).toEqual(['kipf2017semi-2'])
    expect(graph.cites.has('vaswani2017attention')).toBe(false)
  })

  it('finds the same backlinks for chosen papers without reading every body', () => {
    const graph = citationGraph(lib)
    const keys = ['gilmer2017neural', 'kipf2017semi', 'vaswani2017attention', 'gilmer2017neural-2']
    const found = backlinks(lib, keys)
    for (const key of keys) expect(found.get(key)?.map((s) => s.id)).toEqual(graph.citedBy.get(key)?.map((s) => s.id))
    expect(backlinks(lib, []).size).toBe(0)
  })
})

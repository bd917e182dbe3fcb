import { describe, expect, it } from 'vitest'
import { CitationResolver, rewriteCitations } from '../../../src/core/citations/citations.js'
import { escapeMarkdown, shortTitle } from '../../../src/core/citations/citation-text.js'
import { citationMarkdown, renderCitedBy, ShowCitations } from '../../../src/render/citations.js'
import { renderMarkdown } from '../../../src/render/markdown.js'
import { paper, summary } from '../../support/library.js'
import { connectedLibrary } from './fixture.js'

describe('shortTitle', () => {
  it.each([
    ['Attention Is All You Need', 'Attention Is All You Need'],
    ['BERT: Pre-training of Deep Bidirectional Transformers', 'BERT'],
    ['Semi-Supervised Classification with Graph Convolutional Networks', 'Semi-Supervised Classification with Graph…'],
    ['A title whose lead-in before the colon is far too long to stand alone: a study', 'A title whose lead-in before the colon is far…'],
    ['  Spaces\n and   breaks ', 'Spaces and breaks'],
  ])('%j → %j', (title, expected) => {
    expect(shortTitle(title)).toBe(expected)
  })
})

const lib = connectedLibrary()
const resolver = new CitationResolver(lib)

/** A body with its citations as display Markdown. */
function display(body: string, hyperlinks = false): string {
  return rewriteCitations(body, resolver, (c) => citationMarkdown(c, hyperlinks))
}

describe('citations as Markdown for display', () => {
  it.each([
    ['See \\cite{vaswani2017attention}.', 'See &#91;*Attention Is All You Need*&#93;.'],
    ['As \\citet{vaswani2017attention} show', 'As *Attention Is All You Need* show'],
    ['\\citep{kipf2017semi,nobody2020x}', '&#91;*Semi\\-Supervised Classification with Graph…*; ?nobody2020x&#93;'],
    ['[see @vaswani2017attention, p. 3]', '[see *Attention Is All You Need*, p. 3]'],
    ['[@nobody2020x]', '[?nobody2020x]'],
    ['in-text @vaswani2017attention and @karpathy', 'in-text *Attention Is All You Need* and @karpathy'],
    ['code `\\cite{kipf2017semi}` stays', 'code `\\cite{kipf2017semi}` stays'],
  ])('%j → %j', (body, expected) => {
    expect(display(body)).toBe(expected)
  })

  it('links titles to the paper when hyperlinks are on', () => {
    const withArxiv = connectedLibrary()
    withArxiv.papers.find((p) => p.key === 'vaswani2017attention')!.arxiv = '1706.03762'
    const linking = new CitationResolver(withArxiv)
    const body = rewriteCitations('[@vaswani2017attention]', linking, (c) => citationMarkdown(c, true))
    expect(body).toBe('[[*Attention Is All You Need*](<https://arxiv.org/abs/1706.03762>)]')
  })

  it('escapes titles so Markdown and math leave them alone', () => {
    expect(escapeMarkdown('Costs $5 *and* _x_ [1] \\(y)')).toBe('Costs \\$5 \\*and\\* \\_x\\_ &#91;1&#93; \\\\&#40;y&#41;')
    const odd = connectedLibrary()
    odd.papers[0]!.title = 'Why $x_1$ *matters*'
    const rendered = renderMarkdown(
      rewriteCitations('\\cite{gilmer2017neural}', new CitationResolver(odd), (c) => citationMarkdown(c, false)),
      {
        width: 80,
        color: false,
        hyperlinks: false,
      },
    )
    expect(rendered.text).toBe('[Why $x_1$ *matters*]')
  })

  it('renders through the Markdown renderer as plain titles, without colour', () => {
    const rendered = renderMarkdown(display('Builds on \\cite{kipf2017semi} and [@nobody2020x].'), {
      width: 80,
      color: false,
      hyperlinks: false,
    })
    expect(rendered.text).toBe('Builds on [Semi-Supervised Classification with Graph…] and [?nobody2020x].')
  })

  it('emits an OSC 8 hyperlink around the title when hyperlinks are on', () => {
    const withArxiv = connectedLibrary()
    withArxiv.papers.find((p) => p.key === 'kipf2017semi')!.arxiv = '1609.02907'
    const show = new ShowCitations(withArxiv, [], { width: 80, color: true, hyperlinks: true })
    const body = show.display(summary({ id: 'x', paper: 'gilmer2017neural', body: 'See \\cite{kipf2017semi}.' })).body
    const rendered = renderMarkdown(body, { width: 80, color: true, hyperlinks: true }).text
    expect(rendered).toContain('\u001b]8;;https://arxiv.org/abs/1609.02907\u0007')
    expect(rendered.replace(/\u001b\[[0-9;]*m|\u001b\]8;;[^\u0007]*\u0007/g, '')).toBe('See [Semi-Supervised Classification with Graph…].')
  })
})

describe('Cited by', () => {
  it('lists the summaries citing a paper with their titles, in a column', () => {
    const show = new ShowCitations(lib, ['kipf2017semi'], { width: 80, color: false, hyperlinks: false })
    const kipf = lib.papers.find((p) => p.key === 'kipf2017semi')!
    expect(show.citedBy(kipf)).toBe(
      '\n── Cited by 2 ' +
        '─'.repeat(66) +
        '\n' +
        'gilmer2017neural     Neural Message Passing for Quantum Chemistry\n' +
        'velickovic2018graph  Graph Attention Networks\n',
    )
  })

  it('is empty for a paper nobody cites', () => {
    const show = new ShowCitations(lib, ['gilmer2017neural'], { width: 60, color: false, hyperlinks: false })
    expect(show.citedBy(lib.papers.find((p) => p.key === 'gilmer2017neural')!)).toBe('')
  })

  it('escapes hostile ids and titles, and wraps long titles under the title column', () => {
    const hostile = paper({ key: 'evil', title: 'Evil \u001b[2J title that goes on and on and on' })
    const text = renderCitedBy([{ summary: summary({ id: 'evil\u0007', paper: 'evil' }), paper: hostile }], {
      width: 30,
      color: false,
      hyperlinks: false,
    })
    expect(text).not.toMatch(/[\u0007\u001b]/)
    expect(text.split('\n').slice(1)).toEqual([
      'evil\\u0007  Evil \\u001B[2J',
      '            title that goes on',
      '            and on and on',
    ])
  })
})

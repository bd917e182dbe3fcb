import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CitationResolver, resolveCitations } from '../../../src/core/citations/citations.js'
import { parseQuery } from '../../../src/core/search/query.js'
import { libraryEntries } from '../../../src/core/records/entries.js'
import { filterEntries } from '../../../src/core/search/search.js'
import { htmlCitationLinks, pandocCitation, textCitations, withCitedPapers } from '../../../src/formats/citations.js'
import { librarySubset } from '../../../src/formats/json.js'
import { main } from '../../../src/main.js'
import { tempDir, testContext } from '../../support/context.js'
import { summary } from '../../support/library.js'
import { connectedLibrary } from './fixture.js'

const lib = connectedLibrary()
const resolver = new CitationResolver(lib)
const bibKeys = new Map([
  ['kipf2017semi', 'kipf2017semi'],
  ['gilmer2017neural', 'Gilmer_2017'],
])

describe('pandocCitation', () => {
  it.each([
    ['\\cite{kipf2017semi}', '[@kipf2017semi]'],
    ['\\citep[see][p.~3]{kipf2017semi,gilmer2017neural}', '[see @kipf2017semi; @Gilmer_2017, p.~3]'],
    ['\\citep[ch. 2]{kipf2017semi}', '[@kipf2017semi, ch. 2]'],
    ['\\citet{kipf2017semi}', '@kipf2017semi'],
    ['\\citeyear{kipf2017semi}', '[-@kipf2017semi]'],
    ['\\cite{nobody2020x}', '[@nobody2020x]'],
    ['[@gilmer2017neural-2]', '@Gilmer_2017'],
    ['[-@GILMER2017NEURAL]', '-@Gilmer_2017'],
    ['@kipf2017semi', '@kipf2017semi'],
  ])('%j → %j', (body, expected) => {
    const [citation] = resolveCitations(body, resolver)
    expect(pandocCitation(citation!, bibKeys)).toBe(expected)
  })
})

describe('withCitedPapers', () => {
  it('adds the papers the selection cites, after its own, once each', () => {
    const selected = librarySubset(lib, filterEntries(libraryEntries(lib), parseQuery('tag:ml/graphs')))
    expect(selected.papers.map((p) => p.key)).toEqual(['kipf2017semi', 'velickovic2018graph'])
    expect(withCitedPapers(lib, selected).papers.map((p) => p.key)).toEqual(['kipf2017semi', 'velickovic2018graph', 'vaswani2017attention'])
  })
})

describe('htmlCitationLinks', () => {
  it('links to the section on the page, else the paper online, else its title; unknown keys marked', () => {
    const withUrl = connectedLibrary()
    withUrl.papers.find((p) => p.key === 'vaswani2017attention')!.arxiv = '1706.03762'
    const rewrite = htmlCitationLinks(withUrl, new Map([['kipf2017semi', 'paper-1']]))
    expect(rewrite('\\cite{kipf2017semi,vaswani2017attention}')).toBe(
      '&#91;[Semi\\-Supervised Classification with Graph…](<#paper-1>); [Attention Is All You Need](<https://arxiv.org/abs/1706.03762>)&#93;',
    )
    expect(rewrite('as @rasmussen2004gaussian and [@nobody2020x]')).toBe('as Gaussian Processes in Machine Learning and [?nobody2020x]')
  })
})

describe('textCitations (a reading list without a .bib)', () => {
  const rewrite = textCitations(lib, new Map([['kipf2017semi', 'paper-1']]))
  it.each([
    ['\\cite{kipf2017semi}', '([Semi\\-Supervised Classification with Graph…](<#paper-1>), 2017)'],
    [
      '\\citep[see][p.~3]{kipf2017semi,vaswani2017attention}',
      '(see [Semi\\-Supervised Classification with Graph…](<#paper-1>), 2017; Attention Is All You Need, 2017, p.~3)',
    ],
    ['\\citet{vaswani2017attention}', 'Attention Is All You Need (2017)'],
    ['\\citeyear{vaswani2017attention}', '(2017)'],
    ['[see @vaswani2017attention, p. 3]', '[see Attention Is All You Need, 2017, p. 3]'],
    ['[-@vaswani2017attention]', '[2017]'],
    ['as @vaswani2017attention shows', 'as Attention Is All You Need (2017) shows'],
    ['notes \\cite{anon0000notes}', 'notes (Untitled lecture notes)'],
    ['\\cite{nobody2020x} and [@nobody2020x]', '(?nobody2020x) and [?nobody2020x]'],
  ])('%j → %j', (body, expected) => {
    expect(rewrite(body)).toBe(expected)
  })
})

describe('export keeps citations working', () => {
  async function exportTo(args: string[]): Promise<string> {
    const dir = tempDir()
    const ctx = testContext({ library: connectedLibrary() })
    ctx.cwd = dir
    expect(await main(['export', ...args], ctx)).toBe(0)
    return dir
  }

  it('md: Pandoc citations in the list, and the cited papers in the .bib', async () => {
    const dir = await exportTo(['tag:ml/graphs', '--format', 'md', '--out', 'list.md', '--bib', 'refs.bib'])
    const list = readFileSync(join(dir, 'list.md'), 'utf8')
    expect(list).toContain('like @vaswani2017attention, instead of the fixed averages of [@kipf2017semi].')
    const bib = readFileSync(join(dir, 'refs.bib'), 'utf8')
    for (const key of ['kipf2017semi', 'velickovic2018graph', 'vaswani2017attention']) expect(bib).toContain(`{${key},`)
    expect(bib).not.toContain('{gilmer2017neural,')
  })

  it('md without --bib: citations as titles and years, no [@key] left for Pandoc to print as "(key?)"', async () => {
    const dir = await exportTo(['tag:ml/graphs', '--format', 'md', '--out', 'list.md'])
    const list = readFileSync(join(dir, 'list.md'), 'utf8')
    expect(list).toContain(
      'like Attention Is All You Need (2017), instead of the fixed averages of ([Semi\\-Supervised Classification with Graph…](<#paper-kipf2017semi>), 2017).',
    )
    expect(list).not.toMatch(/@|bibliography:/)
  })

  it('md files, one per summary: the body exactly as written, \\cite kept', async () => {
    const dir = await exportTo(['tag:ml/graphs', '--format', 'md', '--out', 'notes/'])
    expect(readFileSync(join(dir, 'notes', 'velickovic2018graph.md'), 'utf8')).toContain(
      'like \\citet{vaswani2017attention}, instead of the fixed averages of \\cite{kipf2017semi}.',
    )
  })

  it('html: citations link between the papers of the page', async () => {
    const dir = await exportTo(['tag:gnn', '--format', 'html', '--out', 'page.html'])
    const page = readFileSync(join(dir, 'page.html'), 'utf8')
    const kipfSection = /<article class="paper" id="(paper-\d+)">\n<h2>Semi-Supervised/.exec(page)![1]
    expect(page).toMatch(new RegExp(`averages of \\[<a [^>]*href="#${kipfSection}">Semi-Supervised Classification with Graph…</a>\\]`))
    expect(page).toContain('like Attention Is All You Need, instead')
  })
})

describe('a summary citing itself by id', () => {
  it('is not listed as citing its own paper in exports', () => {
    const own = connectedLibrary()
    own.summaries.push(summary({ id: 'kipf2017semi-2', paper: 'kipf2017semi', body: 'see [@kipf2017semi]' }))
    const selected = librarySubset(own, filterEntries(libraryEntries(own), parseQuery('id:kipf2017semi-2')))
    expect(withCitedPapers(own, selected).papers.map((p) => p.key)).toEqual(['kipf2017semi'])
  })
})

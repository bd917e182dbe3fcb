import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readBibtex } from '../../../src/formats/bibtex-import.js'
import { libraryToBibtex } from '../../../src/formats/bibtex.js'
import { sampleLibrary } from './sample-library.js'

const fixture = readFileSync(new URL('../../fixtures/formats/refs.bib', import.meta.url), 'utf8')

describe('readBibtex', () => {
  const { records, problems } = readBibtex(fixture, 'refs.bib')
  const byKey = new Map(records.map((r) => [r.paper.key, r]))

  it('reads every good entry and names the bad one', () => {
    expect([...byKey.keys()]).toEqual(['lovelace2019graphs', 'hopper1952', 'noether1921', 'afterbroken'])
    expect(problems).toHaveLength(1)
    expect(problems[0]!.origin).toBe('refs.bib, entry broken')
    expect(problems[0]!.reason).toMatch(/Unterminated/)
  })

  it('turns LaTeX into text but keeps math as written', () => {
    const paper = byKey.get('lovelace2019graphs')!.paper
    expect(paper).toMatchObject({
      title: 'Graphs in $\\mathcal{O}(n^2)$ Time: Schrödinger, Café & 50% of GNNs',
      authors: ['Ada Lovelace', 'Jan van der Berg', 'Jean de la Fontaine', '{Analytical Engine Society}'],
      year: 2019,
      venue: 'Proceedings of the International Conference on Machine Learning',
      arxiv: '1901.00012',
      doi: null,
    })
  })

  it('makes annote the summary, as Markdown, tagged with the keywords', () => {
    const [summary] = byKey.get('lovelace2019graphs')!.summaries
    expect(summary!.tags).toEqual(['gnn', 'graph-theory'])
    expect(summary!.body).toBe(
      'We read this on a train. The loss is $\\mathcal{L} = \\sum_i \\|x_i - \\hat{x}_i\\|^2$ and costs $5.\n\n' +
        '*Second* paragraph with **bold**, a < b, <https://example.org/a_b> and\n\n- first\n- second',
    )
  })

  it('reads note, dates, DOI URLs and angle-bracket commands', () => {
    const record = byKey.get('hopper1952')!
    expect(record.paper).toMatchObject({
      year: 1952,
      doi: '10.5555/abc_def',
      venue: 'Journal of <Things>',
      title: 'A Compiler for the UNIVAC',
    })
    expect(record.summaries.map((s) => s.body)).toEqual(['A short note.'])
  })

  it('finds arXiv ids in URLs and leaves papers without a note unsummarised', () => {
    const record = byKey.get('noether1921')!
    expect(record.paper.arxiv).toBe('math/0501234')
    expect(record.summaries).toEqual([])
  })

  it('reads back what the BibTeX export wrote', () => {
    const lib = sampleLibrary()
    const back = readBibtex(libraryToBibtex(lib), 'export.bib')
    expect(back.problems).toEqual([])
    expect(back.records.map((r) => r.paper.title)).toEqual(lib.papers.map((p) => p.title))
    expect(back.records.map((r) => [r.paper.key, r.paper.year, r.paper.venue, r.paper.arxiv, r.paper.url])).toEqual(
      lib.papers.map((p) => [p.key, p.year, p.venue, p.arxiv, p.url]),
    )
    expect(back.records[0]!.paper.authors).toEqual([
      'Ada Lovelace',
      'Jan van der Berg',
      'Charles de la Vallée Poussin',
      'Émilie du Châtelet',
    ])
  })

  it.each([['an entry cut short', '@misc{x,', /Runaway key/]])('reports %s as a problem naming the entry', (_case, bib, reason) => {
    const { records, problems } = readBibtex(bib, 'bad.bib')
    expect(records).toEqual([])
    expect(problems).toEqual([{ origin: 'bad.bib, entry x', reason: expect.stringMatching(reason) }])
  })

  it.each([
    // A lone `$` is a dollar sign: the math scan never pairs it across fields.
    ['lone dollars in two fields', '{cost $5}, note = {and $10}', 'cost $5'],
    ['escaped dollars', '{\\$5 and \\$10}', '$5 and $10'],
    ['display math', '{A $$\\sum_{i} x_i$$ sum}', 'A $$\\sum_{i} x_i$$ sum'],
    ['bracket math', '{A \\(x^{2}\\) and \\[y\\]}', 'A \\(x^{2}\\) and \\[y\\]'],
    ['math with an unbalanced brace', '{A $x}$ b}', null],
    ['angle brackets', '{a < b and \\textless{}c\\textgreater}', 'a < b and <c>'],
  ])('reads %s', (_case, value, title) => {
    const { records, problems } = readBibtex(`@misc{k, title = ${value}}`, 'm.bib')
    if (title === null) expect(problems).toHaveLength(1)
    else expect(records[0]!.paper.title).toBe(title)
  })

  it('scans hostile dollar and brace runs in linear time', () => {
    const hostile = '@misc{k, title = {' + '${\\('.repeat(50_000) + '}}'
    const { problems } = readBibtex(hostile, 'slow.bib')
    expect(problems.length).toBeGreaterThan(0)
  })

  it('does not let a placeholder-looking text or markup-looking text change the result', () => {
    const { records } = readBibtex('@misc{k, title = {precisspan0precisspan <i>not markup</i> $x$}}', 'p.bib')
    expect(records[0]!.paper.title).toBe('precisspan0precisspan <i>not markup</i> $x$')
  })

  it('keeps __proto__ entries and fields as data', () => {
    const { records } = readBibtex('@misc{__proto__, __proto__ = {polluted}, title = {T}, keywords = {__proto__}, annote = {n}}', 'p.bib')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(records[0]!.paper.key).toBe('__proto__')
    expect(records[0]!.summaries[0]!.tags).toEqual(['__proto__'])
  })

  // BibTeX's journal, biblatex's journaltitle, a proceedings' booktitle: the first of them given is the venue.
  it.each([
    ['journal = {J}', 'J'],
    ['journaltitle = {Journal of Biblatex}', 'Journal of Biblatex'],
    ['booktitle = {B}', 'B'],
    ['booktitle = {B}, journaltitle = {JT}, journal = {J}', 'J'],
    ['booktitle = {B}, journaltitle = {JT}', 'JT'],
    ['title = {Handbook}, chapter = {Graphs}', 'Handbook'],
    ['', null],
  ])('the venue of an entry with %s is %j', (fields, venue) => {
    const { records } = readBibtex(`@article{k, ${fields ? `${fields}, ` : ''}year = 2020}`, 'v.bib')
    expect(records[0]!.paper.venue).toBe(venue)
  })
})

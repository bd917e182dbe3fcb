import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DataError } from '../../../src/core/errors.js'
import { isShortScienceDump, readShortScienceCsv, readShortScienceDump } from '../../../src/formats/shortscience.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/formats/${name}`, import.meta.url), 'utf8')

describe('readShortScienceDump', () => {
  const page = fixture('shortscience-page.txt')
  const { records, problems } = readShortScienceDump(page, 'page.txt')

  it('recognises a page dump', () => {
    expect(isShortScienceDump(page)).toBe(true)
    expect(isShortScienceDump('paperid,text\nx,y\n')).toBe(false)
  })

  it('splits at [link], drops the header and the image debris, and keeps the text exactly', () => {
    expect(problems).toEqual([])
    expect(records.map((r) => r.summaries[0]!.body)).toEqual([
      'This paper proposes a tidy way to pass messages along the edges of a graph, with a readout $R(\\{h_v^T\\})$ at the end.https://i.imgur.com/Abc123X.png Costs drop from $5 to $3 per molecule.',
      "A second reader's take on arXiv:1704.01212v2, kept short.",
      'Mentions arXiv:1511.05493 and https://doi.org/10.1000/XYZ, so neither is assumed to be its paper.',
    ])
    expect(records.map((r) => r.origin)).toEqual(['page.txt, summary 1', 'page.txt, summary 2', 'page.txt, summary 3'])
    expect(records.every((r) => r.summaries[0]!.tags.join() === 'shortscience')).toBe(true)
  })

  it('titles each paper by a hash of its text, and takes an identifier only when the text names one', () => {
    expect(records.map((r) => r.paper.title)).toEqual(
      records.map(() => expect.stringMatching(/^Untitled ShortScience summary [0-9a-f]{8}$/)),
    )
    expect(new Set(records.map((r) => r.paper.title)).size).toBe(3)
    expect(records.map((r) => [r.paper.arxiv, r.paper.doi])).toEqual([
      [null, null],
      ['1704.01212', null],
      [null, null],
    ])
  })

  it('refuses a text with no [link] separators, naming it', () => {
    expect(() => readShortScienceDump('just some text', 'notes.txt')).toThrow(/notes\.txt has no \[link\] lines/)
  })

  it('gives the same titles when the same page is read again', () => {
    expect(readShortScienceDump(page, 'again.txt').records.map((r) => r.paper.title)).toEqual(records.map((r) => r.paper.title))
  })
})

describe('readShortScienceCsv', () => {
  const { records, problems } = readShortScienceCsv(fixture('shortscience.csv'), 'export.csv')

  it('reads quoted fields exactly and groups rows by paper', () => {
    expect(records.map((r) => [r.paper.arxiv, r.paper.doi, r.summaries.map((s) => s.body)])).toEqual([
      ['1704.01212', null, ['A summary with a comma, a "quote" and\na newline', 'Second summary of the same paper']],
      [null, '10.1000/abc.def', ['Plain text']],
      [null, null, ['Another one']],
      ['2003.10555', null, ['Dashed dblp form']],
    ])
  })

  it('keeps an unknown paper id in the title and a ShortScience link', () => {
    expect(records[2]!.paper).toMatchObject({
      title: 'Untitled ShortScience paper conf/icml/LovelaceB19',
      url: 'https://www.shortscience.org/paper?bibtexKey=conf%2Ficml%2FLovelaceB19',
    })
  })

  it('reports a row with the wrong number of columns by its line', () => {
    expect(problems).toEqual([{ origin: 'export.csv, line 8', reason: 'expected 2 columns (paperid,text), found 1' }])
  })

  it('works without the header row', () => {
    expect(readShortScienceCsv('x/y,text one\n', 'h.csv').records[0]!.summaries[0]!.body).toBe('text one')
  })

  it('refuses broken quoting, naming the file', () => {
    expect(() => readShortScienceCsv('paperid,text\na,"unclosed\n', 'bad.csv')).toThrow(DataError)
    expect(() => readShortScienceCsv('paperid,text\na,"unclosed\n', 'bad.csv')).toThrow(/bad\.csv is not valid CSV/)
  })
})

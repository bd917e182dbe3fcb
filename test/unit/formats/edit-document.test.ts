import { describe, expect, it } from 'vitest'
import { InvalidDocumentError, parseEditDocument, toEditDocument } from '../../../src/formats/edit-document.js'
import { smallLibrary } from '../../support/library.js'

const lib = smallLibrary()
const paper = lib.papers[0]!
const summary = { ...lib.summaries[0]!, body: 'Body with $x_1$ and *stars*\n\n---\nafter a rule\n  \n' }

describe('edit document', () => {
  it('round-trips paper and summary fields, and the body byte for byte', () => {
    const parsed = parseEditDocument(toEditDocument(paper, summary))
    expect(parsed.paper).toEqual({ title: paper.title, authors: paper.authors, year: 2017, venue: null, arxiv: '1704.01212', doi: null, url: null })
    expect(parsed.summary).toEqual({ by: summary.by, tags: summary.tags, body: summary.body })
  })

  it.each([
    ['a title that YAML would read as a number', { ...paper, title: '1.10' }],
    ['a title with a colon and quotes', { ...paper, title: 'ELECTRA: "Pre-training" Text Encoders' }],
    ['an old-style arXiv id', { ...paper, arxiv: 'math/0501234' }],
  ])('keeps %s exactly', (_, p) => {
    expect(parseEditDocument(toEditDocument(p, summary)).paper).toMatchObject({ title: p.title, arxiv: p.arxiv })
  })

  it.each([
    ['no front matter', 'just text', 'front matter is missing'],
    ['unclosed front matter', '---\ntitle: x\n', 'closing'],
    ['broken YAML', '---\ntitle: [x\n---\nbody', 'front matter'],
    ['an empty title', '---\ntitle: ""\nauthors: [A]\n---\n', 'title'],
    ['no authors', '---\ntitle: T\n---\n', 'authors'],
    ['a bad year', '---\ntitle: T\nauthors: [A]\nyear: soon\n---\n', 'year'],
    ['a bad tag', '---\ntitle: T\nauthors: [A]\ntags: ["a//b"]\n---\n', 'a//b'],
    ['an unknown field', '---\ntitle: T\nauthors: [A]\ncolour: red\n---\n', 'colour'],
    ['a list as front matter', '---\n- a\n---\n', 'mapping'],
    ['an alias bomb', '---\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\ntitle: T\nauthors: [A]\n---\n', 'front matter'],
  ])('refuses %s, saying what is wrong', (_, text, mention) => {
    try {
      parseEditDocument(text)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidDocumentError)
      expect((error as InvalidDocumentError).problems.join('\n')).toContain(mention)
    }
  })

  it('reads authors separated by semicolons and tags by commas when given as one line', () => {
    const parsed = parseEditDocument('---\ntitle: T\nauthors: Lovelace, Ada; Charles Babbage\ntags: ML/GNN, Meta Learning\n---\nx')
    expect(parsed.paper.authors).toEqual(['Lovelace, Ada', 'Charles Babbage'])
    expect(parsed.summary.tags).toEqual(['ml/gnn', 'meta-learning'])
  })
})

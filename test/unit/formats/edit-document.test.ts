import { describe, expect, it } from 'vitest'
import {
  InvalidDocumentError,
  parseEditDocument,
  parsePaperDocument,
  toEditDocument,
  toPaperDocument,
} from '../../../src/formats/edit-document.js'
import { smallLibrary } from '../../support/library.js'

const lib = smallLibrary()
const paper = lib.papers[0]!
const summary = { ...lib.summaries[0]!, body: 'Body with $x_1$ and *stars*\n\n---\nafter a rule\n  \n' }

describe('edit document', () => {
  it('round-trips paper and summary fields, and the body byte for byte', () => {
    const parsed = parseEditDocument(toEditDocument(paper, summary))
    expect(parsed.paper).toEqual({
      title: paper.title,
      authors: paper.authors,
      year: 2017,
      venue: null,
      arxiv: '1704.01212',
      doi: null,
      url: null,
    })
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
    [
      'an escape character in the title',
      '---\ntitle: "A \\e[2J"\nauthors: [A]\n---\n',
      'title contains a control character (U+001B) at character 3',
    ],
    [
      'an over-long author name',
      `---\ntitle: T\nauthors: [A, ${'n'.repeat(201)}]\n---\n`,
      'authors (name 2) is longer than 200 characters (201)',
    ],
    ['a javascript: link', '---\ntitle: T\nauthors: [A]\nurl: "javascript:alert(1)"\n---\n', 'url is not an http or https link'],
    ['an arXiv id that is none', '---\ntitle: T\nauthors: [A]\narxiv: not an id\n---\n', 'arxiv is not an arXiv id'],
    ['a NUL in the body', '---\ntitle: T\nauthors: [A]\n---\nline\nb\u0000', 'body contains a NUL character at line 2, column 2'],
    [
      'an alias bomb',
      '---\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\ntitle: T\nauthors: [A]\n---\n',
      'front matter',
    ],
  ])('refuses %s, saying what is wrong', (_, text, mention) => {
    try {
      parseEditDocument(text)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidDocumentError)
      expect((error as InvalidDocumentError).problems.join('\n')).toContain(mention)
    }
  })

  it('stores identifiers in their canonical form', () => {
    const parsed = parseEditDocument('---\ntitle: T\nauthors: [A]\narxiv: arXiv:1704.01212v2\ndoi: https://doi.org/10.5555/ABC\n---\nx')
    expect(parsed.paper).toMatchObject({ arxiv: '1704.01212', doi: '10.5555/abc' })
  })

  it('reads authors separated by semicolons and tags by commas when given as one line', () => {
    const parsed = parseEditDocument('---\ntitle: T\nauthors: Lovelace, Ada; Charles Babbage\ntags: ML/GNN, Meta Learning\n---\nx')
    expect(parsed.paper.authors).toEqual(['Lovelace, Ada', 'Charles Babbage'])
    expect(parsed.summary.tags).toEqual(['ml/gnn', 'meta-learning'])
  })
})

describe('the document of a paper without summaries', () => {
  const queued = { ...paper, key: 'clark2020electra', title: 'ELECTRA: "Pre-training"', tags: ['thesis', 'ml/gnn'] }
  const document = toPaperDocument(queued)

  it('holds its fields and own tags, no by, and a note naming the add that writes its summary', () => {
    expect(document).toMatch(/^---\ntitle: [\s\S]*\ntags:\n {2}- thesis\n {2}- ml\/gnn\n---\n\n<!--\n/)
    expect(document).not.toMatch(/^by:/m)
    expect(document).toContain('precis add clark2020electra')
  })

  it('reads back as what it shows, the note left as it was or removed', () => {
    const fields = { paper: parseEditDocument(document).paper, tags: ['thesis', 'ml/gnn'] }
    expect(parsePaperDocument(document, queued.key)).toEqual(fields)
    expect(fields.paper).toMatchObject({ title: queued.title, arxiv: '1704.01212' })
    expect(parsePaperDocument(document.replace(/<!--[\s\S]*-->\n/, '\n\n'), queued.key)).toEqual(fields)
    expect(parsePaperDocument(toPaperDocument({ ...queued, tags: undefined }), queued.key).tags).toEqual([])
  })

  it('read as a summary’s document (add --file of a kept one), its text is what was written, without the note', () => {
    expect(parseEditDocument(document + 'My notes.\n').summary.body).toBe('My notes.\n')
    expect(parseEditDocument(document.replace(/\n/g, '\r\n') + 'Mine.\r\n').summary.body).toBe('Mine.\r\n')
    const edited = document.replace('has no summary yet', 'has no summary')
    expect(parseEditDocument(edited).summary.body).toMatch(/^<!--\nclark2020electra has no summary:/)
  })

  it.each([
    ['text below the front matter', document + 'My notes.\n', 'the text below the front matter: clark2020electra has no summary yet'],
    ['text in place of the note', document.replace(/<!--[\s\S]*-->/, 'My notes.'), 'precis add clark2020electra --file'],
    ['a by', document.replace('tags:', 'by: Me\ntags:'), 'by: clark2020electra has no summary yet'],
    ['a field problem, with the others', document.replace(/^year: .*$/m, 'year: soon') + 'notes', 'year'],
  ])('refuses %s, saying what to do', (_, text, mention) => {
    try {
      parsePaperDocument(text, queued.key)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidDocumentError)
      expect((error as InvalidDocumentError).message).toBe('The edited paper is not valid')
      expect((error as InvalidDocumentError).problems.join('\n')).toContain(mention)
    }
  })
})

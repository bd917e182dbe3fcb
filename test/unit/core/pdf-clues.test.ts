import { describe, expect, it } from 'vitest'
import { identifierIn, titleIn, type PageText } from '../../../src/core/attachments/pdf-clues.js'
import { readPdfText } from '../../../src/formats/pdf-text.js'
import { makePdf } from '../../support/pdf.js'

const page = (...lines: string[]): PageText => ({ lines: lines.map((text) => ({ text, size: 10 })) })

describe('identifierIn', () => {
  it.each([
    [[page('Title', 'arXiv:1704.01212v2 [stat.ML] 12 Jun 2017')], { kind: 'arxiv', id: '1704.01212', version: 'v2' }],
    [[page('arXiv:math.AG/0501234v1')], { kind: 'arxiv', id: 'math/0501234', version: 'v1' }],
    [[page('Published as doi:10.1145/3292500.3330701.')], { kind: 'doi', doi: '10.1145/3292500.3330701' }],
    [[page('(https://doi.org/10.1000/XYZ(1)).')], { kind: 'doi', doi: '10.1000/xyz(1)' }],
    [[page('DOI 10.48550/arXiv.2003.10555')], { kind: 'arxiv', id: '2003.10555', version: null }],
    [[page('See 10.1000/abc'), page('arXiv:1704.01212')], { kind: 'doi', doi: '10.1000/abc' }],
    [[page('no identifier'), page('cites doi:10.1000/other')], null],
    [[page('no identifier'), page('arXiv:1704.01212')], { kind: 'arxiv', id: '1704.01212', version: null }],
    [[page('10.1000/' + 'x'.repeat(3000))], null],
    [[], null],
  ])('%j → %j', (pages, source) => {
    expect(identifierIn(pages)).toEqual(source)
  })
})

describe('titleIn', () => {
  const first: PageText = {
    lines: [
      { text: 'Preprint', size: 8 },
      { text: 'Neural Message Passing', size: 17 },
      { text: 'for Quantum Chemistry', size: 17 },
      { text: 'Justin Gilmer', size: 12 },
    ],
  }
  it.each([
    ['a real Info title', 'Neural Message Passing for Quantum Chemistry', first, 'Neural Message Passing for Quantum Chemistry'],
    ['a file name as Info title', 'paper.pdf', first, 'Neural Message Passing for Quantum Chemistry'],
    ['a word processor title', 'Microsoft Word - draft3.docx', first, 'Neural Message Passing for Quantum Chemistry'],
    ['no Info title', null, first, 'Neural Message Passing for Quantum Chemistry'],
    ['control characters', 'A Title\u001b[31m With Escapes\u0007', first, 'A Title [31m With Escapes'],
    ['nothing at all', null, undefined, null],
    ['digits only', null, page('12', '34'), null],
  ])('%s', (_, info, pageText, title) => {
    expect(titleIn(info, pageText)).toBe(title)
  })
})

describe('readPdfText on generated PDFs', () => {
  it('reads the lines of the first two pages only, and the Info title', async () => {
    const pdf = makePdf({ pages: [['First line', 'arXiv:1704.01212'], ['Second page'], ['Third page']], title: 'A (Title)' })
    const text = await readPdfText(pdf, 'test.pdf')
    expect(text.infoTitle).toBe('A (Title)')
    expect(text.pages.map((p) => p.lines.map((l) => l.text))).toEqual([['First line', 'arXiv:1704.01212'], ['Second page']])
  })

  it('refuses what is no PDF', async () => {
    await expect(readPdfText(Buffer.from('plain text'), 'x.pdf')).rejects.toThrow('x.pdf is not a PDF precis can read')
  })

  // pdf.js reads a PDF whatever comes before its `%PDF-` header, or without one, where stricter readers
  // want it in the first KiB: refusing files without it there would refuse three of the first four
  // PDFs here, and would spare the last nothing (it has a header, as e2e/attach's 16 MB of zeros has).
  const pdf = makePdf({ pages: [['Found']] })
  const headerless = Buffer.concat([Buffer.from('%XYZ'), pdf.subarray(4)])
  const after = (junk: number) => Buffer.concat([Buffer.alloc(junk, ' '), pdf])
  it.each([
    ['a header replaced', headerless, 'Found'],
    ['the header ending at byte 1024', after(1024 - 5), 'Found'],
    ['the header starting at byte 1024', after(1024), 'Found'],
    ['the header after 4 KiB', after(4096), 'Found'],
    // Without an object, refused before pdf.js reads it; with one, pdf.js decides.
    ['plain text', Buffer.from('plain text'), 'x.pdf is not a PDF precis can read: it holds no PDF object'],
    [
      'a header and 64 KiB of zeros',
      Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(65_536)]),
      'x.pdf is not a PDF precis can read: it holds no PDF object',
    ],
    [
      'a header, an object and 64 KiB of zeros',
      Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n'), Buffer.alloc(65_536)]),
      'x.pdf is not a PDF precis can read: Invalid PDF structure.',
    ],
    ['plain text naming an object', Buffer.from('plain text, obj'), 'x.pdf is not a PDF precis can read: Invalid PDF structure.'],
    [
      'plain text viewed in bytes that hold objects around it',
      Buffer.from('1 0 obj\nplain text\n2 0 obj').subarray(8, 18),
      'x.pdf is not a PDF precis can read: it holds no PDF object',
    ],
  ])('%s', async (_, bytes, outcome) => {
    const read = await readPdfText(bytes, 'x.pdf').then(
      (text) => text.pages[0]!.lines[0]!.text,
      (error: Error) => error.message,
    )
    expect(read).toBe(outcome)
  })
})
